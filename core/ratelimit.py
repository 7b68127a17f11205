"""A small cache-based rate limit for anonymous form submissions.

Used by the inburgeraar feedback form, registration and password reset; each form has
its own ``scope``, so one form's count does not affect another. The rate comes from
``settings.PLATFORM_RATE_LIMIT_ANONYMOUS_FORMS`` ("10/h": ten per hour; units s, m, h,
d). The client address is only used as a salted hash in a cache key that expires with
the window: no IP address is stored anywhere. Counts live in the cache (Redis in
production), so they hold across workers.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.core.cache import cache

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'10/h' -> (10, 3600). Also accepts '5/15m', '20/hour', '100/day'."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd])[a-z]*\s*", str(rate or ""), re.I)
    if not match:
        raise ValueError(f"Invalid rate {rate!r}; use e.g. '10/h'")
    count, multiplier, unit = match.groups()
    return int(count), int(multiplier or 1) * _UNITS[unit.lower()]


def client_ip(request) -> str:
    """The client's address: the one definition every limiter keys on."""
    if request is None:
        return "unknown"
    return request.META.get("REMOTE_ADDR") or "unknown"


def _key(scope: str, request) -> str:
    salted = f"{settings.SECRET_KEY}|{scope}|{client_ip(request)}"
    return f"ratelimit:{scope}:" + hashlib.sha256(salted.encode()).hexdigest()


def window_minutes() -> int:
    """The length of the window in whole minutes (at least 1), for messages to users."""
    _limit, window = parse_rate(settings.PLATFORM_RATE_LIMIT_ANONYMOUS_FORMS)
    return max(1, -(-window // 60))


def is_limited(scope: str, request) -> bool:
    limit, _window = parse_rate(settings.PLATFORM_RATE_LIMIT_ANONYMOUS_FORMS)
    return cache.get(_key(scope, request), 0) >= limit


def record(scope: str, request) -> int:
    """Count one submission in the current window; returns the count so far."""
    _limit, window = parse_rate(settings.PLATFORM_RATE_LIMIT_ANONYMOUS_FORMS)
    key = _key(scope, request)
    cache.add(key, 0, timeout=window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window)
        return 1
