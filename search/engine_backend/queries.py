"""Search requests built with ``elasticsearch.dsl`` (no ``query_string``: user text is only ever
a match value, so Lucene syntax, binary or emoji input cannot break the request)."""

from __future__ import annotations

from django.utils import timezone
from elasticsearch.dsl import Q, Search

from ..query import KIND_BOOST, SearchParams
from ..ranking import ELASTIC_BOOSTS
from ..synonyms import ExpandedQuery
from .connection import alias_name

SOURCE_FIELDS = ["kind", "title", "url", "date", "summary", "body", "level", "status"]
# The same field weights as the database backends' BM25F (search/ranking.py).
TEXT_FIELDS = [f"{name}^{weight:g}" for name, weight in ELASTIC_BOOSTS.items()]


def _safe(text: str) -> str:
    """Text that always serialises (a lone surrogate would make the JSON encoder raise)."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _alternative_query(alternative: tuple[str, ...]):
    text = _safe(" ".join(alternative))
    if len(alternative) > 1:
        return Q("multi_match", query=text, fields=TEXT_FIELDS, type="phrase", slop=2)
    return Q(
        "multi_match",
        query=text,
        fields=TEXT_FIELDS,
        type="best_fields",
        fuzziness="AUTO:5,9",
        prefix_length=2,
    )


def _filters(params: SearchParams, tokens) -> list:
    filters = [Q("terms", access=list(tokens))]
    for _facet, facet_tokens in sorted(params.facet_tokens().items()):
        filters.append(Q("terms", facets=facet_tokens))
    return filters


def _scored(base):
    kind_functions = [
        {"filter": {"term": {"kind": kind}}, "weight": boost} for kind, boost in KIND_BOOST.items()
    ]
    return Q(
        "function_score",
        query=base,
        functions=[
            {
                "field_value_factor": {
                    "field": "quality",
                    "factor": 0.4,
                    "modifier": "none",
                    "missing": 0,
                }
            },
            {"gauss": {"date": {"origin": "now", "scale": "365d", "decay": 0.5}}, "weight": 0.25},
            *kind_functions,
        ],
        score_mode="sum",
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
        concepts = []
        for concept in expanded.concepts:
            alternatives = [_alternative_query(a) for a in [concept.typed, *concept.alternatives]]
            concepts.append(Q("bool", should=alternatives, minimum_should_match=1))
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
