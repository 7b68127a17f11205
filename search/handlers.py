"""Outbox handlers of the search app: index updates run after the content's transaction."""

from notifications.outbox import handler

from . import indexing
from .engine_backend import sync as engine_sync
from .signals import INDEX_HANDLER

engine_sync.connect()  # synonyms changed -> rebuild the engine index


@handler(INDEX_HANDLER, idempotent=True)
def index(payload: dict) -> None:
    indexing.index_object(payload["source"], payload["pk"])
