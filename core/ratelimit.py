"""A small cache-based rate limit for anonymous form submissions.

Used by the inburgeraar feedback form, registration and password reset; each form has
its own ``scope``, so one form's count does not affect another. The rate comes from
``settings.PLATFORM_RATE_LIMIT_ANONYMOUS_FORMS`` ("10/h": ten per hour; units s, m, h,
d). The client address is only used as a salted hash in a cache key that expires with
the window: no IP address is stored anywhere. Counts live in the cache (Redis in
production), so they hold across workers.

``client_ip`` is the one definition of "the client" for every limiter (login lock-out,
anonymous forms, "Was dit nuttig?", the API throttles). Behind a reverse proxy it believes
``X-Forwarded-For`` only when the direct peer is in ``settings.TRUSTED_PROXIES``.
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import re
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'10/h' -> (10, 3600). Also accepts '5/15m', '20/hour', '100/day'."""
    match = re.fullmatch(r"\s*(\d+)\s*/\s*(\d*)\s*([smhd])[a-z]*\s*", str(rate or ""), re.I)
    if not match:
        raise ValueError(f"Invalid rate {rate!r}; use e.g. '10/h'")
    count, multiplier, unit = match.groups()
    return int(count), int(multiplier or 1) * _UNITS[unit.lower()]


def parse_networks(value) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    """'10.0.0.0/8, 2001:db8::/32' (or a list) -> networks; ValueError names a bad entry."""
    items = value.split(",") if isinstance(value, str) else list(value or [])
    networks = []
    for item in items:
        item = str(item).strip()
        if not item:
            continue
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ValueError(f"{item!r} is not an IP network (use CIDR, e.g. 10.0.0.0/8)") from None
    return tuple(networks)


@lru_cache(maxsize=8)
def _trusted(value: str):
    try:
        return parse_networks(value)
    except ValueError as error:  # the system check reports it at start-up; trust nobody
        logger.error("TRUSTED_PROXIES ignored: %s", error)
        return ()


def _address(value: str):
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1:  # "192.0.2.1:443"
        value = value.split(":", 1)[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _is_trusted(address, networks) -> bool:
    if address is None:
        return False
    if getattr(address, "ipv4_mapped", None):
        address = address.ipv4_mapped
    return any(address.version == net.version and address in net for net in networks)


def client_ip(request) -> str:
    """The client's address: the one definition every limiter keys on.

    ``REMOTE_ADDR`` unless it is one of ``settings.TRUSTED_PROXIES``; then the right-most
    address of ``X-Forwarded-For`` that is not itself a trusted proxy (each proxy appends the
    peer it saw, so everything left of that entry could have been written by the client).
    """
    if request is None:
        return "unknown"
    remote = request.META.get("REMOTE_ADDR") or ""
    configured = getattr(settings, "TRUSTED_PROXIES", None) or ()
    networks = _trusted(configured if isinstance(configured, str) else ",".join(configured))
    if not networks or not _is_trusted(_address(remote), networks):
        return remote or "unknown"
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part.strip() for part in forwarded.split(",") if part.strip()]):
        address = _address(hop)
        if address is None:  # garbage in the chain: stop believing it here
            break
        if not _is_trusted(address, networks):
            return str(address)
    return remote


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
