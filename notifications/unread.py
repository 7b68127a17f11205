"""The bell's unread count per person from the shared cache (Redis in production).

Every signed-in page shows the count: one ``COUNT`` query per page without a cache. The
count is kept per person for ``TIMEOUT`` seconds and deleted (at once and again after
commit) whenever notifications are created for that person (``services.deliver``) or marked
read (``services.mark_read``). A change made elsewhere (the Django admin, raw SQL) shows
within ``TIMEOUT``. The count is only cached in a cache that all web processes share: with
Django's process-local memory cache (no ``REDIS_URL``), or while the resilient Redis cache is
paused, it is counted for every page, so one process never shows a count another one made
stale.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.core.cache import cache
from django.db import transaction

from core.cache import process_local_cache, shared_cache_available

logger = logging.getLogger(__name__)

TIMEOUT = 120


def _key(user_id: int) -> str:
    return f"notif:unread:{user_id}"


def cached_count(user_id: int, count: Callable[[], int]) -> int:
    """``count()`` for this person, from the shared cache when there is one."""
    if not shared_cache_available():
        return count()
    try:
        value = cache.get(_key(user_id))
    except Exception:
        return count()
    if value is None:
        value = count()
        try:
            cache.set(_key(user_id), value, TIMEOUT)
        except Exception:
            pass
    return int(value)


def forget(user_ids: Iterable[int]) -> None:
    """Drop the cached counts of these people (now and after commit)."""
    keys = [_key(pk) for pk in user_ids]
    if not keys or process_local_cache():
        return  # counts are only ever cached in a shared cache

    def run():
        try:
            cache.delete_many(keys)
        except Exception as exc:
            logger.warning("Unread count cache: delete failed (%s)", exc)

    run()
    transaction.on_commit(run)
