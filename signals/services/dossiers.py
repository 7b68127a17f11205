"""Dossiers: creating and editing them, bundling signals into them, resolving them and their
milestones.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from taxonomy.models import Theme

from .. import workflow
from ..deadlines import deadline_for
from ..models import Dossier, Milestone, Signal
from ..workflow import Status
from .common import TITLE_MAX, _instance, _raise_if, _record, clean_text
from .errors import ActionForbidden, SignalError
from .routing import route
from .transitions import apply_action


def create_dossier(*, title, actor, level=None, analysis="", themes=(), assignee=None) -> Dossier:
    """Create an (empty) dossier at ``level`` (default: the highest level ``actor`` coordinates)."""
    errors: dict = {}
    title = clean_text(title, "title", TITLE_MAX, errors, required=True, label=_("een titel"))
    analysis = clean_text(analysis, "analysis", 10000, errors)
    _raise_if(errors)
    levels = workflow.coordinator_levels(actor)
    level = level or (levels[-1] if levels else None)
    if level is None or not workflow.is_coordinator_of(actor, level):
        raise ActionForbidden(_("Alleen coördinatoren kunnen een dossier aanmaken."))
    with transaction.atomic():
        dossier = Dossier.objects.create(
            title=title,
            analysis=analysis,
            level=level,
            assignee=assignee or actor,
            status=Status.IN_BEHANDELING,
            deadline=deadline_for(level, timezone.localdate()),
        )
        if themes:
            dossier.themes.set([t for t in (_instance(Theme, t) for t in themes) if t])
        _record(
            dossier,
            actor,
            "create_dossier",
            to_status=dossier.status,
            to_level=level,
            payload={"deadline": dossier.deadline.isoformat()},
        )
    return dossier


def update_dossier(dossier: Dossier, actor, *, title=None, analysis=None) -> Dossier:
    errors: dict = {}
    changes = {}
    if title is not None:
        changes["title"] = clean_text(title, "title", TITLE_MAX, errors, required=True)
    if analysis is not None:
        changes["analysis"] = clean_text(analysis, "analysis", 10000, errors)
    _raise_if(errors)
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if not workflow.is_coordinator_of(actor, locked.level):
            raise ActionForbidden(_("Alleen de coördinator van dit niveau mag dit aanpassen."))
        before = {k: getattr(locked, k) for k, v in changes.items() if getattr(locked, k) != v}
        if before:
            for k in before:
                setattr(locked, k, changes[k])
            locked.save(update_fields=[*before, "updated_at"])
            _record(locked, actor, "edit", payload={"changed": sorted(before), "before": before})
    return locked


def bundle(signals: Iterable[Signal], dossier_or_new, actor, reason: str = "") -> Dossier:
    """Bundle signals into an existing dossier, or into a new one (pass its title as a str).

    All or nothing: when one signal cannot be bundled, nothing is bundled and the error
    names that signal.
    """
    signals = list(signals)
    if not signals:
        raise SignalError(_("Kies minstens één signaal."), field="signals")
    with transaction.atomic():
        if isinstance(dossier_or_new, str):
            top = max(signals, key=lambda s: workflow.LEVEL_ORDER.index(s.level)).level
            dossier = create_dossier(title=dossier_or_new, actor=actor, level=top)
        else:
            dossier = dossier_or_new
        for signal in signals:
            try:
                apply_action(signal, "bundle", actor, reason, dossier=dossier)
            except SignalError as exc:
                raise type(exc)(f"{signal.reference} {signal.title[:60]}: {exc.message}", exc.field)
        if dossier.team_id is None:
            route(dossier, actor, trigger="bundle")
    return dossier


def resolve_dossier(dossier: Dossier, actor, outcome: str) -> Dossier:
    """Resolve a dossier; every signal in it gets the same outcome and everyone is told once."""
    return apply_action(dossier, "resolve", actor, outcome)


def add_milestone(dossier: Dossier, actor, title: str, due_date=None) -> Milestone:
    errors: dict = {}
    title = clean_text(title, "title", TITLE_MAX, errors, required=True)
    _raise_if(errors)
    if not workflow.is_coordinator_of(actor, dossier.level):
        raise ActionForbidden(_("Alleen de coördinator van dit niveau mag mijlpalen toevoegen."))
    with transaction.atomic():
        milestone = Milestone.objects.create(dossier=dossier, title=title, due_date=due_date)
        _record(
            dossier,
            actor,
            "milestone",
            reason=title,
            payload={"milestone": milestone.pk, "due_date": due_date and str(due_date)},
        )
    return milestone


def complete_milestone(milestone: Milestone, actor) -> Milestone:
    if not workflow.is_coordinator_of(actor, milestone.dossier.level):
        raise ActionForbidden(_("Alleen de coördinator van dit niveau mag dit doen."))
    with transaction.atomic():
        milestone.done_at = timezone.now()
        milestone.save(update_fields=["done_at"])
        _record(
            milestone.dossier,
            actor,
            "milestone",
            reason=milestone.title,
            payload={"milestone": milestone.pk, "done": True},
        )
    return milestone
