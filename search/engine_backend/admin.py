"""A notice on the Wagtail admin dashboard when the configured search engine does not answer."""

from __future__ import annotations

import time

from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component

from .connection import is_configured, ping

CHECK_EVERY_SECONDS = 30
_last: dict = {"at": 0.0, "result": None}


def engine_status() -> dict:
    """``ping()``, at most once per CHECK_EVERY_SECONDS per process (the dashboard stays fast)."""
    now = time.monotonic()
    if _last["result"] is None or now - _last["at"] > CHECK_EVERY_SECONDS:
        _last.update(at=now, result=ping())
    return _last["result"]


class EngineStatusPanel(Component):
    name = "search_engine_status"
    order = 10

    def __init__(self, status: dict):
        self.status = status

    def render_html(self, parent_context=None):
        return format_html(
            '<section class="panel summary nice-padding" role="alert">'
            "<h2>{}</h2><p>{}</p><p><code>{}</code></p></section>",
            _("Zoekmachine niet bereikbaar"),
            _(
                "De zoekmachine (%(engine)s) antwoordt niet. Zoeken werkt, maar op de "
                "database: trager en zonder de Nederlandse analyse van de zoekmachine."
            )
            % {"engine": self.status.get("engine")},
            self.status.get("detail", ""),
        )


def panel_if_unavailable():
    if not is_configured():
        return None
    status = engine_status()
    return None if status.get("ok") else EngineStatusPanel(status)
