"""Every URL pattern of the site, walked from the root resolver.

Used by the CSRF test and the authorisation matrix so a new URL cannot slip past
either of them: both fail when a pattern shows up that they have no rule for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

# Third-party internals that are tested by their authors and guarded by their own
# permission system (Wagtail admin, Django admin), plus static file serving.
SKIPPED_PREFIXES = ("admin/", "django-admin/", "media/", "static/", "i18n/", "jsi18n/")

CONVERTER_SAMPLES = {
    "int": "1",
    "uuid": "00000000-0000-0000-0000-000000000000",
    "level": "uitvoering",
    "scope": "alle",
}
_CONVERTER = re.compile(r"(?<!\?P)<(?:(?P<conv>\w+):)?(?P<name>\w+)>")
_NAMED_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>[^)]*\)")


@dataclass(frozen=True)
class Route:
    pattern: str  # the joined route, e.g. "signalen/<int:pk>/"
    name: str | None  # "signals:detail"
    callback: object

    @property
    def is_api(self) -> bool:
        view_class = getattr(self.callback, "cls", None)
        if view_class is None:
            return False
        from rest_framework.views import APIView

        return isinstance(view_class, type) and issubclass(view_class, APIView)

    @property
    def has_regex(self) -> bool:
        """Unnamed regex groups (Wagtail serving, document downloads): no generic sample."""
        return "(" in _NAMED_GROUP.sub("", self.pattern)

    def sample(self, **values) -> str:
        """A concrete path: converters filled with ``values`` (by name) or a harmless default."""

        def fill(match):
            name, conv = match["name"], match["conv"] or "str"
            if name in values:
                return str(values[name])
            return CONVERTER_SAMPLES.get(conv, "x")

        def fill_group(match):
            return str(values.get(match["name"], "1"))

        path = _CONVERTER.sub(fill, self.pattern)
        path = _NAMED_GROUP.sub(fill_group, path).replace("^", "").replace("$", "")
        return "/" + path


def _walk(patterns, prefix: str, namespace: str | None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            full_ns = ":".join(p for p in (namespace, ns) if p) or None
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), full_ns)
        elif isinstance(entry, URLPattern):
            name = entry.name
            if name and namespace:
                name = f"{namespace}:{name}"
            yield Route(prefix + str(entry.pattern), name, entry.callback)


def all_routes() -> list[Route]:
    return list(_walk(get_resolver().url_patterns, "", None))


def site_routes() -> list[Route]:
    """Our own views and API endpoints (Wagtail/Django admin internals and static files skipped)."""
    routes = []
    seen = set()
    for route in all_routes():
        if route.pattern.lstrip("^").startswith(SKIPPED_PREFIXES):
            continue
        if route.pattern in seen:
            continue
        seen.add(route.pattern)
        routes.append(route)
    return routes
