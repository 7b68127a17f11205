"""The shared ranking (``search.ranking``) on PostgreSQL: statistics from the database.

Document frequencies come from ``search_lexeme`` (kept by the postings trigger and
``search.refresh_lexicon``), the corpus size from the planner's row estimate, the average
field lengths from a small random sample of documents (cached for an hour). The ~100
candidates per kind group that the postings selected are scored in Python with exactly the
code the SQLite backend uses, from their per-field term frequencies.
"""

from __future__ import annotations

import time
from collections import OrderedDict

from django.utils import timezone

from .. import ranking
from ..query import SearchParams
from ..synonyms import ExpandedQuery
from . import postings

TABLE = "search_searchdocument"
SNIPPET_CHARS = 4000
AVERAGES_SAMPLE = 500  # documents read for the average field lengths
AVERAGES_SECONDS = 3600
_averages: dict[str, object] = {"at": 0.0, "value": None}
# Analysed fields of recently scored documents, per process. The key holds the hash of the
# texts read, so an edited document is analysed afresh (no invalidation needed).
ANALYSED_CACHE_SIZE = 5000
_analysed: OrderedDict = OrderedDict()


def analysed_fields(pk: int, title: str, summary: str, keywords: str, body: str):
    """``ranking.analyse`` of a candidate, remembered for the next queries (LRU)."""
    key = (pk, hash((title, summary, keywords, body)))
    stats = _analysed.get(key)
    if stats is not None:
        _analysed.move_to_end(key)
        return stats
    stats = ranking.analyse(
        {"title": title, "summary": summary, "keywords": keywords, "body": body}
    )
    _analysed[key] = stats
    if len(_analysed) > ANALYSED_CACHE_SIZE:
        _analysed.popitem(last=False)
    return stats


def known_stems(cursor, stems: list[str]) -> set[str]:
    if not stems:
        return set()
    cursor.execute("SELECT term FROM search_lexeme WHERE term = ANY(%s::text[])", [stems])
    return {row[0] for row in cursor.fetchall()}


def with_compound_splits(cursor, expanded: ExpandedQuery) -> ExpandedQuery:
    """Typed compounds also find their parts, when both parts are words of the corpus."""
    candidates = ranking.split_candidates(expanded)
    if not candidates:
        return expanded
    known = known_stems(cursor, candidates)
    return ranking.add_compound_splits(expanded, known.__contains__)


def field_averages(cursor) -> dict[str, float]:
    now = time.monotonic()
    if _averages["value"] is not None and now - float(_averages["at"]) < AVERAGES_SECONDS:
        return _averages["value"]  # type: ignore[return-value]
    cursor.execute(f"SELECT {postings.CORPUS_SIZE_SQL}")
    estimate = float(cursor.fetchone()[0] or 1)
    percent = min(100.0, 100.0 * AVERAGES_SAMPLE * 2 / estimate)
    cursor.execute(
        f"SELECT title, summary, keywords, left(body, %s) FROM {TABLE} "
        f"TABLESAMPLE SYSTEM (%s) LIMIT %s",
        [ranking.BODY_CHARS, percent, AVERAGES_SAMPLE],
    )
    analysed = [
        ranking.analyse({"title": t, "summary": s, "keywords": k, "body": b})
        for t, s, k, b in cursor.fetchall()
    ]
    value = ranking.averages_of(analysed)
    _averages.update(at=now, value=value)
    return value


def rank_query(cursor, expanded: ExpandedQuery, known=None) -> ranking.RankQuery:
    """The scorer's query with document frequencies; ``known`` = (df by lexeme, corpus size)
    from the postings' look-up spares a round trip when it holds every stem."""
    query = ranking.rank_query(expanded)
    stems = {t.word: t.stem for c in query.concepts for a in c for t in a.terms}
    if known is not None and all(stem in known[0] for stem in stems.values()):
        query.documents = float(known[1] or 1)
        query.df = {word: known[0][stem] for word, stem in stems.items()}
        return query
    cursor.execute(
        f"SELECT e.term, e.df, {postings.CORPUS_SIZE_SQL} FROM unnest(%s::text[]) q(term) "
        "LEFT JOIN search_lexeme e ON e.term = q.term",
        [list(set(stems.values()))],
    )
    df_by_stem = {}
    for term, df, documents in cursor.fetchall():
        query.documents = float(documents or 1)
        if term:
            df_by_stem[term] = df or 0
    query.df = {word: df_by_stem.get(stem, 0) for word, stem in stems.items()}
    return query


def score_page(
    cursor, params: SearchParams, expanded: ExpandedQuery, where: str, values, known=None
):
    """The page of the candidates in ``where`` (an id list), scored by ``search.ranking``."""
    cursor.execute(
        f"SELECT d.id, d.kind, d.title, d.url, d.date, d.summary, left(d.body, %s), d.level, "
        f"d.status, d.keywords, d.quality FROM {TABLE} d WHERE {where}",
        [ranking.BODY_CHARS, *values],
    )
    candidates = cursor.fetchall()
    if not candidates:
        return []
    query = rank_query(cursor, expanded, known)
    averages = field_averages(cursor)
    now = timezone.now()
    analysed = [
        analysed_fields(row[0], row[2] or "", row[5] or "", row[9] or "", row[6] or "")
        for row in candidates
    ]
    vocabulary = set()
    for stats in analysed:
        for counter in stats.counts.values():
            vocabulary.update(counter)
    ranking.prepare_matches(query, vocabulary)
    scored = []
    for row, stats in zip(candidates, analysed, strict=True):
        score = ranking.score_document(
            query, stats, averages, kind=row[1], quality=row[10], date=row[4], now=now
        )
        scored.append((score, row))
    if params.sort == "date":
        scored.sort(key=lambda x: (x[1][4] is not None, x[1][4], x[0], x[1][0]), reverse=True)
    else:
        scored.sort(key=lambda x: (x[0], x[1][4] is not None, x[1][4], x[1][0]), reverse=True)
    page = scored[params.offset : params.offset + params.page_size]
    return [
        (*row[:5], (row[5] or "")[:SNIPPET_CHARS], (row[6] or "")[:SNIPPET_CHARS], *row[7:9], score)
        for score, row in page
    ]
