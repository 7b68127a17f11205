"""Login throttling: lock an account-and-address pair after repeated failures.

Counts live in the cache (Redis in production), keyed on a hash of the e-mail
address and the client address, so the lock-out survives across workers and
stores no plain personal data.
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


def is_locked(email: str, request) -> bool:
    return cache.get(_key(email, request), 0) >= settings.LOGIN_FAILURE_LIMIT


def register_failure(email: str, request) -> int:
    key = _key(email, request)
    cache.add(key, 0, timeout=settings.LOGIN_LOCKOUT_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS)
        count = 1
    if count == settings.LOGIN_FAILURE_LIMIT:
        logger.warning("Login locked after %s failures from %s", count, client_ip(request))
    return count


def reset(email: str, request) -> None:
    cache.delete(_key(email, request))
