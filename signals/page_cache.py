"""Keep the cached public follow-up true: a change to a signal, dossier, their history,
follow-ups or consultations purges the public pages it shows on (core.page_cache), at once
and again after commit, so an anonymous visitor never waits for the cache to expire.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.signals import post_save
from django.urls import NoReverseMatch, reverse

from core import page_cache


def public_paths(obj) -> list[str]:
    """The public pages that may show ``obj`` (a signal, dossier or a row that belongs to one)."""
    from .models import WorkflowItem

    paths = [reverse("signals:public_followup")]
    try:
        paths.append(reverse("reporting:public"))  # public figures count published signals
    except NoReverseMatch:
        pass
    if isinstance(obj, WorkflowItem):
        targets = [obj]
    else:  # a history row, follow-up or consultation belongs to a signal or a dossier
        targets = [getattr(obj, "signal", None), getattr(obj, "dossier", None)]
    for target in filter(None, targets):
        paths.append(reverse("signals:public_detail", args=[target.public_slug, target.pk]))
    return paths


def _purge_after_commit(sender, instance, raw=False, **kwargs):
    if raw or not page_cache.enabled():
        return
    paths = public_paths(instance)
    page_cache.purge_paths(paths)  # now, and again after commit: a request in between
    transaction.on_commit(lambda: page_cache.purge_paths(paths))  # may cache the old state


def connect() -> None:
    from .consultation_models import Consultation
    from .models import Dossier, FollowUp, Signal, SignalEvent

    for model in (Signal, Dossier, SignalEvent, FollowUp, Consultation):
        post_save.connect(_purge_after_commit, sender=model, dispatch_uid=f"purge-{model.__name__}")
