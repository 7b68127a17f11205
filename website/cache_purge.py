"""What a change purges from the in-app page cache and from a proxy/CDN (docs/caching.md).

* Publishing or unpublishing a page: the page, its ancestors (their listings) and the theme
  pages of its themes. A page in the top level of the tree (menu candidates) or one that the
  footer links to: the whole site.
* Moving a page, changing site settings (footer), a view restriction: the whole site.
* Synonyms: the search page.

The in-app cache is purged right after commit, so a publish is visible at once. The proxy or
CDN is purged through the outbox (``website.purge_cache``): a failure is logged and retried
with back-off. A view restriction purges synchronously, before the editor's request
returns, so a cached copy never shows restricted content; if that fails it is retried too.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from core import page_cache, purge
from notifications import outbox

logger = logging.getLogger(__name__)

PURGE_HANDLER = "website.purge_cache"


@outbox.handler(PURGE_HANDLER)
def run_purge(payload: dict) -> None:
    """Outbox handler: raises (so the outbox retries) when a cache could not be purged."""
    if payload.get("all"):
        if not page_cache.purge_all():
            raise RuntimeError("in-app page cache unavailable")
    elif payload.get("paths") and not page_cache.purge_paths(payload["paths"]):
        raise RuntimeError("in-app page cache unavailable")
    if payload.get("urls") and purge.configured():
        purge.purge_urls(payload["urls"])


# --- what a change affects ------------------------------------------------------------


def _full_url(page) -> tuple[str | None, str | None]:
    parts = page.get_url_parts()
    if parts is None:
        return None, None
    _site_id, root_url, page_path = parts
    return page_path, f"{root_url}{page_path}" if root_url else None


def _site_urls() -> list[str]:
    pages = Page.objects.live().filter(depth__gt=1).only("id", "path", "depth", "url_path")
    return [url for url in (_full_url(page)[1] for page in pages) if url]


def _theme_paths(page) -> list[str]:
    themes = getattr(page.specific_deferred, "themes", None)
    if themes is None:
        return []
    paths = []
    for slug in themes.values_list("slug", flat=True):
        try:
            paths.append(reverse("knowledge:theme", args=[slug]))
        except NoReverseMatch:
            pass
    return paths


def _footer_page_ids() -> set[int]:
    from .models import SiteSettings

    ids = set()
    for row in SiteSettings.objects.values_list(
        "contact_page_id", "privacy_page_id", "accessibility_page_id"
    ):
        ids.update(pk for pk in row if pk)
    return ids


def page_targets(page) -> dict:
    """Purge payload for a change of one page."""
    if page.depth <= 3 or page.pk in _footer_page_ids():
        return {"all": True, "paths": [], "urls": _site_urls()}
    parts = page.get_url_parts()
    root_url = parts[1] if parts else None
    paths = set(_theme_paths(page))
    for each in [*page.get_ancestors().filter(depth__gt=1), page]:
        path = _full_url(each)[0]
        if path:
            paths.add(path)
    urls = {f"{root_url}{path}" for path in paths} if root_url else set()
    return {"all": False, "paths": sorted(paths), "urls": sorted(urls)}


# --- requesting a purge -------------------------------------------------------------------


def request_purge(payload: dict, *, synchronous: bool = False) -> None:
    """Purge now (synchronous) or after commit; what fails goes to the outbox for a retry."""

    def in_app() -> bool:
        return (
            page_cache.purge_all() if payload["all"] else page_cache.purge_paths(payload["paths"])
        )

    def after_commit():
        if not in_app():
            logger.warning("Page cache purge failed; retrying through the outbox")
            outbox.enqueue(PURGE_HANDLER, {**payload, "urls": []})

    in_app()  # now, and again after commit (a request in between may cache the old state)
    if synchronous:
        if payload["urls"] and purge.configured():
            try:
                purge.purge_urls(payload["urls"])
            except Exception as exc:
                logger.warning("Frontend cache purge failed (%s); retrying through the outbox", exc)
                outbox.enqueue(PURGE_HANDLER, {"all": False, "paths": [], "urls": payload["urls"]})
    elif payload["urls"] and purge.configured():
        outbox.enqueue(PURGE_HANDLER, {"all": False, "paths": [], "urls": payload["urls"]})
    transaction.on_commit(after_commit)


def _everything() -> dict:
    return {"all": True, "paths": [], "urls": _site_urls() if purge.configured() else []}


# --- signal receivers ----------------------------------------------------------------------


def on_page_change(sender, instance, **kwargs):
    request_purge(page_targets(instance))


def on_page_created(sender, instance, created=False, raw=False, **kwargs):
    """A page created live in code (not through publishing) still shows up at once."""
    if created and not raw and isinstance(instance, Page) and instance.live:
        request_purge(page_targets(instance))


def on_page_move(sender, instance, **kwargs):
    request_purge(_everything())


def on_restriction_change(sender, instance, **kwargs):
    payload = _everything()
    if purge.configured():
        pages = Page.objects.descendant_of(instance.page, inclusive=True).only(
            "id", "path", "depth", "url_path"
        )
        payload["urls"] = [url for url in (_full_url(p)[1] for p in pages) if url]
    request_purge(payload, synchronous=True)


def on_site_wide_change(sender, instance, created=False, **kwargs):
    if (
        created
        and not kwargs.get("raw")
        and sender.__name__ == "SiteSettings"
        and not any((instance.tagline, instance.footer_text, instance.contact_email))
    ):
        return  # the empty row made on a site's first request changes nothing shown
    request_purge(_everything())


def on_synonyms_change(sender, instance, **kwargs):
    path = "/zoeken/"
    request_purge({"all": False, "paths": [path], "urls": []})


def connect() -> None:
    from django.apps import apps

    from .models import SiteSettings

    page_published.connect(on_page_change, dispatch_uid="website.purge.published")
    page_unpublished.connect(on_page_change, dispatch_uid="website.purge.unpublished")
    post_page_move.connect(on_page_move, dispatch_uid="website.purge.moved")
    post_save.connect(on_page_created, dispatch_uid="website.purge.created")
    for signal in (post_save, post_delete):
        signal.connect(
            on_restriction_change,
            sender=PageViewRestriction,
            dispatch_uid=f"website.purge.restriction.{signal is post_save}",
        )
        signal.connect(
            on_site_wide_change,
            sender=SiteSettings,
            dispatch_uid=f"website.purge.settings.{signal is post_save}",
        )
        signal.connect(  # host names and root pages (the cached site lookup)
            on_site_wide_change,
            sender=Site,
            dispatch_uid=f"website.purge.site.{signal is post_save}",
        )
        if apps.is_installed("search"):
            signal.connect(
                on_synonyms_change,
                sender="search.Synonym",
                dispatch_uid=f"website.purge.synonyms.{signal is post_save}",
            )
