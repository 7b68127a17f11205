"""Celery tasks: Elasticsearch sync with retries, and the reconcile job (beat)."""

from __future__ import annotations

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(
    name="search.es_index_document",
    autoretry_for=(Exception,),
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=8,
    acks_late=True,
)
def es_index_document(document_id: int) -> str:
    from . import elastic
    from .models import SearchDocument

    if not elastic.is_configured():
        return "disabled"
    document = SearchDocument.objects.filter(pk=document_id).first()
    if document is None:
        elastic.delete_document(document_id)
        return "deleted"
    elastic.index_documents([document])
    return "indexed"


@shared_task(
    name="search.es_delete_document",
    autoretry_for=(Exception,),
    retry_backoff=30,
    max_retries=8,
    acks_late=True,
)
def es_delete_document(content_type_id: int, object_id: str) -> str:
    """Remove every index entry of an item (its database row is already gone)."""
    from . import elastic

    if not elastic.is_configured():
        return "disabled"
    elastic.client().delete_by_query(
        index=elastic.alias_name(),
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
    )
    return "deleted"


@shared_task(name="search.refresh_lexicon")
def refresh_lexicon() -> int:
    """Bring the lexeme frequencies of the PostgreSQL postings up to date (idempotent)."""
    from django.db import connection

    from .backends.postings import refresh_lexicon as refresh

    return refresh(connection)


@shared_task(name="search.reconcile")
def reconcile() -> dict:
    """Repair drift: sources vs database documents, then database vs Elasticsearch."""
    from . import elastic, indexing, registry
    from .models import SearchDocument

    report = {"indexed": 0, "es_indexed": 0, "es_deleted": 0}
    for source in registry.sources().values():
        report["indexed"] += indexing.index_source(source)
    report["vocabulary"] = indexing.rebuild_vocabulary()
    report["lexemes"] = refresh_lexicon()
    if elastic.is_configured():
        try:
            in_index = elastic.ids_in_index()
        except Exception as exc:  # cluster away: try again at the next run
            logger.warning("search.reconcile: Elasticsearch unavailable: %s", exc)
            return report
        stale = []
        for pk, indexed_at in SearchDocument.objects.values_list("pk", "indexed_at").iterator():
            seen = in_index.pop(str(pk), None)
            if seen is None or seen < indexed_at.isoformat()[:19]:
                stale.append(pk)
        for start in range(0, len(stale), 500):
            elastic.index_documents(
                SearchDocument.objects.filter(pk__in=stale[start : start + 500])
            )
        for pk in in_index:
            elastic.delete_document(pk)
        report["es_indexed"] = len(stale)
        report["es_deleted"] = len(in_index)
    return report
