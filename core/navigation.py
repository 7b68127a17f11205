"""Main navigation: menu pages from the Wagtail tree plus entries that apps register.

Apps whose pages are Django views (signals, search) call ``register`` in their
``AppConfig.ready``; the shell never imports them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class NavEntry:
    label: str
    url_name: str
    order: int = 100
    visible: Callable | None = None  # visible(user) -> bool

    def url(self) -> str | None:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


_registry: dict[str, NavEntry] = {}


def register(label, url_name: str, order: int = 100, visible=None) -> None:
    _registry[url_name] = NavEntry(label=label, url_name=url_name, order=order, visible=visible)


def app_entries(user) -> list[NavEntry]:
    return sorted(
        (entry for entry in _registry.values() if entry.visible is None or entry.visible(user)),
        key=lambda entry: entry.order,
    )
