"""Keeping the engine in step with the database through the outbox.

Every write of a ``SearchDocument`` records an outbox message in the same transaction
(``enqueue_sync``); its handler copies the rows to the engine. When the engine is down the
handler raises, the outbox retries with backoff, and nothing is lost: the message stays pending
until the engine answers again. A change of the editors' synonyms enqueues a rebuild (new
index with the new ``synonym_graph`` and compound list, alias swap).
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from notifications.outbox import enqueue, handler

from .connection import is_configured

SYNC_HANDLER = "search.engine_sync"
REBUILD_HANDLER = "search.engine_rebuild"


def enqueue_sync(document_ids: list[int], removed: list[dict]) -> None:
    """Record, in the caller's transaction, that these documents must reach the engine."""
    if not is_configured() or not (document_ids or removed):
        return
    enqueue(SYNC_HANDLER, {"ids": [int(pk) for pk in document_ids], "removed": removed})


@handler(SYNC_HANDLER)
def sync(payload: dict) -> None:
    from ..models import SearchDocument
    from .operations import delete_document, delete_item, index_documents

    if not is_configured():
        return
    ids = [int(pk) for pk in payload.get("ids", [])]
    present = list(SearchDocument.objects.filter(pk__in=ids))
    if present:
        index_documents(present)
    for pk in set(ids) - {document.pk for document in present}:
        delete_document(pk)
    for key in payload.get("removed", []):
        delete_item(key["ct"], key["id"])


@handler(REBUILD_HANDLER)
def rebuild_for_analysis(payload: dict) -> None:
    """Synonyms (or the vocabulary) changed: new index with the new analysis, alias swap."""
    from ..models import SearchDocument
    from .operations import rebuild

    if not is_configured():
        return
    rebuild(SearchDocument.objects.order_by("pk").iterator(chunk_size=1000))


def _synonyms_changed(**kwargs):
    if is_configured():
        enqueue(REBUILD_HANDLER, {"reason": "synonyms"})


def connect() -> None:
    from ..models import Synonym

    post_save.connect(_synonyms_changed, sender=Synonym, dispatch_uid="search.engine.synonyms")
    post_delete.connect(
        _synonyms_changed, sender=Synonym, dispatch_uid="search.engine.synonyms.delete"
    )
