"""Asking ketenpartners: ask, remind, answer (through the signed link), close, publish."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from accounts import roles
from notifications.models import Notification
from signals import services
from signals.models import Consultation
from signals.services import consultations
from signals.workflow import Level
from taxonomy.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def partners(make_user):
    duo = OrganisationFactory(name="DUO", slug="duo", region=None)
    coa = OrganisationFactory(name="COA", slug="coa", region=None)
    return {
        "duo": (duo, make_user(role=roles.KETENPARTNER, organisation=duo)),
        "coa": (coa, make_user(role=roles.KETENPARTNER, organisation=coa)),
    }


def _ask(signal, coordinator, partners, **extra):
    return consultations.ask(
        signal,
        coordinator,
        [partners["duo"][0], partners["coa"][0]],
        "Hoe lang duurt het voordat de lening is toegekend?",
        timezone.localdate() + timedelta(days=10),
        **extra,
    )


def test_ask_several_partners_at_once_with_a_signed_link(submit, coordinators, partners):
    signal = submit()
    asked = _ask(signal, coordinators[Level.UITVOERING], partners)
    assert {c.organisation.slug for c in asked} == {"duo", "coa"}
    assert signal.events.filter(action="consult_ask").count() == 2
    duo_user = partners["duo"][1]
    notice = Notification.objects.get(recipient=duo_user, verb="consultation-asked")
    assert notice.url.startswith(f"/vragen-aan-ons/{asked[0].pk}/?t=") or "?t=" in notice.url
    # Only the asked organisation's staff hear about it.
    assert Notification.objects.filter(verb="consultation-asked").count() == 2


def test_only_a_coordinator_of_the_level_may_ask(submit, coordinators, partners):
    with pytest.raises(services.ActionForbidden):
        _ask(submit(), coordinators[Level.SCHAKEL], partners)


def test_partner_answers_through_the_link_and_the_guard_refuses_personal_data(
    submit, coordinators, partners
):
    signal = submit()
    duo_consultation = _ask(signal, coordinators[Level.UITVOERING], partners)[0]
    duo_user = partners["duo"][1]
    link = Notification.objects.get(recipient=duo_user, verb="consultation-asked").url
    client = Client()
    assert client.get(link).status_code == 302  # login first
    client.force_login(duo_user)
    page = client.get(link)
    assert page.status_code == 200 and "Hoe lang duurt" in page.content.decode()
    response = client.post(link, {"answer": "Bel mij op 06-12345678"})
    assert response.status_code == 200
    duo_consultation.refresh_from_db()
    assert duo_consultation.status == Consultation.Status.OPEN and not duo_consultation.answer
    response = client.post(link, {"answer": "Gemiddeld vier weken na de aanvraag."})
    assert response.status_code == 302
    duo_consultation.refresh_from_db()
    assert duo_consultation.status == Consultation.Status.ANSWERED
    assert signal.events.filter(action="consult_answer").exists()
    # The coordinator who asked hears about it and sees the answer on the workbench.
    coordinator = coordinators[Level.UITVOERING]
    assert Notification.objects.filter(recipient=coordinator, verb="consultation-answered").exists()
    staff = Client()
    staff.force_login(coordinator)
    html = staff.get(f"/werkbank/signalen/{signal.pk}/").content.decode()
    assert "Gemiddeld vier weken" in html


def test_a_question_not_put_to_your_organisation_is_forbidden(
    submit, coordinators, partners, make_user
):
    signal = submit()
    duo_consultation = _ask(signal, coordinators[Level.UITVOERING], partners)[0]
    coa_user = partners["coa"][1]
    client = Client()
    client.force_login(coa_user)
    url = f"/vragen-aan-ons/{duo_consultation.pk}/"
    assert client.get(url).status_code == 403
    assert client.post(url, {"answer": "Wij weten het"}).status_code == 403
    with pytest.raises(services.ActionForbidden):
        consultations.answer(duo_consultation, coa_user, "Wij weten het")
    professional = Client()
    professional.force_login(make_user(role=roles.PROFESSIONAL))
    assert professional.get(url).status_code == 403


def test_questions_for_us_lists_questions_and_concerned_signals(submit, coordinators, partners):
    signal = submit(title="Lening voor inburgering komt laat")
    other = submit(title="Taalschool zonder keurmerk")
    _ask(signal, coordinators[Level.UITVOERING], partners)
    consultations.set_concerned(other, coordinators[Level.UITVOERING], [partners["duo"][0]])
    client = Client()
    client.force_login(partners["duo"][1])
    html = client.get("/vragen-aan-ons/").content.decode()
    assert "Lening voor inburgering komt laat" in html
    assert "Taalschool zonder keurmerk" in html
    professional = Client()
    professional.force_login(coordinators[Level.UITVOERING])
    assert professional.get("/vragen-aan-ons/").status_code == 403


def test_reminder_once_before_the_due_date(submit, coordinators, partners):
    signal = submit()
    asked = consultations.ask(
        signal,
        coordinators[Level.UITVOERING],
        [partners["duo"][0]],
        "Kunt u meekijken?",
        timezone.localdate() + timedelta(days=1),
    )
    assert consultations.send_reminders() == 1
    assert consultations.send_reminders() == 0
    assert signal.events.filter(action="consult_remind").count() == 1
    assert (
        Notification.objects.filter(
            recipient=partners["duo"][1], verb="consultation-reminder"
        ).count()
        == 1
    )
    assert asked[0].pk


def test_close_and_publish_the_answer_in_the_public_follow_up(submit, coordinators, partners):
    coordinator = coordinators[Level.UITVOERING]
    signal = submit()
    duo_consultation = _ask(signal, coordinator, partners)[0]
    consultations.answer(duo_consultation, partners["duo"][1], "DUO past de termijn aan.")
    services.apply_action(signal, "publish", coordinator, "Signaal over leningen.")
    anonymous = Client()
    assert (
        "DUO past de termijn aan."
        not in anonymous.get(f"/signalen/opvolging/signaal/{signal.pk}/").content.decode()
    )
    consultations.publish_answer(duo_consultation, coordinator)
    html = anonymous.get(f"/signalen/opvolging/signaal/{signal.pk}/").content.decode()
    assert "DUO past de termijn aan." in html
    consultations.close(duo_consultation, coordinator)
    assert signal.events.filter(action="consult_close").exists()
    with pytest.raises(services.SignalError):
        consultations.close(duo_consultation, coordinator)
