"""HTTP caching of public pages for anonymous visitors (docs/caching.md).

``PublicCacheMiddleware`` (after ``LocaleMiddleware``):

* An anonymous GET (no session or messages cookie, no Authorization header) of a public
  page gets ``Cache-Control: public, max-age=…, stale-while-revalidate=…`` and an ETag,
  sets no cookie, does not vary on Cookie for the default language (a visitor who chose
  another language gets ``Vary: Cookie``), and answers ``304`` to a matching
  ``If-None-Match``. The response is kept in the in-app page cache (``core.page_cache``)
  and served from there until it expires or is purged.
* Public pages are Wagtail pages outside a view restriction, views marked with
  ``@public_cache`` and views named in ``settings.PAGE_CACHE_PUBLIC_VIEWS``.
* Every other HTML response without its own ``Cache-Control`` is ``private``; with a
  session cookie (signed in) it is not cached at all.
* Wagtail page URLs of page types with ``fast_route = True`` are resolved by their
  ``url_path`` (two indexed queries) instead of walking the tree; other pages (routable
  community pages) keep Wagtail's routing.

``same_origin_post`` protects the few anonymous POST endpoints that pages cached for
everybody carry (no per-visitor CSRF token): it refuses cross-site requests by their
``Sec-Fetch-Site``/``Origin``/``Referer`` headers.
"""

from __future__ import annotations

import functools
import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse, HttpResponseForbidden
from django.utils import translation
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from . import page_cache

logger = logging.getLogger(__name__)

PRIVATE_PREFIXES = ("/admin/", "/django-admin/", "/account/", "/api/", "/healthz/")
# Views that render no Wagtail page or menu: no site lookup up front (Wagtail still finds the
# site itself if one of them asks). The health check must answer even on an empty database.
SITELESS_PREFIXES = ("/healthz/", "/api/")
MESSAGES_COOKIE = "messages"


def public_cache(view):
    """Mark a view whose anonymous GET response is the same for every anonymous visitor."""
    view.public_cache = True
    return view


def max_age() -> int:
    return int(getattr(settings, "PAGE_CACHE_MAX_AGE", 300))


def stale_while_revalidate() -> int:
    return int(getattr(settings, "PAGE_CACHE_STALE_WHILE_REVALIDATE", 600))


def anonymous_candidate(request) -> bool:
    """A request whose response may come from (and go to) a shared cache."""
    if request.method not in ("GET", "HEAD") or request.path.startswith(PRIVATE_PREFIXES):
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or MESSAGES_COOKIE in cookies:
        return False
    return "HTTP_AUTHORIZATION" not in request.META


# --- view restrictions, once per request --------------------------------------------------


def restricted_paths() -> tuple[str, ...]:
    """Tree paths of pages with a view restriction (cached until the next site purge)."""

    def load():
        from wagtail.models import PageViewRestriction

        return tuple(sorted(PageViewRestriction.objects.values_list("page__path", flat=True)))

    return page_cache.fragment("restricted_paths", load)


def is_public_path(path: str) -> bool:
    return not any(path.startswith(prefix) for prefix in restricted_paths())


def public_pages(queryset):
    """``PageQuerySet.public()`` without a query for the restrictions on every call."""
    paths = restricted_paths()
    if not paths:
        return queryset
    private = Q()
    for path in paths:
        private |= Q(path__startswith=path)
    return queryset.exclude(private)


class FastViewRestrictionsMixin:
    """Page mixin: no queries for the view-restriction check of a page outside any
    restricted section (Wagtail's check costs two queries per request)."""

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        if self.alias_of_id is None and is_public_path(self.path):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


# --- routing by url_path -----------------------------------------------------------------


def route_by_url_path(request, path: str) -> None:
    """Pre-resolve a Wagtail page URL (sets Wagtail's per-request route result)."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page, Site
    from wagtail.url_routing import RouteResult

    site = Site.find_for_request(request)
    if site is None:
        return
    root = next((r for r in Site.get_site_root_paths() if r.site_id == site.pk), None)
    if root is None:
        return
    row = (
        Page.objects.filter(url_path=root.root_path + path)
        .values_list("pk", "content_type_id")
        .first()
    )
    if row is None:
        return
    model = ContentType.objects.get_for_id(row[1]).model_class()
    if model is None or not getattr(model, "fast_route", False):
        return
    page = model.objects.filter(pk=row[0]).first()
    if page is None:
        return
    request._wagtail_route_for_request = RouteResult(page) if page.live else None


def find_site(request) -> None:
    """Wagtail's site for this request from the fragment cache (no query on a hit); Wagtail,
    the menu and the site settings then read it from ``request._wagtail_site``. The entry
    lives until the next site-wide purge (a ``Site`` change purges the site)."""
    from django.http.request import split_domain_port
    from wagtail.models import Site

    if hasattr(request, "_wagtail_site"):
        return
    try:
        hostname = split_domain_port(request.get_host())[0]
        port = request.get_port()
    except Exception:  # an unknown host: let Wagtail and Django answer as they would
        return
    site = page_cache.fragment(
        f"site:{hostname}:{port}", lambda: Site._find_for_request(request) or False
    )
    request._wagtail_site = site or None


# --- the middleware -----------------------------------------------------------------------


def _default_language(language: str | None) -> bool:
    return (language or settings.LANGUAGE_CODE).split("-")[0] == settings.LANGUAGE_CODE


class PublicCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        from wagtail.views import serve

        self.wagtail_serve = serve

    def __call__(self, request):
        token = page_cache.start_request_memo()
        try:
            candidate = anonymous_candidate(request)
            language = translation.get_language() or settings.LANGUAGE_CODE
            if candidate:
                entry = page_cache.lookup(request, language)
                if entry is not None:
                    return self._from_cache(request, entry)
            response = self.get_response(request)
            return self._finish(request, response, candidate, language)
        finally:
            page_cache.end_request_memo(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not request.path.startswith(SITELESS_PREFIXES):
            find_site(request)
        if view_func is self.wagtail_serve:
            request._public_view = "page"
            if request.method in ("GET", "HEAD") and not request.path.startswith(PRIVATE_PREFIXES):
                path = view_kwargs.get("path", view_args[0] if view_args else "")
                route_by_url_path(request, path or "")
            return None
        match = request.resolver_match
        public_views = getattr(settings, "PAGE_CACHE_PUBLIC_VIEWS", ())
        if getattr(view_func, "public_cache", False) or (match and match.view_name in public_views):
            request._public_view = "view"
        return None

    # -- responses --------------------------------------------------------------------

    def _from_cache(self, request, entry):
        status, headers, content = entry
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        response["Content-Length"] = str(len(content))
        response["X-Page-Cache"] = "hit"
        return get_conditional_response(request, etag=response.get("ETag"), response=response)

    def _is_public(self, request, response) -> bool:
        kind = getattr(request, "_public_view", None)
        if not kind or response.status_code != 200 or response.streaming:
            return False
        if response.cookies or response.has_header("Cache-Control"):
            return False
        if kind == "page":
            route = getattr(request, "_wagtail_route_for_request", None)
            if not route or not is_public_path(route[0].path):
                return False
        return True

    def _finish(self, request, response, candidate, language):
        if candidate and self._is_public(request, response):
            return self._make_public(request, response, language)
        if not response.has_header("Cache-Control"):
            if settings.SESSION_COOKIE_NAME in request.COOKIES:
                add_never_cache_headers(response)  # signed in: private and uncached
            elif response.get("Content-Type", "").startswith("text/html"):
                patch_cache_control(response, private=True)
        return response

    def _make_public(self, request, response, language):
        session = getattr(request, "session", None)
        if session is not None and not session.modified:
            session.accessed = False  # no "Vary: Cookie" from SessionMiddleware
        if response.has_header("Vary"):
            kept = [v.strip() for v in response["Vary"].split(",") if v.strip().lower() != "cookie"]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        if not _default_language(language):
            # The language chosen in a cookie: shared caches must keep this variant apart.
            patch_vary_headers(response, ("Cookie",))
        patch_cache_control(
            response,
            public=True,
            max_age=max_age(),
            stale_while_revalidate=stale_while_revalidate(),
        )
        if not response.has_header("ETag"):
            set_response_etag(response)
        if request.method == "GET":
            stored = page_cache.store(
                request, language, response, getattr(settings, "PAGE_CACHE_SECONDS", 300)
            )
            response["X-Page-Cache"] = "miss" if stored else "off"
        return get_conditional_response(request, etag=response["ETag"], response=response)


# --- anonymous POST endpoints without a CSRF token ----------------------------------------


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def is_same_origin(request) -> bool:
    """False for a request a browser marked as cross-site (or from another origin)."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return False
    allowed = {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin in allowed
    referer = request.headers.get("Referer")
    if referer is not None:
        return _origin_of(referer) in allowed
    # No browser sends a cross-site form POST without these headers; a script without a
    # browser is not a CSRF risk (the endpoint's rate limit applies).
    return True


def same_origin_post(view):
    """CSRF protection by origin instead of a per-visitor token (the page stays cacheable)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD", "OPTIONS") and not is_same_origin(request):
            logger.info("Refused a cross-site %s to %s", request.method, request.path)
            return HttpResponseForbidden(
                _("Dit formulier kan alleen vanaf deze website worden verstuurd."),
                content_type="text/plain; charset=utf-8",
            )
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)
