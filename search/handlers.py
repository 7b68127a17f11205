"""Outbox handlers of the search app: index updates run after the content's transaction."""

from notifications.outbox import handler

from . import indexing
from .signals import INDEX_HANDLER


@handler(INDEX_HANDLER)
def index(payload: dict) -> None:
    indexing.index_object(payload["source"], payload["pk"])
