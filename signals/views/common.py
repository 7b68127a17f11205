"""Helpers every signals view module shares: access decorators, safe redirects, paging."""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from core.urls import paginate, safe_next  # noqa: F401  (re-exported for the views)

from .. import workflow
from ..models import is_chain_professional

PAGE_SIZE = 25


def chain_required(view):
    """Signed-in chain professionals only (inburgeraars and anonymous visitors are refused)."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_chain_professional(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def coordinator_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not workflow.is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def page(request, qs, size=PAGE_SIZE):
    return paginate(request, qs, size)


def timeline(events, show_people: bool):
    return [
        {"event": e, "actor": (e.actor.display_name if e.actor and show_people else "")}
        for e in events
    ]
