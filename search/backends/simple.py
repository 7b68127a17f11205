"""Portable backend (SQLite, the embedded default): scoring in Python over visible documents.

Same result format as PostgreSQL. Meant for small corpora: every query reads the documents
the user may see (title, summary, keywords and the start of the body).
"""

from __future__ import annotations

from collections import Counter
from functools import reduce
from operator import or_

from django.db.models import Q
from django.db.models.functions import Substr
from django.utils import timezone

from .. import ranking
from ..models import SearchDocument, SearchTerm
from ..query import SearchParams
from ..synonyms import ExpandedQuery

BODY_CHARS = ranking.BODY_CHARS


def access_q(tokens) -> Q:
    return reduce(or_, (Q(access__contains=f"|{token}|") for token in tokens))


def filters_q(params: SearchParams) -> Q:
    q = Q()
    for _facet, facet_tokens in params.facet_tokens().items():
        q &= reduce(or_, (Q(facets__contains=f"|{token}|") for token in facet_tokens))
    return q


class SimpleBackend:
    name = "simple"

    def _documents(self, params: SearchParams, tokens):
        qs = SearchDocument.objects.filter(access_q(tokens)).filter(filters_q(params))
        return qs.annotate(body_head=Substr("body", 1, BODY_CHARS)).values_list(
            "id",
            "kind",
            "title",
            "url",
            "date",
            "summary",
            "body_head",
            "level",
            "status",
            "keywords",
            "facets",
            "quality",
        )

    def search(self, params: SearchParams, expanded: ExpandedQuery, tokens):
        now = timezone.now()
        rows = list(self._documents(params, tokens).iterator(chunk_size=2000))
        if expanded.is_empty:
            matched = [(0.0, row) for row in rows]
        else:
            matched = self._score(expanded, rows, now)
        counts: Counter = Counter()
        for _score, row in matched:
            counts.update(t for t in row[10].split("|") if t)
        if params.sort == "date" or expanded.is_empty:
            matched.sort(
                key=lambda item: (item[1][4] is not None, item[1][4], item[0]), reverse=True
            )
        else:
            matched.sort(
                key=lambda item: (item[0], item[1][4] is not None, item[1][4]), reverse=True
            )
        page = matched[params.offset : params.offset + params.page_size]
        rows = [(*row[:9], score) for score, row in page]
        return rows, len(matched), dict(counts)

    def _score(self, expanded: ExpandedQuery, rows, now):
        """The shared ranking (``search.ranking``) with statistics of the visible documents."""
        analysed = [
            ranking.analyse(
                {"title": row[2], "summary": row[5], "keywords": row[9], "body": row[6]}
            )
            for row in rows
        ]
        vocabulary = set()
        for stats in analysed:
            for counter in stats.counts.values():
                vocabulary.update(counter)
        expanded = ranking.add_compound_splits(expanded, vocabulary.__contains__)
        query = ranking.rank_query(expanded)
        query.documents = float(len(rows))
        ranking.prepare_matches(query, vocabulary)
        for word, tokens in query.matches.items():
            query.df[word] = sum(
                1
                for stats in analysed
                if any(t in c for c in stats.counts.values() for t in tokens)
            )
        averages = ranking.averages_of(analysed)
        matched = []
        for row, stats in zip(rows, analysed, strict=True):
            score = ranking.score_document(
                query, stats, averages, kind=row[1], quality=row[11], date=row[4], now=now
            )
            if score > 0:
                matched.append((score, row))
        return matched

    def fetch(self, ids, tokens):
        if not ids:
            return []
        qs = SearchDocument.objects.filter(access_q(tokens), pk__in=ids)
        return [
            (*row, 0.0)
            for row in qs.annotate(body_head=Substr("body", 1, BODY_CHARS)).values_list(
                "id", "kind", "title", "url", "date", "summary", "body_head", "level", "status"
            )
        ]

    def autocomplete(self, query_words, tokens, kinds, limit):
        qs = SearchDocument.objects.filter(access_q(tokens), kind__in=list(kinds))
        for word in query_words:
            qs = qs.filter(Q(title_folded__startswith=word) | Q(title_folded__contains=" " + word))
        return list(qs.order_by("-quality", "title").values_list("title", "url", "kind")[:limit])

    def nearest_terms(self, word: str, tokens) -> tuple[bool, str | None]:
        terms = SearchTerm.objects.filter(token__in=list(tokens))
        if terms.filter(term=word).exists():
            return True, word
        candidates = (
            terms.filter(term__startswith=word[:1]).values_list("term", flat=True).distinct()[:5000]
        )
        best, best_distance = None, 3
        for term in candidates:
            if abs(len(term) - len(word)) > 2:
                continue
            distance = levenshtein(word, term, best_distance)
            if distance < best_distance:
                best, best_distance = term, distance
        return False, best


def levenshtein(a: str, b: str, limit: int = 3) -> int:
    if a == b:
        return 0
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) >= limit:
            return limit
        previous = current
    return previous[-1]
