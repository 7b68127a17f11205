"""The signal workflow as data: states, levels, actions and who may take them.

This module is the single place where the rules live. The services enforce it for
every path (web UI, API, admin, commands); the UI reads it to decide which buttons
to show; the API reads it to decide which requests to accept; the tests are
parametrised over it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts import roles


class Level(models.TextChoices):
    UITVOERING = "uitvoering", _("Uitvoeringsniveau")
    SCHAKEL = "schakel", _("Schakelniveau")
    STELSEL = "stelsel", _("Stelselniveau")


LEVEL_ORDER = [Level.UITVOERING, Level.SCHAKEL, Level.STELSEL]

COORDINATOR_ROLE = {
    Level.UITVOERING: roles.COORDINATOR_UITVOERING,
    Level.SCHAKEL: roles.COORDINATOR_SCHAKEL,
    Level.STELSEL: roles.COORDINATOR_STELSEL,
}


def next_level(level: str) -> str | None:
    index = LEVEL_ORDER.index(Level(level))
    return LEVEL_ORDER[index + 1] if index + 1 < len(LEVEL_ORDER) else None


class Status(models.TextChoices):
    INGEDIEND = "ingediend", _("Ingediend")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    MEER_INFORMATIE = "meer_informatie_nodig", _("Meer informatie nodig")
    GEESCALEERD = "geescaleerd", _("Doorgezet naar een ander niveau")
    GEBUNDELD = "gebundeld", _("Gebundeld in een dossier")
    OPGELOST = "opgelost", _("Opgelost")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    HEROPEND = "heropend", _("Heropend")


OPEN_STATES = frozenset(
    {
        Status.INGEDIEND,
        Status.IN_BEHANDELING,
        Status.MEER_INFORMATIE,
        Status.GEESCALEERD,
        Status.HEROPEND,
    }
)
CLOSED_STATES = frozenset({Status.OPGELOST, Status.AFGEWEZEN})
# States in which a deadline runs for the coordinators of the current level.
DEADLINE_STATES = OPEN_STATES - {Status.MEER_INFORMATIE}

DOSSIER_OPEN_STATES = frozenset({Status.IN_BEHANDELING, Status.GEESCALEERD, Status.HEROPEND})

# Who may take an action.
COORDINATOR = "coordinator"  # coordinator of the object's *current* level
SUBMITTER = "submitter"  # the person who submitted the signal

SIGNAL = "signal"
DOSSIER = "dossier"

# A submitter may reopen a resolved signal by rating the outcome "no" within this many days.
SUBMITTER_REOPEN_DAYS = 30


# What an action does besides changing the status, in the order listed on the action.
# Each name is one function in ``signals.services.effects``; an action lists the ones it needs.
CLASSIFY = "classify"  # themes, phase and urgency from the request
ASSIGN = "assign"  # the assignee from the request (a coordinator of the level)
BUNDLE = "bundle"  # into the dossier from the request; the signal takes the dossier's level
NEXT_LEVEL = "next_level"  # one level up, unassigned; the new level's team is routed
RESET_DEADLINE = "reset_deadline"  # a new deadline for the (new) level
SET_OUTCOME = "set_outcome"  # the reason becomes the outcome
CLEAR_OUTCOME = "clear_outcome"  # the outcome no longer counts (reopened)
PUBLISH = "publish"  # on the public follow-up page, the reason as public summary
UNPUBLISH = "unpublish"  # off the public follow-up page

# How the signals of a dossier follow an action on the dossier (each gets its own event).
CASCADE_OUTCOME = "outcome"  # open and bundled signals get the dossier's status and outcome
CASCADE_LEVEL = "level"  # open and bundled signals move to the dossier's level
CASCADE_REOPEN = "reopen"  # closed signals are bundled again


@dataclass(frozen=True)
class Action:
    name: str
    label: object
    targets: frozenset  # SIGNAL and/or DOSSIER
    from_states: frozenset
    to_state: str | None  # None: the status stays as it is
    actors: frozenset
    reason_required: bool = False
    reason_label: object = _("Toelichting")
    effects: tuple = ()  # what else it does, in order (see the effect names above)
    cascade: str | None = None  # how a dossier's signals follow (CASCADE_*)
    public: bool = False  # its events appear on the public follow-up page
    # Who hears about it: submitter(s), supporters and followers (with this subject), the
    # team of the new level, the submitter of a signal, the handler (or else the team).
    interested_title: object = ""
    notify_queue: bool = False
    notify_subscribers: bool = False  # subscribers of matching signals hear the outcome
    submitter_title: object = ""
    handler_title: object = ""
    # A submitter may take it only through an outcome rating, within SUBMITTER_REOPEN_DAYS.
    submitter_via_rating: bool = False
    verb_name: str = ""  # the notification verb is "<kind>-<verb_name or name>"
    description: object = ""
    precondition: Callable | None = field(default=None, compare=False)
    precondition_message: object = ""

    def applies_to(self, kind: str) -> bool:
        return kind in self.targets

    def verb(self, kind: str) -> str:
        return f"{kind}-{self.verb_name or self.name}".replace("_", "-")

    @property
    def changes_level(self) -> bool:
        return NEXT_LEVEL in self.effects

    @property
    def sets_outcome(self) -> bool:
        return SET_OUTCOME in self.effects

    @property
    def notify_interested(self) -> bool:
        return bool(self.interested_title)


def _can_escalate(obj) -> bool:
    return next_level(obj.level) is not None


def _is_published(obj) -> bool:
    return bool(obj.is_published)


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        Action(
            "classify",
            _("In behandeling nemen"),
            frozenset({SIGNAL}),
            frozenset({Status.INGEDIEND, Status.GEESCALEERD, Status.HEROPEND}),
            Status.IN_BEHANDELING,
            frozenset({COORDINATOR}),
            effects=(CLASSIFY,),
            public=True,
            description=_("Beoordeel het signaal en neem het in behandeling op dit niveau."),
        ),
        Action(
            "assign",
            _("Toewijzen"),
            frozenset({SIGNAL, DOSSIER}),
            OPEN_STATES | DOSSIER_OPEN_STATES,
            None,
            frozenset({COORDINATOR}),
            effects=(ASSIGN,),
            description=_("Wijs een behandelaar op dit niveau toe."),
        ),
        Action(
            "request_info",
            _("Meer informatie vragen"),
            frozenset({SIGNAL}),
            frozenset(
                {Status.INGEDIEND, Status.IN_BEHANDELING, Status.GEESCALEERD, Status.HEROPEND}
            ),
            Status.MEER_INFORMATIE,
            frozenset({COORDINATOR}),
            reason_required=True,
            reason_label=_("Uw vraag aan de melder"),
            submitter_title=_("Vraag over uw signaal: %(title)s"),
        ),
        Action(
            "provide_info",
            _("Informatie aanvullen"),
            frozenset({SIGNAL}),
            frozenset({Status.MEER_INFORMATIE}),
            Status.IN_BEHANDELING,
            frozenset({SUBMITTER}),
            reason_required=True,
            reason_label=_("Uw aanvulling"),
            handler_title=_("Aanvulling van de melder: %(title)s"),
            verb_name="info_provided",
        ),
        Action(
            "resolve",
            _("Oplossen"),
            frozenset({SIGNAL, DOSSIER}),
            OPEN_STATES | DOSSIER_OPEN_STATES,
            Status.OPGELOST,
            frozenset({COORDINATOR}),
            reason_required=True,
            reason_label=_("Uitkomst (terugkoppeling aan de melders)"),
            effects=(SET_OUTCOME,),
            cascade=CASCADE_OUTCOME,
            public=True,
            interested_title=_("Er is een uitkomst: %(title)s"),
            notify_subscribers=True,
        ),
        Action(
            "escalate",
            _("Doorzetten naar het volgende niveau"),
            frozenset({SIGNAL, DOSSIER}),
            OPEN_STATES | DOSSIER_OPEN_STATES,
            Status.GEESCALEERD,
            frozenset({COORDINATOR}),
            reason_required=True,
            reason_label=_("Motivering voor het doorzetten"),
            effects=(NEXT_LEVEL, RESET_DEADLINE),
            cascade=CASCADE_LEVEL,
            public=True,
            interested_title=_("Doorgezet naar een ander niveau: %(title)s"),
            notify_queue=True,
            precondition=_can_escalate,
            precondition_message=_("Stelselniveau is het hoogste niveau."),
        ),
        Action(
            "bundle",
            _("Bundelen in een dossier"),
            frozenset({SIGNAL}),
            OPEN_STATES - {Status.MEER_INFORMATIE},
            Status.GEBUNDELD,
            frozenset({COORDINATOR}),
            effects=(BUNDLE,),
            public=True,
            interested_title=_("Gebundeld in een dossier: %(title)s"),
        ),
        Action(
            "decline",
            _("Afwijzen"),
            frozenset({SIGNAL, DOSSIER}),
            OPEN_STATES | DOSSIER_OPEN_STATES,
            Status.AFGEWEZEN,
            frozenset({COORDINATOR}),
            reason_required=True,
            reason_label=_("Reden van afwijzing"),
            effects=(SET_OUTCOME,),
            cascade=CASCADE_OUTCOME,
            public=True,
            interested_title=_("Afgewezen: %(title)s"),
            notify_subscribers=True,
        ),
        Action(
            "reopen",
            _("Heropenen"),
            frozenset({SIGNAL, DOSSIER}),
            CLOSED_STATES,
            Status.HEROPEND,
            frozenset({COORDINATOR, SUBMITTER}),
            reason_required=True,
            reason_label=_("Waarom wordt dit heropend?"),
            effects=(CLEAR_OUTCOME, RESET_DEADLINE),
            cascade=CASCADE_REOPEN,
            public=True,
            interested_title=_("Heropend: %(title)s"),
            notify_queue=True,
            submitter_via_rating=True,
        ),
        Action(
            "publish",
            _("Publiceren op de opvolgingspagina"),
            frozenset({SIGNAL, DOSSIER}),
            frozenset(Status.values),
            None,
            frozenset({COORDINATOR}),
            reason_required=True,
            reason_label=_("Publieke samenvatting (zonder persoonsgegevens)"),
            effects=(PUBLISH,),
        ),
        Action(
            "unpublish",
            _("Publicatie intrekken"),
            frozenset({SIGNAL, DOSSIER}),
            frozenset(Status.values),
            None,
            frozenset({COORDINATOR}),
            reason_required=True,
            reason_label=_("Reden voor het intrekken"),
            effects=(UNPUBLISH,),
            precondition=_is_published,
            precondition_message=_("Dit is niet gepubliceerd."),
        ),
    ]
}


def get_action(name: str) -> Action | None:
    return ACTIONS.get(name)


def actions_for(kind: str) -> list[Action]:
    return [a for a in ACTIONS.values() if a.applies_to(kind)]


def is_coordinator_of(user, level: str) -> bool:
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and user.has_role(COORDINATOR_ROLE[Level(level)])
    )


def is_coordinator(user) -> bool:
    return bool(
        getattr(user, "is_authenticated", False) and user.has_role(*roles.COORDINATOR_ROLES)
    )


def coordinator_levels(user) -> list[str]:
    return [level for level in LEVEL_ORDER if is_coordinator_of(user, level)]


def actor_kinds(obj, user) -> set[str]:
    """In which capacities ``user`` may act on ``obj`` (a signal or dossier)."""
    kinds = set()
    if is_coordinator_of(user, obj.level):
        kinds.add(COORDINATOR)
    if getattr(obj, "submitted_by_id", None) and getattr(user, "pk", None) == obj.submitted_by_id:
        kinds.add(SUBMITTER)
    return kinds


def state_allows(action: Action, obj) -> bool:
    if obj.status not in action.from_states:
        return False
    if action.precondition is not None and not action.precondition(obj):
        return False
    return True


def available_actions(obj, user, kind: str | None = None) -> list[Action]:
    """The actions ``user`` may take on ``obj`` now (used for buttons and the API)."""
    kind = kind or obj.workflow_kind
    mine = actor_kinds(obj, user)
    return [
        a
        for a in actions_for(kind)
        if a.actors & mine
        and state_allows(a, obj)
        # Some actions a submitter takes only through an outcome rating, within the window.
        and not (a.submitter_via_rating and COORDINATOR not in mine)
    ]
