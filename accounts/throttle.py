"""Login throttling: lock an account-and-address pair after repeated failures, and an
address after many failures across accounts (password spraying).

Every way to sign in uses this one throttle: the site login form, and through it the
Wagtail and Django admin login pages (``accounts.admin_doors`` sends them here).
Counts live in the cache (Redis in production), keyed on a hash of the e-mail
address and the client address (``core.ratelimit.client_ip``), so the lock-out
survives across workers and stores no plain personal data.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache

from core.ratelimit import client_ip

logger = logging.getLogger("accounts.security")


def _key(email: str, request) -> str:
    raw = f"{(email or '').strip().lower()}|{client_ip(request)}"
    return "login-fail:" + hashlib.sha256(raw.encode()).hexdigest()


def _address_key(request) -> str:
    raw = f"{settings.SECRET_KEY}|{client_ip(request)}"
    return "login-fail-addr:" + hashlib.sha256(raw.encode()).hexdigest()


def address_limit() -> int:
    """Failures from one address, over all accounts, before that address is locked too."""
    return getattr(settings, "LOGIN_ADDRESS_FAILURE_LIMIT", 4 * settings.LOGIN_FAILURE_LIMIT)


def is_locked(email: str, request) -> bool:
    return (
        cache.get(_key(email, request), 0) >= settings.LOGIN_FAILURE_LIMIT
        or cache.get(_address_key(request), 0) >= address_limit()
    )


def _incr(key: str) -> int:
    cache.add(key, 0, timeout=settings.LOGIN_LOCKOUT_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS)
        return 1


def register_failure(email: str, request) -> int:
    count = _incr(_key(email, request))
    if _incr(_address_key(request)) == address_limit():
        logger.warning("Login locked for an address after %s failures", address_limit())
    if count == settings.LOGIN_FAILURE_LIMIT:
        logger.warning("Login locked after %s failures from %s", count, client_ip(request))
    return count


def reset(email: str, request) -> None:
    cache.delete(_key(email, request))
