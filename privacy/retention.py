"""Retention registry: apps register functions that remove or anonymise personal data
that is kept longer than needed. ``privacy.apply_retention`` (beat, daily) runs them all.

``privacy`` knows nothing about the apps' models::

    # in feedback's AppConfig.ready()
    from privacy import retention
    retention.register("feedback-contact", strip_expired_contact_data)

A retention function takes no arguments, is idempotent and returns how many records
it changed. One failing function does not stop the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

logger = logging.getLogger(__name__)

_registry: dict[str, Callable[[], int | None]] = {}


def register(name: str, fn: Callable[[], int | None] | None = None):
    """Register ``fn`` under ``name`` (re-registering a name replaces it). Usable as decorator."""

    def decorator(func):
        _registry[name] = func
        return func

    return decorator(fn) if fn is not None else decorator


def unregister(name: str) -> None:
    _registry.pop(name, None)


def registered() -> list[str]:
    return sorted(_registry)


def apply_all() -> dict[str, int | str]:
    """Run every retention function; returns ``{name: changed count or 'error: ...'}``."""
    results: dict[str, int | str] = {}
    for name, fn in sorted(_registry.items()):
        try:
            results[name] = int(fn() or 0)
        except Exception as exc:  # keep going: one broken rule must not block the others
            logger.exception("Retention function %s failed", name)
            results[name] = f"error: {type(exc).__name__}: {exc}"
    return results
