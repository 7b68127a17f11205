"""Optional Elasticsearch backend (``settings.ELASTICSEARCH_URL``).

The database stays the source of truth: documents are copied from ``SearchDocument`` rows
(Celery tasks with retries, ``manage.py search_reindex`` for a zero-downtime rebuild via an
alias swap). When the cluster is unreachable, ``search.services`` answers from the database.
Synonyms are applied twice: expanded into the query (effective at once, as for the database)
and as a ``synonym_graph`` filter of the search analyzer (from the table, at index creation).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils import timezone
from elasticsearch.dsl import Date, Document, Float, Keyword, Q, Search, Text

from .query import KIND_BOOST, SearchParams
from .synonyms import ExpandedQuery, synonym_groups

logger = logging.getLogger(__name__)

TIMEOUT = 2.0


class Unavailable(Exception):
    """The cluster could not answer (down, timeout, missing index)."""


def is_configured() -> bool:
    return bool(getattr(settings, "ELASTICSEARCH_URL", None))


def alias_name() -> str:
    return f"{getattr(settings, 'ELASTICSEARCH_INDEX_PREFIX', 'lerendstelsel')}-search"


_client = None


def client():
    global _client
    from elasticsearch import Elasticsearch

    url = settings.ELASTICSEARCH_URL
    if _client is None or getattr(_client, "_ls_url", None) != url:
        _client = Elasticsearch(url, request_timeout=TIMEOUT, max_retries=0, retry_on_timeout=False)
        _client._ls_url = url
    return _client


class SearchItem(Document):
    """The Elasticsearch form of a SearchDocument (id = database primary key)."""

    kind = Keyword()
    title = Text(
        analyzer="nl_index",
        search_analyzer="nl_search",
        fields={"trigram": Text(analyzer="nl_trigram"), "raw": Keyword()},
    )
    summary = Text(analyzer="nl_index", search_analyzer="nl_search")
    keywords = Text(analyzer="nl_index", search_analyzer="nl_search")
    body = Text(analyzer="nl_index", search_analyzer="nl_search")
    url = Keyword(index=False)
    date = Date()
    level = Keyword()
    status = Keyword()
    facets = Keyword()
    access = Keyword()
    quality = Float()
    content_type = Keyword()
    object_id = Keyword()
    indexed_at = Date()

    class Index:
        name = "lerendstelsel-search"


def analysis_settings(groups=None) -> dict:
    """Dutch analysis: folding, stop words, snowball stemmer; synonyms at search time."""
    if groups is None:
        groups = synonym_groups()
    synonyms = [", ".join(" ".join(term) for term in group) for group in groups]
    common = ["lowercase", "asciifolding", "nl_stop"]
    return {
        "filter": {
            "nl_stop": {"type": "stop", "stopwords": "_dutch_"},
            "nl_stemmer": {"type": "stemmer", "language": "dutch"},
            "nl_synonyms": {"type": "synonym_graph", "synonyms": synonyms, "lenient": True},
        },
        "tokenizer": {
            "nl_trigram": {
                "type": "ngram",
                "min_gram": 3,
                "max_gram": 3,
                "token_chars": ["letter", "digit"],
            }
        },
        "analyzer": {
            "nl_index": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": [*common, "nl_stemmer"],
            },
            "nl_search": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": ["lowercase", "asciifolding", "nl_synonyms", "nl_stop", "nl_stemmer"],
            },
            "nl_trigram": {
                "type": "custom",
                "tokenizer": "nl_trigram",
                "filter": ["lowercase", "asciifolding"],
            },
        },
    }


def index_body(groups=None) -> dict:
    """Settings and mappings for a new physical index."""
    return {
        "settings": {"number_of_shards": 1, "analysis": analysis_settings(groups)},
        "mappings": SearchItem._doc_type.mapping.to_dict(),
    }


def to_source(document) -> dict:
    from .models import unpack_tokens

    return {
        "kind": document.kind,
        "title": document.title,
        "summary": document.summary,
        "keywords": document.keywords,
        "body": document.body,
        "url": document.url,
        "date": document.date,
        "level": document.level,
        "status": document.status,
        "facets": unpack_tokens(document.facets),
        "access": unpack_tokens(document.access),
        "quality": document.quality,
        "content_type": str(document.content_type_id),
        "object_id": document.object_id,
        "indexed_at": document.indexed_at,
    }


def _alternative_query(alternative: tuple[str, ...]):
    text = " ".join(alternative)
    fields = ["title^3", "summary^2", "keywords^2", "body"]
    if len(alternative) > 1:
        return Q("multi_match", query=text, fields=fields, type="phrase", slop=2)
    return Q(
        "multi_match",
        query=text,
        fields=fields,
        type="best_fields",
        fuzziness="AUTO:5,9",
        prefix_length=2,
    )


def build_search(params: SearchParams, expanded: ExpandedQuery, tokens) -> Search:
    """The Elasticsearch request for a search (unit-tested through ``to_dict()``)."""
    s = Search(index=alias_name())
    filters = [Q("terms", access=list(tokens))]
    for _facet, facet_tokens in sorted(params.facet_tokens().items()):
        filters.append(Q("terms", facets=facet_tokens))
    if expanded.is_empty:
        query = Q("bool", filter=filters)
        s = s.query(query).sort({"date": {"order": "desc", "missing": "_last"}})
    else:
        concepts = []
        for concept in expanded.concepts:
            alternatives = [_alternative_query(a) for a in [concept.typed, *concept.alternatives]]
            concepts.append(Q("bool", should=alternatives, minimum_should_match=1))
        trigram = Q(
            "match", **{"title.trigram": {"query": " ".join(expanded.typed_words()), "boost": 0.3}}
        )
        base = Q("bool", filter=filters, should=[*concepts, trigram], minimum_should_match=1)
        kind_functions = [
            {"filter": {"term": {"kind": kind}}, "weight": boost}
            for kind, boost in KIND_BOOST.items()
        ]
        query = Q(
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
                {
                    "gauss": {"date": {"origin": "now", "scale": "365d", "decay": 0.5}},
                    "weight": 0.25,
                },
                *kind_functions,
            ],
            score_mode="sum",
            boost_mode="multiply",
        )
        s = s.query(query)
        if params.sort == "date":
            s = s.sort({"date": {"order": "desc", "missing": "_last"}}, "_score")
    s.aggs.bucket("facets", "terms", field="facets", size=200)
    s = s.extra(track_total_hits=True, from_=params.offset, size=params.page_size)
    s = s.source(["kind", "title", "url", "date", "summary", "body", "level", "status"])
    return s


def _parse_date(value):
    if not value:
        return None
    from django.utils.dateparse import parse_datetime

    parsed = parse_datetime(value) if isinstance(value, str) else value
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def search(params: SearchParams, expanded: ExpandedQuery, tokens):
    from elasticsearch import ApiError, TransportError

    s = build_search(params, expanded, tokens)
    try:
        response = client().search(index=alias_name(), body=s.to_dict(), request_timeout=TIMEOUT)
    except (TransportError, ApiError, OSError) as exc:
        raise Unavailable(str(exc)) from exc
    hits = response["hits"]["hits"]
    rows = []
    for hit in hits:
        src = hit.get("_source", {})
        rows.append(
            (
                int(hit["_id"]),
                src.get("kind", ""),
                src.get("title", ""),
                src.get("url", ""),
                _parse_date(src.get("date")),
                src.get("summary", ""),
                (src.get("body") or "")[:4000],
                src.get("level", ""),
                src.get("status", ""),
                float(hit.get("_score") or 0.0),
            )
        )
    buckets = response.get("aggregations", {}).get("facets", {}).get("buckets", [])
    counts = {b["key"]: b["doc_count"] for b in buckets}
    total = response["hits"]["total"]["value"]
    return rows, total, counts


def index_documents(documents) -> int:
    from elasticsearch.helpers import bulk

    actions = (
        {"_op_type": "index", "_index": alias_name(), "_id": d.pk, "_source": to_source(d)}
        for d in documents
    )
    ok, _errors = bulk(client(), actions, raise_on_error=True)
    return ok


def delete_document(pk) -> None:
    from elasticsearch import NotFoundError

    try:
        client().delete(index=alias_name(), id=pk)
    except NotFoundError:
        pass


def rebuild(documents, total: int, progress=None) -> str:
    """Zero-downtime rebuild: new timestamped index, bulk load, atomic alias swap, drop old."""
    from elasticsearch.helpers import streaming_bulk

    es = client()
    alias = alias_name()
    new_index = f"{alias}-{timezone.now():%Y%m%d%H%M%S%f}"
    es.indices.create(index=new_index, body=index_body())
    actions = (
        {"_op_type": "index", "_index": new_index, "_id": d.pk, "_source": to_source(d)}
        for d in documents
    )
    for _ok, _item in streaming_bulk(es, actions, chunk_size=500, raise_on_error=True):
        if progress is not None:
            progress.update(1)
    es.indices.refresh(index=new_index)
    old = (
        list(es.indices.get_alias(name=alias, ignore_unavailable=True).keys())
        if es.indices.exists_alias(name=alias)
        else []
    )
    swap = [{"add": {"index": new_index, "alias": alias}}]
    swap += [{"remove": {"index": name, "alias": alias}} for name in old]
    es.indices.update_aliases(body={"actions": swap})
    for name in old:
        es.indices.delete(index=name, ignore_unavailable=True)
    return new_index


def ids_in_index() -> dict[str, str]:
    """{document id: indexed_at} of everything in the index (for reconcile)."""
    from elasticsearch.helpers import scan

    result = {}
    for hit in scan(
        client(), index=alias_name(), query={"query": {"match_all": {}}}, _source=["indexed_at"]
    ):
        result[hit["_id"]] = hit.get("_source", {}).get("indexed_at")
    return result
