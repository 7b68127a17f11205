"""What to index, declared by the content apps themselves.

Each app may provide ``<app>/search_index.py`` with

* ``SOURCES``: a list of :class:`Source` objects or plain dicts with the same keys;
* optionally ``user_tokens(user) -> iterable of str``: extra access tokens a user holds
  (e.g. ``community:<id>`` for the communities the user belongs to).

Apps never import search internals: a source is plain data plus two callables.

A source's ``to_document(item)`` returns a dict (or ``None`` to keep the item out):

    kind          "qa", "handreiking", "community", "thread", "signal", "dossier", ...
    title         str (required)
    summary       str, short answer / summary (weighted between title and body)
    body          str, plain text
    url           str (required)
    date          datetime or date (recency, sorting)
    themes, phases, organisations, tags   lists of display labels
    level, status display labels
    access        list of tokens: "public", "logged_in", "chain", "outside_chain",
                  "role:<key>", "org:<id>", "community:<id>", "user:<id>"
                  (required: no token = nobody)
    quality       float 0..1 (helpfulness); boosts ranking

It may also return a list of such dicts, each with a distinct ``variant`` key, when one item
has several audiences (e.g. a signal: the full text for the chain, the public summary for
everyone else via "outside_chain").
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps

logger = logging.getLogger(__name__)


@dataclass
class Source:
    name: str
    model: Any  # model class or "app_label.ModelName"
    queryset: Callable[[], Any]
    to_document: Callable[[Any], dict | None]
    # Other models whose changes require re-indexing items of this source:
    # {"app_label.Model": callable(instance) -> iterable of pks of this source's model}
    depends_on: dict[str, Callable[[Any], Iterable[Any]]] = field(default_factory=dict)

    def get_model(self):
        if isinstance(self.model, str):
            return apps.get_model(self.model)
        return self.model

    def items(self):
        return self.queryset()


_sources: dict[str, Source] | None = None
_user_token_providers: list[Callable] | None = None
_extra_sources: dict[str, Source] = {}
_extra_token_providers: list[Callable] = []


def _coerce(source) -> Source:
    if isinstance(source, Source):
        return source
    if isinstance(source, dict):
        return Source(**source)
    raise TypeError(f"Not a search source: {source!r}")


def _discover() -> None:
    global _sources, _user_token_providers
    sources: dict[str, Source] = {}
    providers: list[Callable] = []
    for app_config in apps.get_app_configs():
        module_name = f"{app_config.name}.search_index"
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise
            continue
        for raw in getattr(module, "SOURCES", []):
            source = _coerce(raw)
            sources[source.name] = source
        provider = getattr(module, "user_tokens", None)
        if callable(provider):
            providers.append(provider)
    _sources = sources
    _user_token_providers = providers


def sources() -> dict[str, Source]:
    if _sources is None:
        _discover()
    return {**_sources, **_extra_sources}


def get_source(name: str) -> Source | None:
    return sources().get(name)


def sources_for_model(model) -> list[Source]:
    """Sources that index this model (or one of its parents, for Wagtail page subclasses)."""
    found = []
    for source in sources().values():
        source_model = source.get_model()
        if issubclass(model, source_model):
            found.append(source)
    return found


def token_providers() -> list[Callable]:
    if _user_token_providers is None:
        _discover()
    return [*_user_token_providers, *_extra_token_providers]


def register(source, user_tokens: Callable | None = None) -> Source:
    """Register a source at run time (tests, plug-ins). Connects its signal handlers too."""
    source = _coerce(source)
    _extra_sources[source.name] = source
    if user_tokens is not None:
        _extra_token_providers.append(user_tokens)
    from . import signals

    signals.connect_source(source)
    return source


def unregister(name: str, user_tokens: Callable | None = None) -> None:
    source = _extra_sources.pop(name, None)
    if user_tokens is not None and user_tokens in _extra_token_providers:
        _extra_token_providers.remove(user_tokens)
    if source is not None:
        from . import signals

        signals.disconnect_source(source)
