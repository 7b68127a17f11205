"""What a workflow action does besides changing the status, one function per effect name.

``signals.workflow`` lists, per action, the effects it has (``Action.effects``), how the
signals of a dossier follow (``Action.cascade``) and who hears about it; this module only
knows how to carry out each of them. Every effect gets the locked object, the action, the
reason, the request parameters and the event payload it may add to.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _

from taxonomy.models import Phase, Theme

from .. import workflow
from ..deadlines import deadline_for
from ..models import Dossier, Urgency
from ..workflow import Status
from .common import _instance
from .errors import SignalError, TransitionNotAllowed


def _classify(obj, reason, params, payload):
    themes, phase, urgency = params.get("themes"), params.get("phase"), params.get("urgency")
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


def _assign(obj, reason, params, payload):
    requested = params.get("assignee")
    user = _instance(get_user_model(), requested)
    # Errors name the request field, which forms and the API call ``assigned_to``.
    if requested not in (None, "") and user is None:
        raise SignalError(_("Onbekende behandelaar."), field="assigned_to")
    if user is not None and not workflow.is_coordinator_of(user, obj.level):
        raise SignalError(
            _("De behandelaar moet coördinator van dit niveau zijn."), field="assigned_to"
        )
    obj.assignee = user
    payload["assigned_to"] = getattr(user, "pk", None)


def _bundle(obj, reason, params, payload):
    dossier = _instance(Dossier, params.get("dossier"))
    if dossier is None:
        raise SignalError(_("Kies een dossier."), field="dossier")
    if not dossier.is_open:
        raise TransitionNotAllowed(_("Dit dossier is al afgesloten."))
    if workflow.LEVEL_ORDER.index(dossier.level) < workflow.LEVEL_ORDER.index(obj.level):
        raise SignalError(
            _("Een signaal kan niet in een dossier van een lager niveau."), field="dossier"
        )
    obj.dossier = dossier
    obj.level = dossier.level  # a signal follows the level of its dossier
    payload["dossier"] = dossier.pk


def _next_level(obj, reason, params, payload):
    obj.level = workflow.next_level(obj.level)
    obj.assignee = None  # the new level's team picks it up (routing)


def _reset_deadline(obj, reason, params, payload):
    obj.deadline = deadline_for(obj.level, timezone.localdate())
    payload["deadline"] = obj.deadline.isoformat()


def _set_outcome(obj, reason, params, payload):
    obj.outcome = reason
    obj.outcome_at = timezone.now()


def _clear_outcome(obj, reason, params, payload):
    obj.outcome_at = None


def _publish(obj, reason, params, payload):
    obj.is_published = True
    obj.public_summary = reason
    obj.published_at = timezone.now()


def _unpublish(obj, reason, params, payload):
    obj.is_published = False


EFFECTS = {
    workflow.CLASSIFY: _classify,
    workflow.ASSIGN: _assign,
    workflow.BUNDLE: _bundle,
    workflow.NEXT_LEVEL: _next_level,
    workflow.RESET_DEADLINE: _reset_deadline,
    workflow.SET_OUTCOME: _set_outcome,
    workflow.CLEAR_OUTCOME: _clear_outcome,
    workflow.PUBLISH: _publish,
    workflow.UNPUBLISH: _unpublish,
}


def apply_effects(obj, act: workflow.Action, reason: str, params: dict) -> dict:
    """Carry out the action's effects on ``obj`` (not saved); returns the event payload."""
    payload: dict = {}
    for name in act.effects:
        EFFECTS[name](obj, reason, params, payload)
    return payload


# How the signals of a dossier follow: (which signals, what changes on each).
def _follow_outcome(signal, dossier, act, reason, now):
    signal.status = act.to_state
    signal.outcome = reason
    signal.outcome_at = now


def _follow_level(signal, dossier, act, reason, now):
    signal.level = dossier.level


def _follow_reopen(signal, dossier, act, reason, now):
    signal.status = Status.GEBUNDELD
    signal.outcome_at = None


_STILL_RUNNING = frozenset({Status.GEBUNDELD, *workflow.OPEN_STATES})
CASCADES = {
    workflow.CASCADE_OUTCOME: (_STILL_RUNNING, _follow_outcome),
    workflow.CASCADE_LEVEL: (_STILL_RUNNING, _follow_level),
    workflow.CASCADE_REOPEN: (workflow.CLOSED_STATES, _follow_reopen),
}


def cascade_members(obj, act: workflow.Action):
    """The signals bundled in ``obj`` that follow ``act`` and how: (queryset, change) or None."""
    if act.cascade is None or not obj.bundles_signals:
        return None
    states, change = CASCADES[act.cascade]
    return obj.signals.filter(status__in=states), change
