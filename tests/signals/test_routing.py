"""Teams, routing rules, re-routing, scoped notifications and service levels."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts import roles
from notifications.models import Notification
from signals import services
from signals.deadlines import add_working_days
from signals.models import RoutingRule, ServiceLevel, SignalEvent, Team
from signals.routing import validate_rule
from signals.services.routing import reroute
from signals.workflow import Level
from taxonomy.factories import OrganisationFactory, RegionFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(make_user):
    """team(name, level, members=1, **fields) -> a team with that many coordinator members."""

    def _team(name, level=Level.UITVOERING, members=1, **fields):
        created = Team.objects.create(name=name, level=level, **fields)
        role = {
            Level.UITVOERING: roles.COORDINATOR_UITVOERING,
            Level.SCHAKEL: roles.COORDINATOR_SCHAKEL,
            Level.STELSEL: roles.COORDINATOR_STELSEL,
        }[Level(level)]
        created.members.set([make_user(role=role) for _ in range(members)])
        return created

    return _team


@pytest.fixture
def twente(make_user):
    region = RegionFactory(name="Twente", slug="twente")
    organisation = OrganisationFactory(name="Gemeente Enschede", slug="enschede", region=region)
    return region, organisation, make_user(role=roles.PROFESSIONAL, organisation=organisation)


def test_first_matching_rule_wins_and_the_default_catches_the_rest(team, twente, submit, make_user):
    region, organisation, professional = twente
    default = team("Uitvoering landelijk", is_default=True)
    regional = team("Ketenoverleg Twente")
    themed = team("Twente taal")
    theme = ThemeFactory()
    RoutingRule.objects.create(
        name="Twente",
        level=Level.UITVOERING,
        position=10,
        team=regional,
        conditions={"region": [region.pk]},
    )
    RoutingRule.objects.create(
        name="Twente taal",
        level=Level.UITVOERING,
        position=20,
        team=themed,
        conditions={"region": [region.pk], "theme": [theme.pk]},
    )
    signal = submit(user=professional, themes=[theme])
    assert signal.team == regional  # the first rule matches, the second is never reached
    event = signal.events.get(action="route")
    assert event.payload["team"] == regional.pk and event.payload["rule_name"] == "Twente"
    assert event.payload["trigger"] == "submit"
    elsewhere = submit(user=make_user(role=roles.PROFESSIONAL))
    assert elsewhere.team == default
    assert elsewhere.events.get(action="route").payload["rule"] is None


def test_routing_costs_a_bounded_number_of_queries(
    team, twente, submit, django_assert_max_num_queries
):
    region, organisation, professional = twente
    default = team("Standaard", is_default=True)
    other = team("Elders")
    RoutingRule.objects.bulk_create(
        RoutingRule(
            name=f"Regel {i}",
            level=Level.UITVOERING,
            position=i,
            team=other,
            conditions={"urgency": ["hoog"], "source": ["api"]},
        )
        for i in range(200)
    )
    signal = submit(user=professional)
    from signals.services.routing import decide

    with django_assert_max_num_queries(5):
        decision = decide(signal)
    assert decision.team == default and decision.rule is None


def test_escalation_and_bundling_route_at_the_new_level(team, twente, submit, coordinators):
    region, organisation, professional = twente
    team("Uitvoering", is_default=True)
    schakel_default = team("Divosa programmateam", level=Level.SCHAKEL, is_default=True)
    schakel_twente = team("Schakel Twente", level=Level.SCHAKEL)
    RoutingRule.objects.create(
        name="Twente schakel",
        level=Level.SCHAKEL,
        position=1,
        team=schakel_twente,
        conditions={"region": [region.pk]},
    )
    signal = submit(user=professional)
    coordinator = signal.team.members.first()
    signal = services.apply_action(signal, "escalate", coordinator, "Regionaal knelpunt")
    assert signal.level == Level.SCHAKEL and signal.team == schakel_twente
    assert signal.events.filter(action="route", payload__trigger="escalate").exists()
    other = submit()
    other = services.apply_action(other, "escalate", coordinator, "Landelijk")
    assert other.team == schakel_default
    dossier = services.bundle([other], "Overdracht", schakel_default.members.first())
    dossier.refresh_from_db()
    assert dossier.team == schakel_default
    assert SignalEvent.objects.filter(dossier=dossier, action="route").exists()


def test_notifications_reach_only_the_team(team, twente, submit, coordinators):
    region, organisation, professional = twente
    team("Uitvoering", is_default=True)
    regional = team("Ketenoverleg Twente", members=2)
    RoutingRule.objects.create(
        name="Twente", level=Level.UITVOERING, team=regional, conditions={"region": [region.pk]}
    )
    bystander = coordinators[Level.UITVOERING]  # a coordinator of the level, not in the team
    submit(user=professional)
    notified = set(
        Notification.objects.filter(verb="signal-new").values_list("recipient", flat=True)
    )
    assert notified == set(regional.members.values_list("pk", flat=True))
    assert not Notification.objects.filter(recipient=bystander).exists()


def test_a_team_without_active_members_falls_back_and_beheerders_are_told(
    team, twente, submit, make_user
):
    region, organisation, professional = twente
    default = team("Uitvoering", is_default=True)
    empty = team("Twente (leeg)", members=0)
    RoutingRule.objects.create(
        name="Twente", level=Level.UITVOERING, team=empty, conditions={"region": [region.pk]}
    )
    beheerder = make_user(role=roles.BEHEERDER)
    signal = submit(user=professional)
    assert signal.team == default
    assert signal.events.get(action="route").payload["fallback_from"] == empty.pk
    assert Notification.objects.filter(recipient=beheerder, verb="team-without-members").exists()


def test_reroute_needs_a_reason_and_a_team_of_the_same_level(team, submit):
    first = team("Uitvoering", is_default=True)
    second = team("Uitvoering Oost")
    schakel = team("Schakel", level=Level.SCHAKEL)
    signal = submit()
    coordinator = first.members.first()
    with pytest.raises(ValidationError):
        reroute(signal, second, coordinator, "")
    with pytest.raises(services.SignalError):
        reroute(signal, schakel, coordinator, "Verkeerd niveau")
    signal = reroute(signal, second, coordinator, "Hoort bij Oost")
    assert signal.team == second
    event = signal.events.get(action="reroute")
    assert event.payload["from_team"] == first.pk and event.reason == "Hoort bij Oost"
    assert Notification.objects.filter(recipient=second.members.first()).exists()
    with pytest.raises(services.ActionForbidden):
        reroute(signal, first, schakel.members.first(), "Niet mijn niveau")


def test_service_level_per_team_and_urgency_sets_the_deadlines(team, twente, submit):
    region, organisation, professional = twente
    regional = team("Ketenoverleg Twente", is_default=True, resolution_days=15)
    ServiceLevel.objects.create(team=regional, urgency="hoog", response_days=1, resolution_days=5)
    today = timezone.localdate()
    urgent = submit(user=professional, urgency="hoog")
    assert urgent.deadline == add_working_days(today, 5)
    assert urgent.response_deadline == add_working_days(today, 1)
    normal = submit(user=professional)
    assert normal.deadline == add_working_days(today, 15)


def test_unknown_and_contradictory_rules_are_refused_with_a_clear_message(team):
    uitvoering = team("Uitvoering", is_default=True)
    schakel = team("Schakel", level=Level.SCHAKEL)
    amsterdam = RegionFactory(name="Amsterdam", slug="amsterdam")
    utrecht = RegionFactory(name="Utrecht", slug="utrecht")
    organisation = OrganisationFactory(name="Gemeente Utrecht", slug="utrecht-g", region=utrecht)
    with pytest.raises(ValidationError, match="Onbekende voorwaarde 'kleur'"):
        validate_rule(Level.UITVOERING, {"kleur": ["rood"]}, uitvoering)
    with pytest.raises(ValidationError, match="Onbekende waarde"):
        validate_rule(Level.UITVOERING, {"urgency": ["spoed"]}, uitvoering)
    with pytest.raises(ValidationError, match="Tegenstrijdig"):
        validate_rule(
            Level.UITVOERING,
            {"region": [amsterdam.pk], "organisation": [organisation.pk]},
            uitvoering,
        )
    with pytest.raises(ValidationError, match="ander niveau"):
        validate_rule(Level.UITVOERING, {}, schakel)
    rule = RoutingRule(
        name="Leeg", level=Level.UITVOERING, team=uitvoering, conditions={"theme": []}
    )
    with pytest.raises(ValidationError, match="geen waarden"):
        rule.full_clean()


def test_herkend_threshold_flags_once_and_tells_the_next_level(team, submit, make_user, settings):
    settings.SIGNAL_HERKEND_THRESHOLD = 2
    uitvoering = team("Uitvoering", is_default=True)
    schakel = team("Divosa programmateam", level=Level.SCHAKEL, is_default=True)
    signal = submit()
    for _ in range(3):
        services.support(signal, make_user(role=roles.PROFESSIONAL))
    assert signal.events.filter(action="herkend_threshold").count() == 1
    for member in (uitvoering.members.first(), schakel.members.first()):
        assert Notification.objects.filter(recipient=member, verb="signal-herkend").exists()
    from django.test import Client

    client = Client()
    client.force_login(schakel.members.first())
    html = client.get("/werkbank/", {"level": "schakel"}).content.decode()
    assert "Veel herkend op het niveau eronder" in html and signal.title in html


def test_supporters_reopen_with_one_event_when_enough_say_no(submit, make_user, settings):
    from signals.services.voice import vote_solved

    settings.SIGNAL_REOPEN_SHARE = 0.5
    coordinator = make_user(role=roles.COORDINATOR_UITVOERING)
    signal = submit()
    supporters = [make_user(role=roles.PROFESSIONAL) for _ in range(4)]
    for user in supporters:
        services.support(signal, user)
    signal = services.apply_action(signal, "resolve", coordinator, "Opgelost met een formulier.")
    outsider = make_user(role=roles.PROFESSIONAL)
    with pytest.raises(services.ActionForbidden):
        vote_solved(signal, outsider, False)
    assert vote_solved(signal, supporters[0], True) is False
    assert vote_solved(signal, supporters[1], False) is False  # 1 of 4
    assert vote_solved(signal, supporters[1], False) is False  # voting twice counts once
    assert vote_solved(signal, supporters[2], False) is True  # 2 of 4: reopened
    signal.refresh_from_db()
    assert signal.status == "heropend"
    with pytest.raises(services.SignalError):  # open again: nothing to judge
        vote_solved(signal, supporters[3], False)
    assert signal.events.filter(action="reopen").count() == 1


def test_workbench_opens_on_my_teams_with_a_switch_to_the_level(team, twente, submit):
    from django.test import Client

    region, organisation, professional = twente
    default = team("Uitvoering", is_default=True)
    regional = team("Ketenoverleg Twente")
    RoutingRule.objects.create(
        name="Twente", level=Level.UITVOERING, team=regional, conditions={"region": [region.pk]}
    )
    mine = submit(user=professional, title="Signaal uit Twente over de overdracht")
    other = submit(title="Signaal uit een andere regio over taalscholen")
    assert mine.team == regional and other.team == default
    client = Client()
    client.force_login(regional.members.first())
    html = client.get("/werkbank/", {"level": "uitvoering"}).content.decode()
    assert mine.title in html and other.title not in html
    html = client.get("/werkbank/", {"level": "uitvoering", "scope": "niveau"}).content.decode()
    assert mine.title in html and other.title in html


def test_admin_preview_shows_rule_and_team(team, twente, submit, make_user):
    from django.test import Client

    region, organisation, professional = twente
    team("Uitvoering", is_default=True)
    regional = team("Ketenoverleg Twente")
    RoutingRule.objects.create(
        name="Regio Twente", level=Level.UITVOERING, team=regional,
        conditions={"region": [region.pk]},
    )  # fmt: skip
    signal = submit(user=professional)
    client = Client()
    client.force_login(make_user(role=roles.BEHEERDER))
    html = client.get("/admin/routering/voorbeeld/", {"kenmerk": signal.reference}).content.decode()
    assert "Regio Twente" in html and "Ketenoverleg Twente" in html
    html = client.get("/admin/routering/voorbeeld/", {"kenmerk": "S-99999"}).content.decode()
    assert "Geen signaal gevonden" in html
    professional_client = Client()
    professional_client.force_login(professional)
    response = professional_client.get("/admin/routering/voorbeeld/", {"kenmerk": "S-1"})
    assert response.status_code in (302, 403)


def test_deadline_reminders_and_overdue_reports_go_to_the_team_only(team, twente, submit):
    from datetime import timedelta

    from signals.models import Signal
    from signals.tasks import deadline_monitor

    region, organisation, professional = twente
    default = team("Uitvoering", is_default=True)
    regional = team("Ketenoverleg Twente")
    RoutingRule.objects.create(
        name="Twente", level=Level.UITVOERING, team=regional, conditions={"region": [region.pk]}
    )
    late = submit(user=professional)
    Signal.objects.filter(pk=late.pk).update(deadline=timezone.localdate() - timedelta(days=2))
    Notification.objects.all().delete()
    assert deadline_monitor()["overdue_reports"] == 1
    report = Notification.objects.get(verb="signals-overdue")
    assert report.recipient == regional.members.first() and "Ketenoverleg Twente" in report.title
    assert not Notification.objects.filter(recipient=default.members.first()).exists()
