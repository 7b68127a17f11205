"""Workflow actions on signals and dossiers: the checks of ``signals.workflow``, the state
change with its history row, the cascade from a dossier to its signals and the notifications.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import notify

from .. import conf, workflow
from ..workflow import COORDINATOR, SIGNAL, SUBMITTER, Level, Status
from .common import (
    TEXT_MAX,
    _raise_if,
    _record,
    _workbench_url,
    clean_text,
    interested,
)
from .effects import apply_effects, cascade_members
from .errors import (
    ActionForbidden,
    ReasonRequired,
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
    if capacities == {SUBMITTER} and action.submitter_via_rating:
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
        _transition(locked, act, actor, reason, **params)
    return locked


def _transition(obj, act, actor, reason, **params):
    """Every action the same way: effects and status, history row, routing, dossier signals
    following, notifications; what differs per action is data in ``signals.workflow``."""
    from_status, from_level = obj.status, obj.level
    payload = {**params.pop("payload", {}), **apply_effects(obj, act, reason, params)}
    if act.to_state:
        obj.status = act.to_state
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
    members = cascade_members(obj, act)
    if members is not None:
        _cascade_to_signals(obj, act, actor, reason, event, *members)
    _notify_after(obj, act, actor, reason, event)
    return event


def _cascade_to_signals(dossier, act, actor, reason, dossier_event, members, change):
    """Signals in a dossier follow its level and outcome; each gets its own history row."""
    now = timezone.now()
    for signal in members.select_for_update():
        from_status, from_level = signal.status, signal.level
        change(signal, dossier, act, reason, now)
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
    act = workflow.get_action(action)
    return str((act and (act.interested_title or act.submitter_title)) or "%(title)s")


def _notify_after(obj, act, actor, reason, event):
    kind = obj.workflow_kind
    key = f"{kind}:{obj.pk}:{act.name}:{event.pk}"
    title_vars = {"title": obj.title[:150]}
    if act.notify_interested:
        notify(
            interested(obj),
            verb=act.verb(kind),
            title=str(act.interested_title) % title_vars,
            url=obj.get_absolute_url(),
            body=reason[:1000],
            event_key=key,
            exclude=actor,
        )
    if act.notify_subscribers and obj.kind == SIGNAL:
        from ..subscriptions import queue_fanout

        queue_fanout(obj, act.name, event.pk)  # subscribers ("volgopdrachten")
    if act.notify_queue:
        notify(
            team_recipients(obj),
            verb=f"{kind}-queue",
            title=_("Nieuw in uw werkvoorraad: %(title)s") % title_vars,
            url=_workbench_url(obj),
            body=reason[:1000],
            event_key=f"{key}:queue:{obj.level}",
            exclude=actor,
        )
    if act.submitter_title and obj.submitted_by_id:
        notify(
            [obj.submitted_by_id],
            verb=act.verb(kind),
            title=str(act.submitter_title) % title_vars,
            url=obj.get_absolute_url(),
            body=reason[:1000],
            event_key=key,
        )
    if act.handler_title:
        notify(
            handler_or_team(obj),
            verb=act.verb(kind),
            title=str(act.handler_title) % title_vars,
            url=_workbench_url(obj),
            body=reason[:1000],
            event_key=key,
            exclude=actor,
        )
