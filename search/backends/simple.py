"""Portable backend (SQLite, the embedded default): scoring in Python over visible documents.

Same result format as PostgreSQL. Meant for small corpora: every query reads the documents
the user may see (title, summary, keywords and the start of the body).
"""

from __future__ import annotations

import math
from collections import Counter
from functools import reduce
from operator import or_

from django.db.models import Q
from django.db.models.functions import Substr
from django.utils import timezone

from ..models import SearchDocument, SearchTerm
from ..query import DEFAULT_KIND_BOOST, KIND_BOOST, SearchParams
from ..synonyms import ExpandedQuery
from ..text import STOP_WORDS, stem, words

BODY_CHARS = 6000
FIELD_WEIGHTS = (("title", 1.0), ("keywords", 0.5), ("summary", 0.5), ("body", 0.2))


def access_q(tokens) -> Q:
    return reduce(or_, (Q(access__contains=f"|{token}|") for token in tokens))


def filters_q(params: SearchParams) -> Q:
    q = Q()
    for _facet, facet_tokens in params.facet_tokens().items():
        q &= reduce(or_, (Q(facets__contains=f"|{token}|") for token in facet_tokens))
    return q


def _word_matches(query_word: str, doc_words: set[str], doc_stems: set[str]) -> float:
    """1 for an exact or stem match, 0.6 for a prefix, 0.4 for a compound part, else 0."""
    if query_word in doc_words:
        return 1.0
    query_stem = stem(query_word)
    if query_stem in doc_stems:
        return 1.0
    if len(query_stem) >= 4 and any(w.startswith(query_stem) for w in doc_words):
        return 0.6
    if len(query_word) >= 5 and any(query_word in w for w in doc_words if len(w) > len(query_word)):
        return 0.4
    return 0.0


def _alternative_score(alternative, fields) -> float:
    meaningful = [w for w in alternative if w not in STOP_WORDS] or list(alternative)
    best = 0.0
    for weight, doc_words, doc_stems in fields:
        scores = [_word_matches(w, doc_words, doc_stems) for w in meaningful]
        if scores and min(scores) > 0:  # every word of a multi-word synonym must match
            best = max(best, weight * sum(scores) / len(scores))
    return best


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
        matched = []
        for row in self._documents(params, tokens).iterator(chunk_size=2000):
            if expanded.is_empty:
                matched.append((0.0, row))
                continue
            fields = []
            for (_name, weight), text in zip(
                FIELD_WEIGHTS, (row[2], row[9], row[5], row[6]), strict=True
            ):
                doc_words = set(words(text))
                fields.append((weight, doc_words, {stem(w) for w in doc_words}))
            covered = 0
            total = 0.0
            for concept in expanded.concepts:
                best = max(
                    _alternative_score(alt, fields)
                    for alt in [concept.typed, *concept.alternatives]
                )
                if best > 0:
                    covered += 1
                    total += best
            if covered == 0:
                continue
            score = total * (0.5 + covered / len(expanded.concepts))
            score *= 1 + 0.4 * (row[11] or 0)
            if row[4]:
                age = max(0.0, (now - row[4]).total_seconds()) / 31536000.0
                score *= 1 + 0.25 * math.exp(-age)
            score *= KIND_BOOST.get(row[1], DEFAULT_KIND_BOOST)
            matched.append((score, row))
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
