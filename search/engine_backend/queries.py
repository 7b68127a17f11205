"""Search requests built with ``elasticsearch.dsl`` (no ``query_string``: user text is only ever
a match value, so Lucene syntax, binary or emoji input cannot break the request)."""

from __future__ import annotations

import math

from django.utils import timezone
from elasticsearch.dsl import Q, Search

from ..query import DEFAULT_KIND_BOOST, KIND_BOOST, SearchParams
from ..ranking import (
    BODY_COVERAGE,
    COVERAGE_BASE,
    ELASTIC_BOOSTS,
    HEAD_FIELDS,
    RATING_WEIGHT,
    RECENCY_WEIGHT,
    SPLIT_PART_COVERAGE,
    SPLIT_PART_WEIGHT,
    SPLIT_WEIGHT,
    SYNONYM_WEIGHT,
    add_compound_splits,
    split_candidates,
)
from ..synonyms import ExpandedQuery
from .connection import alias_name
from .mapping import known_stems

SOURCE_FIELDS = ["kind", "title", "url", "date", "summary", "body", "level", "status"]
# The same field weights as the database backends' BM25F (search/ranking.py).
TEXT_FIELDS = [f"{name}^{weight:g}" for name, weight in ELASTIC_BOOSTS.items()]


def _safe(text: str) -> str:
    """Text that always serialises (a lone surrogate would make the JSON encoder raise)."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _fields(names) -> list[str]:
    return [f"{name}^{ELASTIC_BOOSTS[name]:g}" for name in names]


def _alternative_query(alternative: tuple[str, ...], fields=TEXT_FIELDS, boost: float = 1.0):
    """One way of writing a concept. Fields are summed (BM25F-like, as the database ranking
    adds the fields' term frequencies); a phrase (a synonym of several words) needs every word,
    in order, and matches the words' own stems only (no fuzziness)."""
    text = _safe(" ".join(alternative))
    if len(alternative) > 1:
        return Q("multi_match", query=text, fields=fields, type="phrase", slop=2, boost=boost)
    return Q(
        "multi_match",
        query=text,
        fields=fields,
        type="most_fields",
        fuzziness="AUTO:5,9",
        prefix_length=2,
        boost=boost,
    )


def _split_query(parts: tuple[str, ...], fields=TEXT_FIELDS):
    """A typed compound found as its two parts (``intakegesprek`` -> ``intake`` + ``gesprek``):
    both parts must occur, each matching its own stem (as the database ranking's splits)."""
    return Q(
        "bool",
        must=[
            Q("multi_match", query=_safe(part), fields=fields, type="most_fields") for part in parts
        ],
        boost=SPLIT_WEIGHT,
    )


def _part_queries(concept, fields=TEXT_FIELDS) -> list:
    """One part of a typed compound alone (``screeningsgesprek`` -> ``screening``), at
    ``SPLIT_PART_WEIGHT``: each part matching its own stem, as the database ranking."""
    parts = {p for split in getattr(concept, "splits", []) for p in split}
    return [
        Q("multi_match", query=_safe(p), fields=fields, type="most_fields", boost=SPLIT_PART_WEIGHT)
        for p in sorted(parts)
    ]


def _concept_query(concept, fields=TEXT_FIELDS, parts: bool = True):
    """The best of the concept's alternatives (the typed words, the editors' synonyms at
    ``SYNONYM_WEIGHT``, a long typed word's compound parts at ``SPLIT_WEIGHT``, one of those
    parts alone at ``SPLIT_PART_WEIGHT`` unless ``parts`` is False)."""
    queries = [_alternative_query(concept.typed, fields)]
    queries += [_alternative_query(a, fields, SYNONYM_WEIGHT) for a in concept.alternatives]
    queries += [_split_query(split, fields) for split in getattr(concept, "splits", [])]
    if parts:
        queries += _part_queries(concept, fields)
    if len(queries) == 1:
        return queries[0]
    return Q("dis_max", queries=queries)


def _coverage_functions(concepts) -> list[dict]:
    """``COVERAGE_BASE + covered / concepts``, where a concept found only in the body covers
    ``BODY_COVERAGE`` (the database ranking's coverage factor)."""
    share = 1.0 / len(concepts)
    functions = [{"weight": COVERAGE_BASE}]
    for concept in concepts:
        head = _concept_query(concept, _fields(HEAD_FIELDS), parts=False)
        body = _concept_query(concept, _fields(["body"]), parts=False)
        functions.append({"filter": head.to_dict(), "weight": share})
        body_only = Q("bool", filter=[body], must_not=[head])
        functions.append({"filter": body_only.to_dict(), "weight": share * BODY_COVERAGE})
        part_head = _part_queries(concept, _fields(HEAD_FIELDS))
        if part_head:  # only a part of a typed compound: SPLIT_PART_COVERAGE of a concept
            part_body = _part_queries(concept, _fields(["body"]))
            in_head = Q("bool", should=part_head, minimum_should_match=1, must_not=[head, body])
            in_body = Q(
                "bool",
                should=part_body,
                minimum_should_match=1,
                must_not=[head, body, *part_head],
            )
            part = share * SPLIT_PART_COVERAGE
            functions.append({"filter": in_head.to_dict(), "weight": part})
            functions.append({"filter": in_body.to_dict(), "weight": part * BODY_COVERAGE})
    return functions


def _filters(params: SearchParams, tokens) -> list:
    filters = [Q("terms", access=list(tokens))]
    for _facet, facet_tokens in sorted(params.facet_tokens().items()):
        filters.append(Q("terms", facets=facet_tokens))
    return filters


def _scored(base):
    """``rating x recency x kind`` on top of the text score, as products like the database
    ranking: ``1 + 0.4 x quality``, ``1 + 0.25 x exp(-age in years)``, ``KIND_BOOST``."""
    rated = Q(
        "function_score",
        query=base,
        functions=[
            {"weight": 1.0},
            {
                "field_value_factor": {
                    "field": "quality",
                    "factor": RATING_WEIGHT,
                    "modifier": "none",
                    "missing": 0,
                }
            },
        ],
        score_mode="sum",
        boost_mode="multiply",
    )
    # exp decay with decay 1/e at one year: exp(-age / 1 year), as ranking.recency_factor.
    recent = Q(
        "function_score",
        query=rated,
        functions=[
            {"weight": 1.0},
            {
                "exp": {"date": {"origin": "now", "scale": "365d", "decay": round(1 / math.e, 6)}},
                "weight": RECENCY_WEIGHT,
            },
        ],
        score_mode="sum",
        boost_mode="multiply",
    )
    kind_functions = [
        {"filter": {"term": {"kind": kind}}, "weight": boost} for kind, boost in KIND_BOOST.items()
    ]
    return Q(
        "function_score",
        query=recent,
        functions=[*kind_functions, {"weight": DEFAULT_KIND_BOOST}],
        score_mode="first",
        boost_mode="multiply",
    )


def build_search(params: SearchParams, expanded: ExpandedQuery, tokens) -> Search:
    """The request for a search (unit-tested through ``to_dict()``)."""
    s = Search(index=alias_name())
    filters = _filters(params, tokens)
    newest_first = {"date": {"order": "desc", "missing": "_last"}}
    if expanded.is_empty:
        s = s.query(Q("bool", filter=filters)).sort(newest_first, "_doc")
    else:
        if split_candidates(expanded):
            expanded = add_compound_splits(expanded, known_stems().__contains__)
        concepts = [_concept_query(concept) for concept in expanded.concepts]
        # Typo tolerance on titles: most of the typed trigrams must be there, not just one.
        trigram = Q(
            "match",
            **{
                "title.trigram": {
                    "query": _safe(" ".join(expanded.typed_words())),
                    "boost": 0.3,
                    "minimum_should_match": "70%",
                }
            },
        )
        base = Q("bool", filter=filters, should=[*concepts, trigram], minimum_should_match=1)
        if expanded.concepts:
            base = Q(
                "function_score",
                query=base,
                functions=_coverage_functions(expanded.concepts),
                score_mode="sum",
                boost_mode="multiply",
            )
        s = s.query(_scored(base))
        if params.sort == "date":
            s = s.sort(newest_first, "_score")
    s.aggs.bucket("facets", "terms", field="facets", size=200)
    s = s.extra(track_total_hits=True, from_=params.offset, size=params.page_size)
    return s.source(SOURCE_FIELDS)


def build_autocomplete(query_words: list[str], tokens, kinds, limit: int) -> Search:
    """Title-prefix matches (every typed word, the last one as a prefix) of the given kinds."""
    s = Search(index=alias_name())
    filters = [Q("terms", access=list(tokens)), Q("terms", kind=list(kinds))]
    match = Q(
        "match_bool_prefix",
        **{"title.prefix": {"query": _safe(" ".join(query_words)), "operator": "and"}},
    )
    s = s.query(Q("bool", filter=filters, must=[match]))
    s = s.sort("_score", {"title.raw": {"order": "asc"}})
    return s.extra(size=limit).source(["title", "url", "kind"])


def parse_date(value):
    if not value:
        return None
    from django.utils.dateparse import parse_datetime

    parsed = parse_datetime(value) if isinstance(value, str) else value
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def rows_of(response) -> tuple[list[tuple], int, dict[str, int]]:
    """The database backends' result format: rows, total and facet counts."""
    rows = []
    for hit in response["hits"]["hits"]:
        src = hit.get("_source", {})
        rows.append(
            (
                int(hit["_id"]),
                src.get("kind", ""),
                src.get("title", ""),
                src.get("url", ""),
                parse_date(src.get("date")),
                src.get("summary", ""),
                (src.get("body") or "")[:4000],
                src.get("level", ""),
                src.get("status", ""),
                float(hit.get("_score") or 0.0),
            )
        )
    buckets = response.get("aggregations", {}).get("facets", {}).get("buckets", [])
    counts = {b["key"]: b["doc_count"] for b in buckets}
    return rows, response["hits"]["total"]["value"], counts
