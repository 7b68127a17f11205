"""A Redis cache that keeps the site up while Redis is unreachable.

Production uses one Redis for the Celery broker and for Django's cache. The outbox already
survives a broker outage; this backend does the same for the cache. Without it every page
fails while Redis is down: Wagtail keeps the site's root paths in the cache, and the login
lockout and the rate limits of anonymous forms count in it.

When a call fails with a connection error or a time-out, the backend

* logs one warning and serves that call from a process-local memory cache instead;
* stops trying Redis for ``pause_seconds`` (an ``OPTIONS`` key, default 10), so requests do
  not each wait for a connection time-out; after the pause the next call probes Redis again.

Django makes one cache object per thread; the pause and the memory cache belong to the Redis
location, so all threads of a process share them. During an outage, counters (login lockout,
rate limits) are therefore counted per web process rather than for the whole site: they stay
in force, only less strictly. Values written to the memory cache are not copied to Redis
afterwards. Cached copies of data (synonyms, promoted results, report figures) live for five
minutes at most, so one that was invalidated during the outage is not stale for long.
"""

from __future__ import annotations

import functools
import logging
import threading
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

DEFAULT_PAUSE_SECONDS = 10.0

# Per Redis location: until when this process leaves it alone (shared by all threads).
_paused_until: dict[str, float] = {}
_pause_lock = threading.Lock()


def _outage_errors() -> tuple[type[BaseException], ...]:
    import redis

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class ResilientRedisCache(RedisCache):
    """``RedisCache`` that falls back to a process-local cache while Redis is unreachable.

    Extra ``OPTIONS`` key: ``pause_seconds`` (how long to leave Redis alone after a failure).
    Other options go to the Redis connection pool as usual (e.g. ``socket_timeout``).
    """

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.pause_seconds = float(options.pop("pause_seconds", DEFAULT_PAUSE_SECONDS))
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._location = str(server)
        # LocMemCache keeps its data per name at module level: one store per process.
        self._fallback = LocMemCache(
            f"resilient-redis-fallback:{self._location}",
            {
                "TIMEOUT": params.get("TIMEOUT", 300),
                "KEY_PREFIX": params.get("KEY_PREFIX", ""),
                "VERSION": params.get("VERSION", 1),
                "OPTIONS": {"MAX_ENTRIES": 10_000},
            },
        )
        self._errors = _outage_errors()

    # -- state ---------------------------------------------------------------------------

    def redis_available(self) -> bool:
        """True when Redis answers a PING now (for health checks; ignores the pause)."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except self._errors:
            return False

    @property
    def paused(self) -> bool:
        return time.monotonic() < _paused_until.get(self._location, 0.0)

    def _pause(self, exc: BaseException) -> None:
        with _pause_lock:
            first = not self.paused
            _paused_until[self._location] = time.monotonic() + self.pause_seconds
        if first:
            logger.warning(
                "Cache: Redis unavailable (%s); using a local memory cache for %.0f s",
                exc,
                self.pause_seconds,
            )

    def _call(self, name: str, *args, **kwargs):
        if not self.paused:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except self._errors as exc:
                self._pause(exc)
        return getattr(self._fallback, name)(*args, **kwargs)


def _resilient(name: str):
    @functools.wraps(getattr(RedisCache, name))
    def method(self, *args, **kwargs):
        return self._call(name, *args, **kwargs)

    return method


# Every method of RedisCache that talks to Redis; BaseCache's others (get_or_set, decr,
# the async variants) are built on these.
for _name in (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
):
    setattr(ResilientRedisCache, _name, _resilient(_name))


def process_local_cache(alias: str = "default") -> bool:
    """True for a cache each process keeps for itself (LocMem, dummy)."""
    from django.core.cache import caches
    from django.core.cache.backends.dummy import DummyCache
    from django.core.cache.backends.locmem import LocMemCache

    return isinstance(caches[alias], LocMemCache | DummyCache)


def shared_cache_available(alias: str = "default") -> bool:
    """True when the cache is one store for every process (Redis, answering now). A
    process-local cache (LocMem, dummy) or a paused Redis is not: a value one process deletes
    may live on in another, so per-person data that must change at once is not cached there."""
    from django.core.cache import caches

    return not process_local_cache(alias) and not getattr(caches[alias], "paused", False)
