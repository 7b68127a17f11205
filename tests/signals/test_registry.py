"""One registry of actions and events: what an action does, says and shows comes from it.

A new action that uses existing effects is added to ``signals.workflow.ACTIONS`` only: the
write path, the history labels, the public follow-up and the notifications follow.
"""

from __future__ import annotations

import dataclasses
import io

import pytest
from django.core.management import call_command

from notifications.models import Notification
from signals import services, workflow
from signals.events import OTHER, event_label, public_events
from signals.models import Dossier, Signal, SignalEvent
from signals.services.effects import CASCADES, EFFECTS
from signals.workflow import ACTIONS, COORDINATOR, DOSSIER, SIGNAL, Action, Level, Status

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", sorted(ACTIONS))
def test_every_action_names_only_known_effects_and_cascades(name):
    action = ACTIONS[name]
    assert set(action.effects) <= set(EFFECTS)
    assert action.cascade is None or action.cascade in CASCADES
    assert event_label(name) == action.label
    assert name not in OTHER, "an event is either a workflow action or another event"


def test_public_follow_up_shows_exactly_the_events_marked_public():
    assert set(public_events()) == {
        "create",
        "create_dossier",
        "classify",
        "escalate",
        "bundle",
        "resolve",
        "decline",
        "reopen",
    }
    assert event_label("no-longer-exists") == "no-longer-exists"


@pytest.fixture
def parked(monkeypatch):
    """A new action, declared in the table only: park a signal with an outcome, publicly."""
    action = Action(
        "park",
        "Geparkeerd",
        frozenset({SIGNAL, DOSSIER}),
        frozenset(workflow.OPEN_STATES | workflow.DOSSIER_OPEN_STATES),
        Status.AFGEWEZEN,
        frozenset({COORDINATOR}),
        reason_required=True,
        effects=(workflow.SET_OUTCOME,),
        cascade=workflow.CASCADE_OUTCOME,
        public=True,
        interested_title="Geparkeerd: %(title)s",
    )
    monkeypatch.setitem(ACTIONS, "park", action)
    return action


def test_an_action_added_to_the_table_works_everywhere(
    parked, submit, coordinators, client, make_user
):
    follower = make_user()
    signal = submit()
    services.follow(signal, signal.submitted_by, on=True)
    signal = services.apply_action(signal, "classify", coordinators[Level.UITVOERING])
    signal = services.apply_action(
        signal, "park", coordinators[Level.UITVOERING], "Wacht op de nieuwe wet."
    )
    assert (signal.status, signal.outcome) == (Status.AFGEWEZEN, "Wacht op de nieuwe wet.")
    event = signal.events.order_by("-pk").first()
    assert (event.action, event.action_label) == ("park", "Geparkeerd")
    notice = Notification.objects.get(recipient=signal.submitted_by, verb="signal-park")
    assert notice.title == f"Geparkeerd: {signal.title}"
    assert not Notification.objects.filter(recipient=follower).exists()
    assert "park" in public_events()
    services.apply_action(
        signal, "publish", coordinators[Level.UITVOERING], "Een korte publieke samenvatting."
    )
    page = client.get(f"/signalen/opvolging/signaal/{signal.pk}/")
    assert page.status_code == 200
    assert "Geparkeerd" in page.content.decode()


def test_a_dossier_passes_an_action_on_to_its_signals_as_its_cascade_says(
    parked, submit, coordinators
):
    coordinator = coordinators[Level.UITVOERING]
    dossier = services.bundle(
        [submit(), submit(title="Tweede signaal over de overdracht")], "Overdracht", coordinator
    )
    services.apply_action(dossier, "park", coordinators[dossier.level], "Later verder.")
    for signal in Signal.objects.filter(dossier=dossier):
        assert (signal.status, signal.outcome) == (Status.AFGEWEZEN, "Later verder.")
        assert signal.events.filter(action="park", payload__via_dossier=dossier.pk).exists()


def test_an_action_without_a_cascade_leaves_the_signals_of_a_dossier_alone(
    parked, submit, coordinators, monkeypatch
):
    monkeypatch.setitem(ACTIONS, "park", dataclasses.replace(parked, cascade=None))
    coordinator = coordinators[Level.UITVOERING]
    dossier = services.bundle([submit()], "Overdracht", coordinator)
    services.apply_action(dossier, "park", coordinators[dossier.level], "Later verder.")
    assert set(Signal.objects.filter(dossier=dossier).values_list("status", flat=True)) == {
        Status.GEBUNDELD
    }


def test_signal_and_dossier_share_one_assignee_field(submit, coordinators, make_user):
    coordinator = coordinators[Level.UITVOERING]
    signal = submit()
    dossier = services.create_dossier(title="Inkoop", actor=coordinator, level=Level.UITVOERING)
    for item in (signal, dossier):
        services.apply_action(item, "assign", coordinator, assignee=coordinator)
        item.refresh_from_db()
        assert item.assignee == coordinator
        assert item.subject_kwargs() == {item.kind: item}
    assert Signal.objects.filter(assignee=coordinator).get() == signal
    assert Dossier.objects.filter(assignee=coordinator).get() == dossier
    escalated = services.apply_action(signal, "escalate", coordinator, "Landelijk probleem.")
    assert escalated.assignee is None  # the next level's team picks it up


@pytest.mark.django_db(transaction=True)  # sqlmigrate needs a schema editor outside atomic
def test_the_assignee_keeps_the_existing_columns():
    assert Signal._meta.get_field("assignee").column == "assigned_to_id"
    assert Dossier._meta.get_field("assignee").column == "owner_id"
    out = io.StringIO()
    call_command("sqlmigrate", "signals", "0007", stdout=out)
    sql = "\n".join(
        line for line in out.getvalue().splitlines() if line.strip() and not line.startswith("--")
    )
    assert sql.strip().upper() in {"", "BEGIN;\nCOMMIT;"}


def test_the_api_and_forms_keep_assigned_to(submit, coordinators, client):
    from rest_framework.test import APIClient

    coordinator = coordinators[Level.UITVOERING]
    signal = submit()
    api = APIClient()
    api.force_authenticate(coordinator)
    response = api.post(
        f"/api/v1/signals/{signal.pk}/actions/",
        {"action": "assign", "assigned_to": coordinator.pk},
        format="json",
    )
    assert response.status_code == 200, response.content
    signal.refresh_from_db()
    assert signal.assignee == coordinator
    refused = api.post(
        f"/api/v1/signals/{signal.pk}/actions/",
        {"action": "assign", "assigned_to": coordinators[Level.STELSEL].pk},
        format="json",
    )
    assert refused.status_code == 400 and "assigned_to" in refused.json()
    assert SignalEvent.objects.filter(signal=signal, action="assign").count() == 1
