"""The "dit gaat niet over een persoon" confirmation of the guard's warning tier.

A request may carry the confirmation: the form checkbox ``not_about_person`` or, in
the API, ``"not_about_person": true`` in the JSON body. ``privacy.middleware`` reads it
for the whole request, so a service deep down (which only sees text) knows it; every
warning accepted that way is noted and, when the request succeeds, recorded as a
:class:`privacy.models.GuardConfirmation` together with who submitted what where.
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

FIELD = "not_about_person"

_confirmed: ContextVar[bool] = ContextVar("privacy_confirmed", default=False)
_accepted: ContextVar[list | None] = ContextVar("privacy_accepted", default=None)


def is_confirmed() -> bool:
    return _confirmed.get()


@contextmanager
def confirmed(value: bool = True):
    """Within this block, warnings (not refusals) are accepted and noted."""
    token = _confirmed.set(bool(value) or _confirmed.get())
    try:
        yield
    finally:
        _confirmed.reset(token)


@contextmanager
def collecting():
    """Collect the warnings accepted in this block (the middleware wraps each request)."""
    token = _accepted.set([])
    try:
        yield _accepted.get()
    finally:
        _accepted.reset(token)


def note_accepted(findings) -> None:
    accepted = _accepted.get()
    if accepted is None:
        return
    for finding in findings:
        entry = {"kind": finding.kind, "excerpt": finding.excerpt}
        if entry not in accepted:
            accepted.append(entry)


def truthy(value) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "true", "on", "yes", "ja"}
