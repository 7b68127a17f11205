"""The in-app page cache: whole anonymous responses in Django's cache (Redis in production).

For deployments without a caching proxy. Entries are keyed by path, query string, host and
language. Purging never scans keys: every path has a generation number and so does the
whole site; a purge bumps a generation, so every entry under it is unreachable at once
(also entries for every query string of that path, e.g. ``?page=2``) and expires later.

The cache is an optimisation only. When it is unreachable (the resilient Redis backend is
paused, or a call fails) pages are served uncached and a purge reports failure so the
caller can retry it later (``website.cache_purge`` does so through the outbox).

A per-request memo (``request_memo``) lets code that has no request at hand (queryset
methods) compute a value once per request, e.g. the anonymous access check.
"""

from __future__ import annotations

import contextvars
import hashlib
import logging
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

PREFIX = "pc"
GLOBAL_KEY = f"{PREFIX}:g"
GENERATION_TIMEOUT = 60 * 60 * 24 * 30

_memo: contextvars.ContextVar[dict | None] = contextvars.ContextVar("request_memo", default=None)


# --- per-request memo ------------------------------------------------------------------


def start_request_memo() -> contextvars.Token:
    return _memo.set({})


def end_request_memo(token: contextvars.Token) -> None:
    _memo.reset(token)


def request_memo(key, compute: Callable[[], object]):
    """``compute()`` once per request (every call outside a request computes)."""
    memo = _memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


# --- availability ----------------------------------------------------------------------


def enabled() -> bool:
    return bool(getattr(settings, "PAGE_CACHE_ENABLED", True))


def cache_available() -> bool:
    """False while the resilient Redis cache is paused (it would answer from process memory,
    which other processes cannot purge)."""
    return not getattr(cache, "paused", False)


def _generation(key: str) -> int:
    value = cache.get(key)
    return int(value) if value is not None else 0


def _bump(key: str) -> None:
    # A time-based value never goes back, even if a counter was evicted.
    cache.set(key, time.time_ns(), GENERATION_TIMEOUT)


def _path_key(path: str) -> str:
    return f"{PREFIX}:p:{hashlib.md5(path.encode()).hexdigest()}"  # noqa: S324 - a key, not security


def generation() -> int:
    """The site-wide generation: part of keys of cached fragments (menu, site settings)."""

    def load():
        try:
            return _generation(GLOBAL_KEY) if cache_available() else -1
        except Exception:  # an unusable cache means: nothing cached
            return -1

    return request_memo("generation", load)


# --- entries ---------------------------------------------------------------------------


def _entry_key(request, language: str) -> str | None:
    path = request.path
    values = cache.get_many([GLOBAL_KEY, _path_key(path)])
    variant = f"{request.get_host()}|{request.META.get('QUERY_STRING', '')}|{language}"
    digest = hashlib.md5(f"{path}|{variant}".encode()).hexdigest()  # noqa: S324 - a key
    return f"{PREFIX}:c:{values.get(GLOBAL_KEY, 0)}:{values.get(_path_key(path), 0)}:{digest}"


def lookup(request, language: str):
    """The stored response parts ``(status, headers, content)`` or None."""
    if not enabled() or not cache_available():
        return None
    try:
        key = _entry_key(request, language)
        request._page_cache_key = key
        return cache.get(key)
    except Exception as exc:
        logger.warning("Page cache: lookup failed (%s); serving uncached", exc)
        return None


def store(request, language: str, response, timeout: int) -> bool:
    if not enabled() or not cache_available():
        return False
    try:
        key = getattr(request, "_page_cache_key", None) or _entry_key(request, language)
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in ("set-cookie", "content-length")
        ]
        cache.set(key, (response.status_code, headers, response.content), timeout)
        return True
    except Exception as exc:
        logger.warning("Page cache: store failed (%s)", exc)
        return False


# --- purge -----------------------------------------------------------------------------


def purge_paths(paths: Iterable[str]) -> bool:
    """Make every cached variant of these paths unreachable. False when the cache is away."""
    paths = sorted({path for path in paths if path})
    if not paths:
        return True
    if not cache_available():
        return False
    try:
        now = time.time_ns()
        cache.set_many({_path_key(path): now for path in paths}, GENERATION_TIMEOUT)
        return cache_available()  # the call may have just paused it
    except Exception as exc:
        logger.warning("Page cache: purge of %s path(s) failed: %s", len(paths), exc)
        return False


def purge_all() -> bool:
    """Every cached page and fragment (menu, footer, site settings) of the site."""
    if not cache_available():
        return False
    try:
        _bump(GLOBAL_KEY)
        return cache_available()
    except Exception as exc:
        logger.warning("Page cache: purge of the whole site failed: %s", exc)
        return False


def fragment(name: str, compute: Callable[[], object], timeout: int | None = None):
    """A value cached until the next site-wide purge (or ``timeout``); computed when the
    cache is away. Also memoised for the request."""

    def load():
        gen = generation()
        if gen < 0:
            return compute()
        key = f"{PREFIX}:f:{gen}:{name}"
        try:
            value = cache.get(key)
        except Exception:
            return compute()
        if value is None:
            value = compute()
            try:
                cache.set(key, value, timeout or getattr(settings, "PAGE_CACHE_SECONDS", 300))
            except Exception:
                pass
        return value

    return request_memo(("fragment", name), load)
