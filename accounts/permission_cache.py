"""A signed-in user's roles and permissions from Django's cache (Redis in production).

Every signed-in page asks for the user's roles (``roles.user_roles``) and often for a
permission (``user.has_perm``): three queries per request without a cache. The values are
kept per user under a generation number; any change of group memberships, direct
permissions, group permissions, groups or permissions bumps the generation (at once and
again after commit), which makes every cached entry unreachable. Superuser and active flags
are part of the key, so changing them needs no purge. Entries also expire after
``TIMEOUT`` seconds. While the cache is away (the resilient Redis cache is paused) the
values are computed from the database for every request, never taken from one process's
memory.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.core.cache import cache
from django.db import transaction

from core import page_cache
from core.cache import shared_cache_available

logger = logging.getLogger(__name__)

GENERATION_KEY = "acc:perm:g"
TIMEOUT = 300
GENERATION_TIMEOUT = 60 * 60 * 24 * 30


def _generation() -> int | None:
    def load():
        # Only a cache shared by every process: with a process-local one, a role revoked in
        # one process would live on in the others.
        if not shared_cache_available():
            return None
        try:
            value = cache.get(GENERATION_KEY)
        except Exception:
            return None
        return int(value) if value is not None else 0

    return page_cache.request_memo("acc:perm:g", load)


def cached_for_user(user, name: str, compute: Callable[[], object]):
    """``compute()`` for this user, cached until the next permission change."""
    if user.pk is None:
        return compute()
    generation = _generation()
    if generation is None:
        return compute()
    key = f"acc:perm:{generation}:{user.pk}:{int(user.is_superuser)}{int(user.is_active)}:{name}"
    try:
        value = cache.get(key)
    except Exception:
        return compute()
    if value is None:
        value = compute()
        if page_cache.cache_available():
            try:
                cache.set(key, value, TIMEOUT)
            except Exception:
                pass
    return value


def bump(**kwargs) -> None:
    """Make every cached role and permission set unreachable (now and after commit)."""

    def run():
        try:
            cache.set(GENERATION_KEY, time.time_ns(), GENERATION_TIMEOUT)
        except Exception as exc:
            logger.warning("Permission cache: purge failed (%s)", exc)

    run()
    transaction.on_commit(run)


def connect() -> None:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group, Permission
    from django.db.models.signals import m2m_changed, post_delete, post_save

    User = get_user_model()
    for through in (User.groups.through, User.user_permissions.through, Group.permissions.through):
        m2m_changed.connect(bump, sender=through, dispatch_uid=f"acc.perm.{through.__name__}")
    for model in (Group, Permission):
        for signal in (post_save, post_delete):
            signal.connect(
                bump, sender=model, dispatch_uid=f"acc.perm.{model.__name__}.{id(signal)}"
            )
