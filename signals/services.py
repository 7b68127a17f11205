"""The one write path for signals and dossiers.

Views, the API, the admin, other apps (feedback, communities) and management
commands change signals only through these functions. Each change runs in one
transaction: the row is locked, the workflow table (``signals.workflow``) is
checked, an append-only history row is written, the state is updated, and the
notifications are written to the outbox in the same transaction (they are handed
to the broker after commit, and re-dispatched later if the broker is down).
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Iterable
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import roles as account_roles
from notifications.services import notify
from privacy.guard import describe, find_personal_data
from taxonomy.models import Organisation, Phase, Region, Theme
from website.sanitize import plain_text

from . import conf, workflow
from .deadlines import deadline_for
from .models import (
    Dossier,
    Follow,
    FollowUp,
    Frequency,
    Milestone,
    Note,
    OutcomeRating,
    Signal,
    SignalEvent,
    Source,
    Support,
    Urgency,
    is_chain_professional,
)
from .workflow import COORDINATOR, SUBMITTER, Level, Status

logger = logging.getLogger(__name__)

TITLE_MAX = 200
TEXT_MAX = 5000
SUGGESTION_MAX = 2000


# --------------------------------------------------------------------------- errors


class SignalError(Exception):
    """A domain error with a friendly Dutch message; ``status_code`` is what the API answers."""

    status_code = 400
    code = "invalid"

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field

    def as_dict(self) -> dict:
        key = self.field or "detail"
        return {key: [self.message]} if self.field else {"detail": self.message, "code": self.code}


class UnknownAction(SignalError):
    code = "unknown_action"


class TransitionNotAllowed(SignalError):
    """The action is not possible from the current state (API: 409)."""

    status_code = 409
    code = "transition_not_allowed"


class ActionForbidden(SignalError):
    """The user may not take this action (API: 403)."""

    status_code = 403
    code = "forbidden"


class ReasonRequired(SignalError):
    """The action needs a reason text (API: 400)."""

    code = "reason_required"


# --------------------------------------------------------------------------- helpers


def clean_text(
    value, field: str, max_length: int, errors: dict, *, required=False, label=None
) -> str:
    """Sanitise, length-check and guard one text field; problems go into ``errors``."""
    text = plain_text(value or "")
    if required and not text:
        errors[field] = _("Vul %(label)s in.") % {"label": label or _("dit veld")}
    elif len(text) > max_length:
        errors[field] = _("Gebruik maximaal %(max)d tekens (nu %(n)d).") % {
            "max": max_length,
            "n": len(text),
        }
    else:
        findings = find_personal_data(text)
        if findings:
            errors[field] = describe(findings)
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


def interested(obj) -> set[int]:
    return interested_in_dossier(obj) if isinstance(obj, Dossier) else interested_in_signal(obj)


def _record(obj, actor, action, *, reason="", payload=None, **changes) -> SignalEvent:
    kwargs = {"dossier": obj} if isinstance(obj, Dossier) else {"signal": obj}
    return SignalEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        reason=reason,
        payload=payload or {},
        **kwargs,
        **changes,
    )


def _workbench_url(obj) -> str:
    if isinstance(obj, Dossier):
        return reverse("signals:dossier_detail", args=[obj.pk])
    return reverse("signals:workbench_detail", args=[obj.pk])


# --------------------------------------------------------------------------- intake


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
        notify(
            coordinators_of(level),
            verb="signal-new",
            title=_("Nieuw signaal: %(title)s") % {"title": title[:180]},
            url=_workbench_url(signal),
            body=description[:500],
            event_key=f"signal:{signal.pk}:created:{event.pk}",
            exclude=submitted_by,
        )
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


# --------------------------------------------------------------------------- workflow


def check_action(obj, action_name: str, actor, *, via_rating=False) -> workflow.Action:
    """Raise the right error when ``actor`` may not take ``action_name`` on ``obj`` now."""
    action = workflow.get_action(action_name)
    if action is None or not action.applies_to(obj.workflow_kind):
        raise UnknownAction(_("Onbekende handeling: %(a)s.") % {"a": action_name}, field="action")
    capacities = workflow.actor_kinds(obj, actor) & action.actors
    if not capacities:
        raise ActionForbidden(
            _("Alleen de coördinator van %(level)s mag dit doen.")
            % {"level": Level(obj.level).label.lower()}
            if COORDINATOR in action.actors and SUBMITTER not in action.actors
            else _("U mag deze handeling niet uitvoeren.")
        )
    if capacities == {SUBMITTER} and action.name == "reopen":
        window = timedelta(days=conf.reopen_days())
        if not via_rating or not obj.outcome_at or timezone.now() - obj.outcome_at > window:
            raise ActionForbidden(
                _("Een melder kan een signaal alleen binnen %(d)d dagen na de uitkomst heropenen.")
                % {"d": conf.reopen_days()}
            )
    if obj.status not in action.from_states:
        raise TransitionNotAllowed(
            _("'%(action)s' kan niet bij de status '%(status)s'.")
            % {"action": action.label, "status": Status(obj.status).label}
        )
    if action.precondition is not None and not action.precondition(obj):
        raise TransitionNotAllowed(action.precondition_message)
    return action


def apply_action(obj, action: str, actor, reason: str = "", **params):
    """Take a workflow action on a signal or dossier; returns the updated object.

    Raises ``ActionForbidden`` (403), ``TransitionNotAllowed`` (409), ``ReasonRequired``
    or ``ValidationError``/``SignalError`` (400).
    """
    errors: dict = {}
    reason = clean_text(reason, "reason", TEXT_MAX, errors)
    _raise_if(errors)
    via_rating = params.pop("_via_rating", False)
    model = type(obj)
    with transaction.atomic():
        locked = model.objects.select_for_update().get(pk=obj.pk)
        act = check_action(locked, action, actor, via_rating=via_rating)
        if act.reason_required and not reason:
            raise ReasonRequired(
                _("Vul dit in: %(label)s.") % {"label": act.reason_label}, field="reason"
            )
        handler = _ACTION_HANDLERS.get(act.name, _transition)
        handler(locked, act, actor, reason, **params)
    return locked


def _transition(obj, act, actor, reason, **params):
    """The common part of every action: status/level change, history row, notifications."""
    from_status = obj.status
    from_level = params.pop("from_level", obj.level)
    payload = params.pop("payload", {})
    if act.to_state:
        obj.status = act.to_state
    if act.changes_level:
        obj.level = workflow.next_level(obj.level)
        obj.deadline = deadline_for(obj.level, timezone.localdate())
        payload["deadline"] = obj.deadline.isoformat()
        if isinstance(obj, Signal):
            obj.assigned_to = None
        else:
            obj.owner = None
    if act.sets_outcome:
        obj.outcome = reason
        obj.outcome_at = timezone.now()
    if act.name == "reopen":
        obj.outcome_at = None
        obj.deadline = deadline_for(obj.level, timezone.localdate())
        payload["deadline"] = obj.deadline.isoformat()
    if act.name == "publish":
        obj.is_published = True
        obj.public_summary = reason
        obj.published_at = timezone.now()
    if act.name == "unpublish":
        obj.is_published = False
    obj.save()
    event = _record(
        obj,
        actor,
        act.name,
        reason=reason,
        payload=payload,
        from_status=from_status,
        to_status=obj.status,
        from_level=from_level,
        to_level=obj.level,
    )
    if isinstance(obj, Dossier):
        _cascade_to_signals(obj, act, actor, reason, event)
    _notify_after(obj, act, actor, reason, event)
    return event


def _classify(obj, act, actor, reason, themes=None, phase=None, urgency=None, **params):
    payload = {}
    if themes is not None:
        theme_objs = [t for t in (_instance(Theme, t) for t in themes) if t is not None]
        obj.themes.set(theme_objs)
        payload["themes"] = [t.pk for t in theme_objs]
    if phase not in (None, ""):
        obj.phase = _instance(Phase, phase)
        payload["phase"] = obj.phase_id
    if urgency:
        if urgency not in Urgency.values:
            raise SignalError(_("Kies een urgentie uit de lijst."), field="urgency")
        obj.urgency = urgency
        payload["urgency"] = urgency
    return _transition(obj, act, actor, reason, payload=payload)


def _assign(obj, act, actor, reason, assigned_to=None, **params):
    user = _instance(get_user_model(), assigned_to)
    if assigned_to not in (None, "") and user is None:
        raise SignalError(_("Onbekende behandelaar."), field="assigned_to")
    if user is not None and not workflow.is_coordinator_of(user, obj.level):
        raise SignalError(
            _("De behandelaar moet coördinator van dit niveau zijn."), field="assigned_to"
        )
    if isinstance(obj, Signal):
        obj.assigned_to = user
    else:
        obj.owner = user
    return _transition(obj, act, actor, reason, payload={"assigned_to": getattr(user, "pk", None)})


def _bundle(obj, act, actor, reason, dossier=None, **params):
    dossier = _instance(Dossier, dossier)
    if dossier is None:
        raise SignalError(_("Kies een dossier."), field="dossier")
    if not dossier.is_open:
        raise TransitionNotAllowed(_("Dit dossier is al afgesloten."))
    if workflow.LEVEL_ORDER.index(dossier.level) < workflow.LEVEL_ORDER.index(obj.level):
        raise SignalError(
            _("Een signaal kan niet in een dossier van een lager niveau."), field="dossier"
        )
    obj.dossier = dossier
    from_level = obj.level
    obj.level = dossier.level  # a signal follows the level of its dossier
    return _transition(
        obj, act, actor, reason, payload={"dossier": dossier.pk}, from_level=from_level
    )


_ACTION_HANDLERS = {"classify": _classify, "assign": _assign, "bundle": _bundle}


def _cascade_to_signals(dossier: Dossier, act, actor, reason, dossier_event):
    """Signals in a dossier follow its level and outcome; each gets its own history row."""
    if act.name not in {"resolve", "decline", "escalate", "reopen"}:
        return
    if act.name == "reopen":
        members = dossier.signals.filter(status__in=workflow.CLOSED_STATES)
        new_status = Status.GEBUNDELD
    else:
        members = dossier.signals.filter(status__in={Status.GEBUNDELD, *workflow.OPEN_STATES})
    now = timezone.now()
    for signal in members.select_for_update():
        from_status, from_level = signal.status, signal.level
        if act.name in {"resolve", "decline"}:
            signal.status = act.to_state
            signal.outcome = reason
            signal.outcome_at = now
        elif act.name == "escalate":
            signal.level = dossier.level
        else:
            signal.status = new_status
            signal.outcome_at = None
        signal.save()
        _record(
            signal,
            actor,
            act.name,
            reason=reason,
            payload={"via_dossier": dossier.pk, "dossier_event": dossier_event.pk},
            from_status=from_status,
            to_status=signal.status,
            from_level=from_level,
            to_level=signal.level,
        )


def _notify_after(obj, act, actor, reason, event):
    kind = obj.workflow_kind
    key = f"{kind}:{obj.pk}:{act.name}:{event.pk}"
    title_vars = {"title": obj.title[:150]}
    if act.notify_interested:
        titles = {
            "resolve": _("Er is een uitkomst: %(title)s"),
            "decline": _("Afgewezen: %(title)s"),
            "escalate": _("Doorgezet naar een ander niveau: %(title)s"),
            "bundle": _("Gebundeld in een dossier: %(title)s"),
            "reopen": _("Heropend: %(title)s"),
        }
        notify(
            interested(obj),
            verb=f"{kind}-{act.name}".replace("_", "-"),
            title=titles.get(act.name, "%(title)s") % title_vars,
            url=obj.get_absolute_url(),
            body=reason[:1000],
            event_key=key,
            exclude=actor,
        )
    if act.name in {"escalate", "reopen"}:
        notify(
            coordinators_of(obj.level),
            verb=f"{kind}-queue",
            title=_("Nieuw in uw werkvoorraad: %(title)s") % title_vars,
            url=_workbench_url(obj),
            body=reason[:1000],
            event_key=f"{key}:queue:{obj.level}",
            exclude=actor,
        )
    if act.name == "request_info" and isinstance(obj, Signal) and obj.submitted_by_id:
        notify(
            [obj.submitted_by_id],
            verb="signal-request-info",
            title=_("Vraag over uw signaal: %(title)s") % title_vars,
            url=obj.get_absolute_url(),
            body=reason[:1000],
            event_key=key,
        )
    if act.name == "provide_info":
        recipients = [obj.assigned_to_id] if obj.assigned_to_id else coordinators_of(obj.level)
        notify(
            recipients,
            verb="signal-info-provided",
            title=_("Aanvulling van de melder: %(title)s") % title_vars,
            url=_workbench_url(obj),
            body=reason[:1000],
            event_key=key,
            exclude=actor,
        )


# --------------------------------------------------------------------------- dossiers


def create_dossier(*, title, actor, level=None, analysis="", themes=(), owner=None) -> Dossier:
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
            owner=owner or actor,
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
        if isinstance(dossier_or_new, Dossier):
            dossier = dossier_or_new
        else:
            top = max(signals, key=lambda s: workflow.LEVEL_ORDER.index(s.level)).level
            dossier = create_dossier(title=dossier_or_new, actor=actor, level=top)
        for signal in signals:
            try:
                apply_action(signal, "bundle", actor, reason, dossier=dossier)
            except SignalError as exc:
                raise type(exc)(f"{signal.reference} {signal.title[:60]}: {exc.message}", exc.field)
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


# --------------------------------------------------------------------------- participation


def support(signal: Signal, user) -> bool:
    """ "Ik herken dit". Returns True when newly recorded (supporting twice does nothing)."""
    if not is_chain_professional(user):
        raise ActionForbidden(_("Alleen professionals in de keten kunnen een signaal herkennen."))
    if signal.submitted_by_id == user.pk:
        return False
    try:
        with transaction.atomic():
            Support.objects.create(signal=signal, user=user)
            Signal.objects.filter(pk=signal.pk).update(support_count=F("support_count") + 1)
    except IntegrityError:
        return False
    signal.support_count += 1
    return True


def unsupport(signal: Signal, user) -> bool:
    with transaction.atomic():
        deleted, _unused = Support.objects.filter(signal=signal, user=user).delete()
        if deleted:
            Signal.objects.filter(pk=signal.pk, support_count__gt=0).update(
                support_count=F("support_count") - 1
            )
    return bool(deleted)


def follow(obj, user, on: bool = True) -> bool:
    """Follow (or stop following) a signal or dossier. Returns whether ``user`` follows now."""
    if not getattr(user, "is_authenticated", False):
        raise ActionForbidden(_("Log in om te volgen."))
    visible = type(obj).objects.visible_to(user).filter(pk=obj.pk).exists()
    if not visible:
        raise ActionForbidden(_("U kunt dit niet volgen."))
    lookup = {"dossier": obj} if isinstance(obj, Dossier) else {"signal": obj}
    if on:
        Follow.objects.get_or_create(user=user, **lookup)
    else:
        Follow.objects.filter(user=user, **lookup).delete()
    return on


def add_note(obj, actor, text: str) -> Note:
    """An internal note (coordinators only; never shown to anyone else)."""
    if not workflow.is_coordinator(actor):
        raise ActionForbidden(_("Alleen coördinatoren kunnen interne notities maken."))
    errors: dict = {}
    text = clean_text(text, "text", TEXT_MAX, errors, required=True, label=_("een notitie"))
    _raise_if(errors)
    lookup = {"dossier": obj} if isinstance(obj, Dossier) else {"signal": obj}
    return Note.objects.create(author=actor, text=text, **lookup)


def add_followup(obj, actor, text: str, is_public: bool = False) -> FollowUp:
    """A visible progress update; submitter(s), supporters and followers are told."""
    obj.refresh_from_db(fields=["level", "status"])
    if not workflow.is_coordinator_of(actor, obj.level):
        raise ActionForbidden(
            _("Alleen de coördinator van %(level)s kan een update plaatsen.")
            % {"level": Level(obj.level).label.lower()}
        )
    errors: dict = {}
    text = clean_text(text, "text", TEXT_MAX, errors, required=True, label=_("een update"))
    _raise_if(errors)
    lookup = {"dossier": obj} if isinstance(obj, Dossier) else {"signal": obj}
    with transaction.atomic():
        followup = FollowUp.objects.create(
            author=actor, text=text, is_public=bool(is_public), **lookup
        )
        _record(obj, actor, "followup", reason=text, payload={"followup": followup.pk})
        notify(
            interested(obj),
            verb=f"{obj.workflow_kind}-followup",
            title=_("Update: %(title)s") % {"title": obj.title[:150]},
            url=obj.get_absolute_url(),
            body=text[:1000],
            event_key=f"{obj.workflow_kind}:{obj.pk}:followup:{followup.pk}",
            exclude=actor,
        )
    return followup


def rate_outcome(signal: Signal, user, rating: str, comment: str = "") -> OutcomeRating:
    """The submitter says whether the outcome solved the problem.

    "nee" within ``SIGNAL_SUBMITTER_REOPEN_DAYS`` (30) days of the outcome reopens the signal
    for the coordinators of its level; later it is only recorded.
    """
    if signal.submitted_by_id is None or signal.submitted_by_id != getattr(user, "pk", None):
        raise ActionForbidden(_("Alleen de melder kan de uitkomst beoordelen."))
    if rating not in OutcomeRating.Rating.values:
        raise SignalError(_("Kies ja, gedeeltelijk of nee."), field="rating")
    errors: dict = {}
    comment = clean_text(comment, "comment", SUGGESTION_MAX, errors)
    _raise_if(errors)
    with transaction.atomic():
        locked = Signal.objects.select_for_update().get(pk=signal.pk)
        if locked.status not in workflow.CLOSED_STATES or not locked.outcome_at:
            raise TransitionNotAllowed(_("Er is nog geen uitkomst om te beoordelen."))
        if OutcomeRating.objects.filter(
            signal=locked, user=user, outcome_at=locked.outcome_at
        ).exists():
            raise TransitionNotAllowed(_("U heeft deze uitkomst al beoordeeld."))
        result = OutcomeRating.objects.create(
            signal=locked, user=user, rating=rating, comment=comment, outcome_at=locked.outcome_at
        )
        _record(locked, user, "rate", reason=comment, payload={"rating": rating})
        window = timedelta(days=conf.reopen_days())
        if rating == OutcomeRating.Rating.NEE and timezone.now() - locked.outcome_at <= window:
            apply_action(
                locked,
                "reopen",
                user,
                comment or _("De melder geeft aan dat het probleem niet is opgelost."),
                _via_rating=True,
            )
    return result


# --------------------------------------------------------------------------- knowledge


def outcome_to_question_draft(obj, actor):
    """Turn a generic outcome into a draft Q&A item for the editors (one action).

    Calls ``knowledge.services.create_question_draft``; returns the draft page.
    """
    if not workflow.is_coordinator(actor):
        raise ActionForbidden(_("Alleen coördinatoren kunnen een concept-antwoord maken."))
    if not obj.outcome or obj.status != Status.OPGELOST:
        raise TransitionNotAllowed(_("Er is nog geen uitkomst om als antwoord te gebruiken."))
    from knowledge.services import create_question_draft  # lazy: knowledge is optional here

    summary = (obj.public_summary or obj.outcome).strip()
    short = summary.split("\n")[0][:300]
    phases = [obj.phase] if getattr(obj, "phase", None) else []
    extra = {}
    if "requested_by" in inspect.signature(create_question_draft).parameters:
        extra["requested_by"] = actor
    draft = create_question_draft(
        **extra,
        title=obj.title,
        short_answer=short,
        answer_text=obj.outcome,
        themes=list(obj.themes.all()),
        phases=phases,
        source_note=_("Uit %(ref)s op %(level)s")
        % {"ref": obj.reference, "level": Level(obj.level).label.lower()},
        source_url=obj.get_absolute_url(),
    )
    _record(obj, actor, "question_draft", payload={"page": getattr(draft, "pk", None)})
    return draft


def link_answer(obj, page, actor=None):
    """Link a signal or dossier to the published Q&A page that answers it."""
    if actor is not None and not workflow.is_coordinator(actor):
        raise ActionForbidden(_("Alleen coördinatoren kunnen een antwoord koppelen."))
    with transaction.atomic():
        obj.answer_page = page
        obj.save(update_fields=["answer_page", "updated_at"])
        _record(obj, actor, "link_answer", payload={"page": getattr(page, "pk", None)})
    return obj
