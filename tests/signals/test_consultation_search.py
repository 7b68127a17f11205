"""Ketenpartners' answers are findable: by the coordinators and the partner's own staff while
internal, by everyone once shown in the public follow-up; never by other partners."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from accounts import roles
from search.services import search
from signals import services
from signals.services import consultations
from signals.workflow import Level
from taxonomy.factories import OrganisationFactory

pytestmark = pytest.mark.django_db
ANSWER = "De studiefinanciering wordt binnen acht weken toegekend na de aanvraag."


def _kinds(user, query):
    return [(hit.kind, hit.url) for hit in search(user, query).hits if hit.kind == "partner_answer"]


def test_answer_is_found_by_its_readers_and_by_everyone_once_public(
    submit, coordinators, make_user, django_capture_on_commit_callbacks
):
    duo = OrganisationFactory(name="DUO", slug="duo", region=None)
    coa = OrganisationFactory(name="COA", slug="coa", region=None)
    duo_staff = make_user(role=roles.KETENPARTNER, organisation=duo)
    coa_staff = make_user(role=roles.KETENPARTNER, organisation=coa)
    professional = make_user(role=roles.PROFESSIONAL)
    coordinator = coordinators[Level.UITVOERING]
    with django_capture_on_commit_callbacks(execute=True):
        signal = submit(title="Lening voor de inburgering laat lang op zich wachten")
        asked = consultations.ask(
            signal,
            coordinator,
            [duo],
            "Hoe lang duurt de toekenning?",
            timezone.localdate() + timedelta(days=10),
        )[0]
        consultations.answer(asked, duo_staff, ANSWER)

    internal = [("partner_answer", asked.get_absolute_url())]
    assert _kinds(coordinator, "studiefinanciering") == internal
    assert _kinds(duo_staff, "studiefinanciering") == internal
    for outsider in (coa_staff, professional, AnonymousUser()):
        assert _kinds(outsider, "studiefinanciering") == []

    with django_capture_on_commit_callbacks(execute=True):
        services.apply_action(signal, "publish", coordinator, "Signaal over de lening.")
        consultations.publish_answer(asked, coordinator)
    public = [("partner_answer", f"/signalen/opvolging/signaal/{signal.pk}/")]
    for reader in (AnonymousUser(), professional, coa_staff, coordinator):
        assert _kinds(reader, "studiefinanciering") == public

    with django_capture_on_commit_callbacks(execute=True):
        consultations.publish_answer(asked, coordinator, on=False)
    assert _kinds(AnonymousUser(), "studiefinanciering") == []
    assert _kinds(duo_staff, "studiefinanciering") == internal
