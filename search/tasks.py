"""Celery tasks: search engine sync with retries, and the reconcile job (beat)."""

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
    from . import engine_backend as engine
    from .models import SearchDocument

    if not engine.is_configured():
        return "disabled"
    document = SearchDocument.objects.filter(pk=document_id).first()
    if document is None:
        engine.delete_document(document_id)
        return "deleted"
    engine.index_documents([document])
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
    from . import engine_backend as engine

    if not engine.is_configured():
        return "disabled"
    engine.delete_item(content_type_id, object_id)
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
    from . import engine_backend as engine
    from . import indexing, registry

    report = {"indexed": 0, "es_indexed": 0, "es_deleted": 0}
    for source in registry.sources().values():
        report["indexed"] += indexing.index_source(source)
    report["vocabulary"] = indexing.rebuild_vocabulary()
    report["lexemes"] = refresh_lexicon()
    if engine.is_configured():
        try:
            repaired = engine.reconcile_index()
        except Exception as exc:  # engine away: try again at the next run
            logger.warning("search.reconcile: search engine unavailable: %s", exc)
            return report
        report["es_indexed"] = repaired["indexed"]
        report["es_deleted"] = repaired["deleted"]
    return report
