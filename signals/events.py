"""Every kind of event in a signal's or dossier's history: its label and whether it is public.

One registry: the workflow actions (``signals.workflow.ACTIONS``) bring their own label and
``public`` flag; the events written outside the workflow (submitting, recognising, updates,
routing, consultations ...) are listed here. The timeline, the public follow-up page and the
API read labels and visibility from here, so a new kind of event touches this module (or,
for a workflow action, ``signals.workflow``) and its tests.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .workflow import ACTIONS


@dataclass(frozen=True)
class EventKind:
    name: str
    label: object
    public: bool = False  # safe on the public follow-up page (no reasons, no names)


OTHER_EVENTS = [
    EventKind("create", _("Ingediend"), public=True),
    EventKind("edit", _("Tekst aangepast")),
    EventKind("support", _("Herkend")),
    EventKind("rate", _("Uitkomst beoordeeld")),
    EventKind("followup", _("Update geplaatst")),
    EventKind("milestone", _("Mijlpaal")),
    EventKind("create_dossier", _("Dossier aangemaakt"), public=True),
    EventKind("link_answer", _("Gekoppeld aan een antwoord")),
    EventKind("question_draft", _("Concept vraag en antwoord gemaakt")),
    EventKind("route", _("Toegewezen aan een team")),
    EventKind("reroute", _("Doorgestuurd naar een ander team")),
    EventKind("consult_ask", _("Ketenpartner om inbreng gevraagd")),
    EventKind("consult_remind", _("Herinnering aan ketenpartner")),
    EventKind("consult_answer", _("Ketenpartner heeft geantwoord")),
    EventKind("consult_close", _("Raadpleging gesloten")),
    EventKind("consult_publish", _("Antwoord ketenpartner gepubliceerd")),
    EventKind("concerned", _("Betrokken organisaties aangepast")),
    EventKind("herkend_threshold", _("Veel herkend: op de agenda van het team")),
    EventKind("solved_poll", _("Herkenners vinden het niet opgelost")),
]

OTHER = {e.name: e for e in OTHER_EVENTS}


def event_kind(name: str) -> EventKind | None:
    """The kind of event ``name``: a workflow action (label and ``public`` from the action)
    or one of the other events."""
    action = ACTIONS.get(name)
    if action is not None:
        return EventKind(action.name, action.label, action.public)
    return OTHER.get(name)


def all_events() -> dict[str, EventKind]:
    return {name: event_kind(name) for name in [*ACTIONS, *OTHER]}


def public_events() -> tuple[str, ...]:
    """The events shown on the public follow-up page (no reasons, no names)."""
    return tuple(name for name, kind in all_events().items() if kind.public)


# The same, computed once for code that wants a constant.
EVENTS: dict[str, EventKind] = all_events()
PUBLIC_EVENTS: tuple[str, ...] = public_events()


def event_label(name: str):
    """The label of an event kind; an unknown (old) kind shows its name."""
    kind = event_kind(name)
    return kind.label if kind else name
