"""URL helpers every app shares: absolute links for e-mail, safe redirects, pagination."""

from __future__ import annotations

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.utils.http import url_has_allowed_host_and_scheme


def absolute_url(url: str) -> str:
    """``/path/`` -> ``https://site/path/`` with the configured SITE_URL (never the Host header).

    Absolute URLs (http/https) and empty values are returned unchanged.
    """
    if not url or url.startswith(("http://", "https://")):
        return url or ""
    return settings.SITE_URL.rstrip("/") + "/" + url.lstrip("/")


def safe_next(request, fallback: str, *, candidate: str | None = None) -> str:
    """The ``next`` target of a request (POST, then GET) if it stays on this site, else
    ``fallback``. Blocks open redirects (other hosts, schemes, ``//evil``)."""
    target = (
        candidate
        if candidate is not None
        else (request.POST.get("next") or request.GET.get("next"))
    )
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def paginate(request, queryset, per_page: int, param: str = "page") -> Page:
    """One page of ``queryset``; a missing, malformed or out-of-range number gives a valid page."""
    return Paginator(queryset, per_page).get_page(request.GET.get(param))
