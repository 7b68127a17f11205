"""Connect model signals of every registered source to the outbox (index after commit)."""

from __future__ import annotations

import logging

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from . import registry

logger = logging.getLogger(__name__)

INDEX_HANDLER = "search.index"


def enqueue_index(source_name: str, pk) -> None:
    from notifications import outbox

    outbox.enqueue(INDEX_HANDLER, {"source": source_name, "pk": str(pk)})


def _on_save(sender, instance, raw=False, **kwargs):
    if raw:
        return
    for source in registry.sources_for_model(type(instance)):
        enqueue_index(source.name, instance.pk)


def _on_delete(sender, instance, **kwargs):
    # The item is gone: the handler finds nothing in the queryset and removes the document.
    for source in registry.sources_for_model(type(instance)):
        enqueue_index(source.name, instance.pk)


def _on_page_event(sender, instance, **kwargs):
    _on_save(sender, instance)


def _dependency_handler(source, resolver):
    def handle(sender, instance, raw=False, **kwargs):
        if raw:
            return
        try:
            pks = list(resolver(instance) or ())
        except Exception:
            logger.exception("search: dependency resolver of %s failed", source.name)
            return
        for pk in pks:
            enqueue_index(source.name, pk)

    return handle


_connected: dict[str, list] = {}


def connect_source(source) -> None:
    if source.name in _connected:
        return
    model = source.get_model()
    uid = f"search:{source.name}"
    connections = []
    post_save.connect(_on_save, sender=model, dispatch_uid=uid + ":save")
    post_delete.connect(_on_delete, sender=model, dispatch_uid=uid + ":delete")
    connections += [(post_save, model, uid + ":save"), (post_delete, model, uid + ":delete")]
    if issubclass(model, Page):
        page_published.connect(_on_page_event, sender=model, dispatch_uid=uid + ":pub")
        page_unpublished.connect(_on_page_event, sender=model, dispatch_uid=uid + ":unpub")
        connections += [
            (page_published, model, uid + ":pub"),
            (page_unpublished, model, uid + ":unpub"),
        ]
    for label, resolver in source.depends_on.items():
        dep_model = apps.get_model(label)
        handle = _dependency_handler(source, resolver)
        for signal, suffix in ((post_save, "dsave"), (post_delete, "ddelete")):
            dep_uid = f"{uid}:{label}:{suffix}"
            signal.connect(handle, sender=dep_model, weak=False, dispatch_uid=dep_uid)
            connections.append((signal, dep_model, dep_uid))
    _connected[source.name] = connections


def disconnect_source(source) -> None:
    for signal, model, uid in _connected.pop(source.name, []):
        signal.disconnect(sender=model, dispatch_uid=uid)


def connect_all() -> None:
    for source in registry.sources().values():
        try:
            connect_source(source)
        except LookupError:
            logger.warning("search: model of source %s is not installed", source.name)
