"""Routing and consultation in a real browser: a regional signal lands with its team, DUO and
COA are asked, DUO answers through the e-mail link, the stelsel team resolves it with a
standard text, and the submitter and the supporters hear the outcome."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts import roles
from notifications.models import Notification
from signals import services
from signals.models import Consultation, ReplyTemplate, RoutingRule, Signal, Team
from taxonomy.factories import OrganisationFactory, RegionFactory
from tests.conftest import PASSWORD, login_in_browser


def _switch_user(page, email):
    page.get_by_role("button", name="Uitloggen").click()
    login_in_browser(page, email)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_regional_signal_consultation_and_outcome(page, make_user):
    twente = RegionFactory(name="Twente", slug="twente")
    enschede = OrganisationFactory(name="Gemeente Enschede", slug="enschede", region=twente)
    duo = OrganisationFactory(name="DUO", slug="duo", region=None)
    coa = OrganisationFactory(name="COA", slug="coa", region=None)
    professional = make_user(
        role=roles.PROFESSIONAL, email="melder@example.org", organisation=enschede
    )
    supporter = make_user(role=roles.PROFESSIONAL, email="herkenner@example.org")
    regional_coordinator = make_user(role=roles.COORDINATOR_UITVOERING, email="twente@example.org")
    bystander = make_user(role=roles.COORDINATOR_UITVOERING, email="elders@example.org")
    make_user(role=roles.COORDINATOR_SCHAKEL, email="schakel@example.org")
    stelsel = make_user(role=roles.COORDINATOR_STELSEL, email="stelsel@example.org")
    duo_staff = make_user(role=roles.KETENPARTNER, email="duo@example.org", organisation=duo)
    make_user(role=roles.KETENPARTNER, email="coa@example.org", organisation=coa)

    default = Team.objects.create(name="Uitvoering landelijk", level="uitvoering", is_default=True)
    default.members.add(bystander)
    regional = Team.objects.create(name="Ketenoverleg Twente", level="uitvoering")
    regional.members.add(regional_coordinator)
    RoutingRule.objects.create(
        name="Regio Twente", level="uitvoering", team=regional, conditions={"region": [twente.pk]}
    )
    Team.objects.create(name="Divosa programmateam", level="schakel", is_default=True)
    stelsel_team = Team.objects.create(name="SZW stelselteam", level="stelsel", is_default=True)
    stelsel_team.members.add(stelsel)
    ReplyTemplate.objects.create(
        name="Landelijke oplossing",
        action="resolve",
        text="{kenmerk} is door {team} opgepakt: er komt een landelijke termijn.",
    )

    # 1. A professional in Twente submits; it lands with the Twente team only.
    login_in_browser(page, professional.email)
    page.goto("/signalen/nieuw/")
    page.get_by_label("Titel").fill("Lening voor de inburgering komt te laat")
    page.get_by_label("Omschrijving").fill("Inburgeraars wachten weken op de toekenning.")
    page.get_by_role("button", name="Signaal indienen").click()
    page.get_by_text("is ingediend").wait_for()
    signal = Signal.objects.get()
    assert signal.team == regional
    assert Notification.objects.filter(recipient=regional_coordinator).exists()
    assert not Notification.objects.filter(recipient=bystander).exists()
    services.support(signal, supporter)

    # 2. The Twente coordinator asks DUO and COA at once.
    _switch_user(page, regional_coordinator.email)
    page.goto("/werkbank/")
    page.get_by_role("link", name="Lening voor de inburgering komt te laat").first.wait_for()
    page.goto(f"/werkbank/signalen/{signal.pk}/")
    page.locator("#id_organisations").select_option([str(duo.pk), str(coa.pk)])
    page.locator("#id_question").fill("Hoe lang duurt de toekenning nu gemiddeld?")
    page.locator("#id_due_date").fill((timezone.localdate() + timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Vraag stellen").click()
    page.get_by_text("Vraag gesteld aan").wait_for()
    assert Consultation.objects.filter(signal=signal).count() == 2

    # 3. DUO staff answers through the link in the e-mail (after logging in).
    duo_mail = next(m for m in mail.outbox if duo_staff.email in m.to)
    link = re.search(r"https?://[^\s]+/vragen-aan-ons/\d+/\?t=[^\s]+", duo_mail.body).group(0)
    page.get_by_role("button", name="Uitloggen").click()
    page.goto(re.sub(r"^https?://[^/]+", "", link))
    page.get_by_label("E-mailadres").fill(duo_staff.email)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_label("Uw antwoord").fill("Gemiddeld zes weken; wij werken aan vier.")
    page.get_by_role("button", name="Antwoord versturen").click()
    page.get_by_text("Uw antwoord is doorgegeven").wait_for()
    assert Consultation.objects.get(signal=signal, organisation=duo).status == "beantwoord"

    # 4. The coordinator sees the answer and escalates (twice: to stelsel through schakel).
    _switch_user(page, regional_coordinator.email)
    page.goto(f"/werkbank/signalen/{signal.pk}/")
    assert page.locator(".consultation-answer", has_text="Gemiddeld zes weken").is_visible()
    page.locator("summary", has_text="Doorzetten naar het volgende niveau").click()
    page.get_by_label("Motivering voor het doorzetten").fill("Landelijke termijn nodig.")
    page.get_by_role("button", name="Doorzetten naar het volgende niveau").click()
    page.get_by_text("Gelukt").wait_for()
    signal.refresh_from_db()
    schakel = type(stelsel).objects.get(email="schakel@example.org")
    services.apply_action(signal, "escalate", schakel, "Vraagt om een besluit van SZW.")
    signal.refresh_from_db()
    assert signal.level == "stelsel" and signal.team == stelsel_team

    # 5. The stelsel team resolves with the standard text.
    _switch_user(page, stelsel.email)
    page.goto(f"/werkbank/signalen/{signal.pk}/")
    page.locator("summary", has_text="Oplossen").click()
    page.get_by_role("link", name="Landelijke oplossing").click()
    reason = page.get_by_label("Uitkomst (terugkoppeling aan de melders)")
    assert "opgepakt" in reason.input_value()
    page.get_by_role("button", name="Oplossen", exact=True).click()
    page.get_by_text("Gelukt").wait_for()
    signal.refresh_from_db()
    assert signal.status == "opgelost" and "SZW stelselteam" in signal.outcome

    # 6. Submitter and supporter hear the outcome.
    for person in (professional, supporter):
        assert Notification.objects.filter(recipient=person, verb="signal-resolve").exists()
    _switch_user(page, supporter.email)
    page.goto(f"/signalen/{signal.pk}/")
    assert page.get_by_text("Is het nu opgelost?").is_visible()
    assert not page.js_errors
