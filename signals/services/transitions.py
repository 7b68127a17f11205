"""Workflow actions on signals and dossiers: the checks of ``signals.workflow``, the state
change with its history row, the cascade from a dossier to its signals and the notifications.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import notify
from taxonomy.models import Phase, Theme

from .. import conf, workflow
from ..deadlines import deadline_for
from ..models import Dossier, Signal, Urgency
from ..workflow import COORDINATOR, SUBMITTER, Level, Status
from .common import (
    TEXT_MAX,
    _instance,
    _raise_if,
    _record,
    _workbench_url,
    clean_text,
    interested,
)
from .errors import (
    ActionForbidden,
    ReasonRequired,
    SignalError,
    TransitionNotAllowed,
    UnknownAction,
)
from .routing import handler_or_team, route, team_recipients


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
    if act.changes_level:
        route(obj, actor, trigger=act.name)
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


def interested_title(action: str) -> str:
    """Subject of the message submitters, supporters and followers get about ``action``."""
    titles = {
        "resolve": _("Er is een uitkomst: %(title)s"),
        "decline": _("Afgewezen: %(title)s"),
        "escalate": _("Doorgezet naar een ander niveau: %(title)s"),
        "bundle": _("Gebundeld in een dossier: %(title)s"),
        "reopen": _("Heropend: %(title)s"),
        "request_info": _("Vraag over uw signaal: %(title)s"),
    }
    return titles.get(action, "%(title)s")


def _notify_after(obj, act, actor, reason, event):
    kind = obj.workflow_kind
    key = f"{kind}:{obj.pk}:{act.name}:{event.pk}"
    title_vars = {"title": obj.title[:150]}
    if act.notify_interested:
        notify(
            interested(obj),
            verb=f"{kind}-{act.name}".replace("_", "-"),
            title=interested_title(act.name) % title_vars,
            url=obj.get_absolute_url(),
            body=reason[:1000],
            event_key=key,
            exclude=actor,
        )
    if act.name in {"resolve", "decline"} and isinstance(obj, Signal):
        from ..subscriptions import queue_fanout

        queue_fanout(obj, act.name, event.pk)  # subscribers ("volgopdrachten")
    if act.name in {"escalate", "reopen"}:
        notify(
            team_recipients(obj),
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
        recipients = handler_or_team(obj)
        notify(
            recipients,
            verb="signal-info-provided",
            title=_("Aanvulling van de melder: %(title)s") % title_vars,
            url=_workbench_url(obj),
            body=reason[:1000],
            event_key=key,
            exclude=actor,
        )
