"""Intake: submitting a signal and editing its text."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.sanitize import plain_text
from notifications.services import notify
from taxonomy.models import Organisation, Phase, Region, Theme

from .. import workflow
from ..deadlines import deadline_for
from ..models import Frequency, Signal, Source, Urgency
from ..workflow import COORDINATOR, SUBMITTER, Level, Status
from .common import (
    SUGGESTION_MAX,
    TEXT_MAX,
    TITLE_MAX,
    _instance,
    _raise_if,
    _record,
    _workbench_url,
    clean_text,
)
from .errors import ActionForbidden, SignalError
from .routing import route, team_recipients


def create_signal(
    *,
    submitted_by,
    title,
    description,
    themes=(),
    phase=None,
    organisation=None,
    region=None,
    frequency=None,
    affected_count=None,
    urgency=None,
    suggestion="",
    source="professional",
    source_label="",
    source_url="",
) -> Signal:
    """Create a signal at uitvoeringsniveau (status *ingediend*) in one transaction.

    Raises ``django.core.exceptions.ValidationError`` (a dict of field messages) for bad
    input, including personal data in any text; nothing is stored then.
    """
    errors: dict = {}
    title = clean_text(title, "title", TITLE_MAX, errors, required=True, label=_("een titel"))
    description = clean_text(
        description, "description", TEXT_MAX, errors, required=True, label=_("een omschrijving")
    )
    suggestion = clean_text(suggestion, "suggestion", SUGGESTION_MAX, errors)
    source_label = clean_text(source_label, "source_label", 200, errors)
    source_url = plain_text(source_url or "", 500)
    if source_url and not source_url.startswith(("/", "http://", "https://")):
        errors["source_url"] = _("Geef een link die begint met / of https://.")
    if frequency and frequency not in Frequency.values:
        errors["frequency"] = _("Kies hoe vaak het voorkomt uit de lijst.")
    if urgency and urgency not in Urgency.values:
        errors["urgency"] = _("Kies een urgentie uit de lijst.")
    if source not in Source.values:
        errors["source"] = _("Onbekende bron.")
    if affected_count not in (None, ""):
        try:
            affected_count = int(affected_count)
            if affected_count < 0 or affected_count > 10_000_000:
                raise ValueError
        except (TypeError, ValueError):
            errors["affected_count"] = _("Geef een geheel aantal van 0 of meer.")
    else:
        affected_count = None
    _raise_if(errors)

    phase = _instance(Phase, phase)
    organisation = _instance(Organisation, organisation)
    if organisation is None and submitted_by is not None:
        organisation = getattr(submitted_by, "organisation", None)
    region = _instance(Region, region)
    if region is None and organisation is not None:
        region = organisation.region
    theme_objs = [_instance(Theme, t) for t in themes or ()]

    with transaction.atomic():
        level = Level.UITVOERING
        signal = Signal.objects.create(
            title=title,
            description=description,
            phase=phase,
            organisation=organisation,
            region=region,
            frequency=frequency or "",
            affected_count=affected_count,
            urgency=urgency or Urgency.NORMAAL,
            suggestion=suggestion,
            submitted_by=submitted_by,
            source=source,
            source_label=source_label,
            source_url=source_url,
            level=level,
            status=Status.INGEDIEND,
            deadline=deadline_for(level, timezone.localdate()),
        )
        if theme_objs:
            signal.themes.set([t for t in theme_objs if t is not None])
        event = _record(
            signal,
            submitted_by,
            "create",
            to_status=Status.INGEDIEND,
            to_level=level,
            payload={"deadline": signal.deadline.isoformat(), "source": source},
        )
        signal._routing_theme_ids = {t.pk for t in theme_objs if t is not None}
        route(signal, submitted_by, trigger="submit")
        notify(
            team_recipients(signal),
            verb="signal-new",
            title=_("Nieuw signaal: %(title)s") % {"title": title[:180]},
            url=_workbench_url(signal),
            body=description[:500],
            event_key=f"signal:{signal.pk}:created:{event.pk}",
            exclude=submitted_by,
        )
        from ..subscriptions import queue_fanout

        queue_fanout(signal)  # subscribers ("volgopdrachten"), after commit
    return signal


def update_signal_text(signal: Signal, actor, **fields) -> Signal:
    """Edit title, description or suggestion (submitter while open, or a coordinator)."""
    allowed = {"title": TITLE_MAX, "description": TEXT_MAX, "suggestion": SUGGESTION_MAX}
    errors: dict = {}
    cleaned = {}
    for name, value in fields.items():
        if name not in allowed:
            raise SignalError(_("Dit veld kan niet worden aangepast."), field=name)
        cleaned[name] = clean_text(
            value, name, allowed[name], errors, required=name != "suggestion"
        )
    _raise_if(errors)
    with transaction.atomic():
        locked = Signal.objects.select_for_update().get(pk=signal.pk)
        kinds = workflow.actor_kinds(locked, actor)
        if COORDINATOR not in kinds and not (SUBMITTER in kinds and locked.is_open):
            raise ActionForbidden(_("U mag de tekst van dit signaal niet aanpassen."))
        before = {k: getattr(locked, k) for k in cleaned if getattr(locked, k) != cleaned[k]}
        if not before:
            return locked
        for name in before:
            setattr(locked, name, cleaned[name])
        locked.save(update_fields=[*before, "updated_at"])
        _record(locked, actor, "edit", payload={"changed": sorted(before), "before": before})
    return locked
