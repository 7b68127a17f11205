"""Every rule of the workflow table, and its refusal, for signals and dossiers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts import roles
from signals import services, workflow
from signals.factories import DossierFactory, SignalFactory
from signals.models import Signal, SignalEvent
from signals.workflow import ACTIONS, COORDINATOR, DOSSIER, SIGNAL, Level, Status

pytestmark = pytest.mark.django_db

CASES = [
    (action.name, kind, status)
    for action in ACTIONS.values()
    for kind in sorted(action.targets)
    for status in Status.values
]


def _subject(kind, status, level=Level.UITVOERING, **extra):
    if kind == SIGNAL:
        return SignalFactory(status=status, level=level, outcome_at=timezone.now(), **extra)
    return DossierFactory(status=status, level=level, outcome_at=timezone.now(), **extra)


def _actor(action, subject, coordinators):
    if COORDINATOR in action.actors:
        return coordinators[subject.level]
    return subject.submitted_by


def _params(action, subject, coordinators):
    if action.name == "bundle":
        return {"dossier": DossierFactory(level=subject.level)}
    if action.name == "assign":
        return {"assignee": coordinators[subject.level]}
    return {}


@pytest.mark.parametrize(("action_name", "kind", "status"), CASES)
def test_each_transition_is_allowed_exactly_where_the_table_says(
    action_name, kind, status, coordinators
):
    action = ACTIONS[action_name]
    subject = _subject(kind, status, is_published=action_name == "unpublish")
    actor = _actor(action, subject, coordinators)
    params = _params(action, subject, coordinators)
    before = SignalEvent.objects.count()
    if workflow.state_allows(action, subject):
        result = services.apply_action(
            subject, action_name, actor, "Een toelichting voor de dossiers.", **params
        )
        assert result.status == (action.to_state or status)
        # Escalation also routes at the new level (a "route" row of its own).
        event = SignalEvent.objects.exclude(action="route").order_by("-pk").first()
        assert event.action == action_name
        assert (event.from_status, event.to_status) == (status, result.status)
        assert event.actor == actor
        if action.changes_level:
            assert result.level == Level.SCHAKEL and event.to_level == Level.SCHAKEL
    else:
        with pytest.raises(services.TransitionNotAllowed):
            services.apply_action(subject, action_name, actor, "Toelichting", **params)
        subject.refresh_from_db()
        assert subject.status == status
        assert SignalEvent.objects.count() == before


@pytest.mark.parametrize(
    ("action_name", "kind"),
    [(a.name, k) for a in ACTIONS.values() if a.reason_required for k in sorted(a.targets)],
)
def test_actions_needing_a_reason_refuse_without_one(action_name, kind, coordinators):
    action = ACTIONS[action_name]
    status = sorted(action.from_states)[0]
    subject = _subject(kind, status, is_published=True)
    actor = _actor(action, subject, coordinators)
    before = SignalEvent.objects.count()
    with pytest.raises(services.ReasonRequired) as exc:
        services.apply_action(subject, action_name, actor, "   ")
    assert exc.value.field == "reason"
    subject.refresh_from_db()
    assert subject.status == status
    assert SignalEvent.objects.count() == before


@pytest.mark.parametrize(
    ("action_name", "kind"),
    [(a.name, k) for a in ACTIONS.values() if COORDINATOR in a.actors for k in sorted(a.targets)],
)
def test_only_the_coordinator_of_the_current_level_may_act(
    action_name, kind, coordinators, make_user
):
    action = ACTIONS[action_name]
    status = sorted(action.from_states)[0]
    subject = _subject(kind, status, level=Level.SCHAKEL, is_published=True)
    outsiders = [
        coordinators[Level.UITVOERING],
        coordinators[Level.STELSEL],
        make_user(role=roles.PROFESSIONAL),
        make_user(role=roles.BEHEERDER),
        make_user(role=roles.INBURGERAAR),
    ]
    for outsider in outsiders:
        with pytest.raises(services.ActionForbidden):
            services.apply_action(
                subject, action_name, outsider, "Reden", **_params(action, subject, coordinators)
            )
    subject.refresh_from_db()
    assert subject.status == status


def test_provide_info_is_for_the_submitter_only(coordinators, submit, make_user):
    signal = submit()
    services.apply_action(signal, "request_info", coordinators[Level.UITVOERING], "Welke regio?")
    for other in (coordinators[Level.UITVOERING], make_user(role=roles.PROFESSIONAL)):
        with pytest.raises(services.ActionForbidden):
            services.apply_action(signal, "provide_info", other, "Regio Utrecht")
    signal = services.apply_action(signal, "provide_info", signal.submitted_by, "Regio Utrecht")
    assert signal.status == Status.IN_BEHANDELING


def test_submitter_cannot_reopen_directly(submit, coordinators):
    signal = submit()
    services.apply_action(signal, "resolve", coordinators[Level.UITVOERING], "Opgelost zo.")
    with pytest.raises(services.ActionForbidden):
        services.apply_action(signal, "reopen", signal.submitted_by, "Niet opgelost")


def test_escalation_is_impossible_beyond_stelselniveau(coordinators):
    signal = SignalFactory(level=Level.STELSEL, status=Status.IN_BEHANDELING)
    with pytest.raises(services.TransitionNotAllowed) as exc:
        services.apply_action(signal, "escalate", coordinators[Level.STELSEL], "Hoger")
    assert "hoogste niveau" in exc.value.message


def test_escalation_moves_the_signal_through_the_levels_with_a_new_deadline(submit, coordinators):
    signal = submit()
    assert (signal.level, signal.status) == (Level.UITVOERING, Status.INGEDIEND)
    first_deadline = signal.deadline
    signal = services.apply_action(
        signal, "escalate", coordinators[Level.UITVOERING], "Speelt in de hele regio."
    )
    assert (signal.level, signal.status) == (Level.SCHAKEL, Status.GEESCALEERD)
    assert signal.deadline > first_deadline
    # The uitvoering coordinator no longer handles it; the schakel coordinator does.
    with pytest.raises(services.ActionForbidden):
        services.apply_action(signal, "classify", coordinators[Level.UITVOERING])
    signal = services.apply_action(signal, "classify", coordinators[Level.SCHAKEL])
    assert signal.status == Status.IN_BEHANDELING
    signal = services.apply_action(
        signal, "escalate", coordinators[Level.SCHAKEL], "Vraagt om een wetswijziging."
    )
    assert signal.level == Level.STELSEL
    levels = list(signal.events.values_list("from_level", "to_level"))
    assert ("uitvoering", "schakel") in levels and ("schakel", "stelsel") in levels


def test_unknown_action_is_a_clear_error(submit, coordinators):
    with pytest.raises(services.UnknownAction):
        services.apply_action(submit(), "teleport", coordinators[Level.UITVOERING])


def test_available_actions_drive_the_buttons(submit, coordinators, make_user):
    signal = submit()
    names = {a.name for a in workflow.available_actions(signal, coordinators[Level.UITVOERING])}
    assert {"classify", "request_info", "resolve", "escalate", "decline", "bundle"} <= names
    assert "reopen" not in names and "provide_info" not in names
    assert workflow.available_actions(signal, coordinators[Level.SCHAKEL]) == []
    assert workflow.available_actions(signal, make_user(role=roles.PROFESSIONAL)) == []
    assert workflow.available_actions(signal, signal.submitted_by) == []


def test_classify_records_themes_and_phase(submit, coordinators):
    from taxonomy.models import Phase, Theme

    theme = Theme.objects.get(slug="leerbaarheidstoets")
    phase = Phase.objects.get(number=3)
    signal = services.apply_action(
        submit(), "classify", coordinators[Level.UITVOERING], themes=[theme.pk], phase=phase.pk
    )
    assert list(signal.themes.all()) == [theme] and signal.phase == phase
    assert signal.events.last().payload["themes"] == [theme.pk]


def test_assign_only_to_a_coordinator_of_the_level(submit, coordinators, make_user):
    signal = submit()
    with pytest.raises(services.SignalError):
        services.apply_action(
            signal, "assign", coordinators[Level.UITVOERING], assignee=coordinators["schakel"]
        )
    colleague = make_user(role=roles.COORDINATOR_UITVOERING)
    signal = services.apply_action(
        signal, "assign", coordinators[Level.UITVOERING], assignee=colleague.pk
    )
    assert signal.assignee == colleague
    assert signal.events.last().payload == {"assigned_to": colleague.pk}


def test_publish_needs_a_summary_without_personal_data(submit, coordinators):
    from django.core.exceptions import ValidationError

    signal = submit()
    with pytest.raises(ValidationError):
        services.apply_action(
            signal, "publish", coordinators[Level.UITVOERING], "Bel 06-12345678 voor info"
        )
    signal.refresh_from_db()
    assert not signal.is_published
    signal = services.apply_action(
        signal, "publish", coordinators[Level.UITVOERING], "Gemeenten missen afspraken."
    )
    assert signal.is_published and signal.public_summary == "Gemeenten missen afspraken."
    assert Signal.objects.published().filter(pk=signal.pk).exists()


def test_reopen_by_coordinator_gives_a_fresh_deadline(submit, coordinators):
    signal = submit()
    coordinator = coordinators[Level.UITVOERING]
    signal = services.apply_action(signal, "decline", coordinator, "Valt buiten het stelsel.")
    assert signal.outcome == "Valt buiten het stelsel." and signal.outcome_at
    Signal.objects.filter(pk=signal.pk).update(deadline=timezone.localdate() - timedelta(days=9))
    signal.refresh_from_db()
    signal = services.apply_action(signal, "reopen", coordinator, "Toch relevant gebleken.")
    assert signal.status == Status.HEROPEND
    assert signal.deadline > timezone.localdate()
    assert DOSSIER in ACTIONS["reopen"].targets
