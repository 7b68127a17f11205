"""Helpers the signal service modules share: text limits and cleaning, lookups, who is
interested in a signal or dossier, the history row every change writes and workbench links.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from accounts import roles as account_roles
from core.sanitize import plain_text
from core.text import clean_plain_text
from privacy.validators import guard_error

from .. import workflow
from ..models import Dossier, Follow, Signal, SignalEvent, Support
from ..workflow import Level

TITLE_MAX = 200
TEXT_MAX = 5000
SUGGESTION_MAX = 2000


def clean_text(
    value, field: str, max_length: int, errors: dict, *, required=False, label=None
) -> str:
    """Sanitise, length-check and guard one text field; problems go into ``errors``."""
    try:
        text = clean_plain_text(value, max_length=max_length, required=required, label=label)
    except ValidationError as error:
        errors[field] = error.messages[0]
        return plain_text(value or "")
    error = guard_error(text)  # refusal, or a warning unless confirmed
    if error is not None:
        errors[field] = error
    return text


def _raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError({k: [v] for k, v in errors.items()})


def _instance(model, value):
    if value is None or value == "":
        return None
    if isinstance(value, model):
        return value
    return model.objects.filter(pk=value).first()


def coordinators_of(level: str):
    group = account_roles.ROLES[workflow.COORDINATOR_ROLE[Level(level)]].group_name
    return get_user_model().objects.filter(is_active=True, groups__name=group)


def interested_in_signal(signal: Signal) -> set[int]:
    """Submitter, supporters and followers of a signal (user ids)."""
    ids = set(Support.objects.filter(signal=signal).values_list("user_id", flat=True))
    ids |= set(Follow.objects.filter(signal=signal).values_list("user_id", flat=True))
    if signal.submitted_by_id:
        ids.add(signal.submitted_by_id)
    return ids


def interested_in_dossier(dossier: Dossier) -> set[int]:
    """Everyone interested in any signal of the dossier, plus the dossier's followers."""
    signal_ids = list(dossier.signals.values_list("pk", flat=True))
    ids = set(Support.objects.filter(signal_id__in=signal_ids).values_list("user_id", flat=True))
    ids |= set(Follow.objects.filter(signal_id__in=signal_ids).values_list("user_id", flat=True))
    ids |= set(Follow.objects.filter(dossier=dossier).values_list("user_id", flat=True))
    ids |= {
        pk
        for pk in dossier.signals.values_list("submitted_by_id", flat=True).distinct()
        if pk is not None
    }
    return ids


INTERESTED = {workflow.SIGNAL: interested_in_signal, workflow.DOSSIER: interested_in_dossier}


def interested(obj) -> set[int]:
    return INTERESTED[obj.workflow_kind](obj)


def _record(obj, actor, action, *, reason="", payload=None, **changes) -> SignalEvent:
    kwargs = obj.subject_kwargs()
    return SignalEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        reason=reason,
        payload=payload or {},
        **kwargs,
        **changes,
    )


def _workbench_url(obj) -> str:
    return obj.get_workbench_url()
