"""Reads and writes against the engine. Reads go through the pause (``connection.call``);
writes raise, so the outbox retries them later."""

from __future__ import annotations

import logging
import time

from django.utils import timezone

from ..query import SearchParams
from ..synonyms import ExpandedQuery
from .connection import alias_name, call, client, errors, flavour, helpers, not_found_errors
from .mapping import index_body, to_source
from .queries import build_autocomplete, build_search, rows_of

logger = logging.getLogger("search.engine")

BULK_CHUNK = 500
# Writes and maintenance may wait longer than a user-facing read (connection.TIMEOUT).
WRITE_TIMEOUT = 120
OLD_INDEX_GRACE_SECONDS = 1.0


def search(params: SearchParams, expanded: ExpandedQuery, tokens):
    body = build_search(params, expanded, tokens).to_dict()
    response = call(client().search, index=alias_name(), body=body)
    return rows_of(response)


def autocomplete(query_words: list[str], tokens, kinds, limit: int) -> list[tuple[str, str, str]]:
    body = build_autocomplete(query_words, tokens, kinds, limit).to_dict()
    response = call(client().search, index=alias_name(), body=body)
    return [
        (hit["_source"].get("title", ""), hit["_source"].get("url", ""), hit["_source"]["kind"])
        for hit in response["hits"]["hits"]
    ]


def _actions(documents, index: str):
    for document in documents:
        yield {
            "_op_type": "index",
            "_index": index,
            "_id": document.pk,
            "_source": to_source(document),
        }


def index_documents(documents, *, refresh: bool = False) -> int:
    """Write documents through the alias (never creating an index by accident)."""
    ok, _errors = helpers().bulk(
        client(),
        _actions(documents, alias_name()),
        chunk_size=BULK_CHUNK,
        raise_on_error=True,
        require_alias=True,
        refresh="true" if refresh else "false",
        request_timeout=WRITE_TIMEOUT,
    )
    return ok


def delete_document(pk) -> None:
    try:
        client().delete(index=alias_name(), id=pk, request_timeout=WRITE_TIMEOUT)
    except not_found_errors():
        pass


def delete_item(content_type_id: int, object_id: str) -> None:
    """Remove every index entry of an item (its database rows are already gone)."""
    client().delete_by_query(
        index=alias_name(),
        body={
            "query": {
                "bool": {
                    "filter": [
                        {"term": {"content_type": str(content_type_id)}},
                        {"term": {"object_id": str(object_id)}},
                    ]
                }
            }
        },
        conflicts="proceed",
        request_timeout=WRITE_TIMEOUT,
    )


def _aliased_indices(es, alias: str) -> list[str]:
    try:
        return list(es.indices.get_alias(name=alias, request_timeout=WRITE_TIMEOUT).keys())
    except not_found_errors():
        return []


def rebuild(documents, total: int = 0, progress=None, *, grace: float = OLD_INDEX_GRACE_SECONDS):
    """Zero-downtime rebuild: new timestamped index, bulk load, atomic alias swap, drop old.

    Queries keep reading the old index until the swap; documents written meanwhile (through
    the alias, into the old index) are copied again after the swap. The old index is dropped
    ``grace`` seconds later, so a query that resolved the alias just before the swap finishes.
    """
    from ..models import SearchDocument

    es = client()
    alias = alias_name()
    started = timezone.now()
    new_index = f"{alias}-{started:%Y%m%d%H%M%S%f}"
    body = index_body()
    body["settings"]["refresh_interval"] = "-1"
    es.indices.create(index=new_index, body=body, request_timeout=WRITE_TIMEOUT)
    try:
        for _ok, _item in helpers().streaming_bulk(
            es,
            _actions(documents, new_index),
            chunk_size=BULK_CHUNK,
            raise_on_error=True,
            request_timeout=WRITE_TIMEOUT,
        ):
            if progress is not None:
                progress.update(1)
        es.indices.put_settings(
            index=new_index,
            body={"index": {"refresh_interval": "1s"}},
            request_timeout=WRITE_TIMEOUT,
        )
        es.indices.refresh(index=new_index, request_timeout=WRITE_TIMEOUT)
        _wait_for_yellow(es, new_index)
    except BaseException:
        es.indices.delete(index=new_index, ignore_unavailable=True, request_timeout=WRITE_TIMEOUT)
        raise
    old = _aliased_indices(es, alias)
    swap = [{"add": {"index": new_index, "alias": alias}}]
    swap += [{"remove": {"index": name, "alias": alias}} for name in old]
    es.indices.update_aliases(body={"actions": swap}, request_timeout=WRITE_TIMEOUT)
    changed = SearchDocument.objects.filter(indexed_at__gte=started).order_by("pk")
    if changed.exists():
        index_documents(changed.iterator(chunk_size=BULK_CHUNK))
    if old:
        time.sleep(grace)
        for name in old:
            es.indices.delete(index=name, ignore_unavailable=True, request_timeout=WRITE_TIMEOUT)
    return new_index


def _wait_for_yellow(es, index: str) -> None:
    # opensearch-py reads a ``timeout`` keyword as its own request timeout: pass it as a param.
    params = {"wait_for_status": "yellow", "timeout": "30s"}
    if flavour() == "opensearch":
        es.cluster.health(index=index, params=params, request_timeout=40)
    else:
        es.cluster.health(index=index, **params, request_timeout=40)


def ensure_index(documents_queryset) -> str | None:
    """Build the index when the alias does not exist yet (first start); returns its name."""
    es = client()
    if es.indices.exists_alias(name=alias_name(), request_timeout=WRITE_TIMEOUT):
        return None
    return rebuild(documents_queryset.order_by("pk").iterator(chunk_size=BULK_CHUNK))


def refresh() -> None:
    client().indices.refresh(index=alias_name(), request_timeout=WRITE_TIMEOUT)


def count() -> int:
    return int(client().count(index=alias_name(), request_timeout=WRITE_TIMEOUT)["count"])


def ids_in_index() -> dict[str, str]:
    """{document id: indexed_at} of everything in the index (for reconcile)."""
    result = {}
    for hit in helpers().scan(
        client(),
        index=alias_name(),
        query={"query": {"match_all": {}}},
        _source=["indexed_at"],
        request_timeout=WRITE_TIMEOUT,
    ):
        result[hit["_id"]] = hit.get("_source", {}).get("indexed_at")
    return result


def _as_utc_iso(value) -> str:
    from datetime import UTC

    parsed = value
    if isinstance(value, str):
        from django.utils.dateparse import parse_datetime

        parsed = parse_datetime(value)
    if parsed is None:
        return ""
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, UTC)
    return parsed.astimezone(UTC).isoformat(timespec="microseconds")


def reconcile_index() -> dict[str, int]:
    """Repair the engine against the database: missing and stale documents are indexed again,
    documents the database no longer has are removed."""
    from ..models import SearchDocument

    in_index = {pk: _as_utc_iso(seen) for pk, seen in ids_in_index().items()}
    stale = []
    for pk, indexed_at in SearchDocument.objects.values_list("pk", "indexed_at").iterator():
        seen = in_index.pop(str(pk), None)
        if seen is None or seen < _as_utc_iso(indexed_at):
            stale.append(pk)
    for start in range(0, len(stale), BULK_CHUNK):
        index_documents(SearchDocument.objects.filter(pk__in=stale[start : start + BULK_CHUNK]))
    for pk in in_index:
        delete_document(pk)
    return {"indexed": len(stale), "deleted": len(in_index)}


def analyze(text: str, analyzer: str = "nl_search") -> list[str]:
    """Tokens of ``text`` under one of the index's analyzers (for checks and tests)."""
    response = client().indices.analyze(
        index=alias_name(), body={"analyzer": analyzer, "text": text}, request_timeout=WRITE_TIMEOUT
    )
    return [token["token"] for token in response["tokens"]]


__all__ = [
    "analyze",
    "autocomplete",
    "count",
    "delete_document",
    "delete_item",
    "ensure_index",
    "errors",
    "ids_in_index",
    "index_documents",
    "rebuild",
    "reconcile_index",
    "refresh",
    "search",
]
