"""The guard's two tiers in forms and the API: a refusal for certain personal data, a
warning with the fragment highlighted and a "dit gaat niet over een persoon" checkbox
for a possible birth date, recorded with the submission when confirmed."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from accounts import roles
from privacy.models import GuardConfirmation
from signals.models import Signal

pytestmark = pytest.mark.django_db

POSSIBLE = "Zij noemde 12-03-1985 als datum, dat klopt niet met de praktijk."


def _signal_form(**extra):
    data = {
        "title": "Datum in de beschikking klopt niet",
        "description": POSSIBLE,
        "urgency": "normaal",
        "confirm": "1",
    }
    data.update(extra)
    return data


def test_form_warns_highlights_and_offers_the_checkbox(client_for):
    client, _user = client_for(roles.PROFESSIONAL)
    response = client.post("/signalen/nieuw/", _signal_form())
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>12-03-1985</mark>" in html
    assert 'name="not_about_person"' in html
    assert "Dit gaat niet over een persoon" in html
    assert Signal.objects.count() == 0 and GuardConfirmation.objects.count() == 0


def test_confirmed_warning_is_saved_and_recorded_with_the_submission(client_for):
    client, user = client_for(roles.PROFESSIONAL)
    response = client.post("/signalen/nieuw/", _signal_form(not_about_person="on"))
    assert response.status_code == 302
    signal = Signal.objects.get()
    assert "12-03-1985" in signal.description
    record = GuardConfirmation.objects.get()
    assert record.user == user and record.path == "/signalen/nieuw/"
    assert record.findings == [{"kind": "birth_date", "excerpt": "12-••••985"}]
    assert record.result_url == response["Location"]


def test_the_checkbox_never_lets_certain_personal_data_through(client_for):
    client, _user = client_for(roles.PROFESSIONAL)
    response = client.post(
        "/signalen/nieuw/",
        _signal_form(description="Bel haar op 06 12 34 56 78.", not_about_person="on"),
    )
    assert response.status_code == 200
    assert "een telefoonnummer" in response.content.decode()
    assert Signal.objects.count() == 0 and GuardConfirmation.objects.count() == 0


@pytest.fixture
def api(make_user):
    client = APIClient()
    user = make_user(role=roles.PROFESSIONAL)
    client.force_authenticate(user)
    return client, user


def test_api_answers_a_warning_with_its_own_code(api):
    client, _user = api
    response = client.post(
        "/api/v1/signals/", {"title": "Knelpunt", "description": POSSIBLE}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "possible_personal_data"
    assert body["confirm_field"] == "not_about_person"
    assert "12-03-1985" in body["description"][0] and "<mark>" not in body["description"][0]
    assert Signal.objects.count() == 0


def test_api_accepts_an_explicit_confirmation_and_records_it(api):
    client, user = api
    response = client.post(
        "/api/v1/signals/",
        {"title": "Knelpunt", "description": POSSIBLE, "not_about_person": True},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert Signal.objects.count() == 1
    record = GuardConfirmation.objects.get()
    assert record.user == user and record.method == "POST"


def test_api_refusal_keeps_its_code_even_when_confirmed(api):
    client, _user = api
    response = client.post(
        "/api/v1/signals/",
        {"title": "Knelpunt", "description": "BSN 111222333", "not_about_person": True},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "personal_data"
    assert Signal.objects.count() == 0


def test_community_post_warning_shows_the_checkbox_and_confirmation_saves(client_for, settings):
    from communities.factories import add_membership, make_community
    from communities.models import Visibility

    client, user = client_for(roles.PROFESSIONAL)
    community = make_community(visibility=Visibility.OPEN, title="Open CoP", slug="open-cop")
    add_membership(community, user)
    url = f"{community.url}discussies/nieuw/"
    data = {"title": "Oude regeling", "body": "Zij noemde 3 mei 1978, vreemd."}
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert "<mark>3 mei 1978</mark>" in html and 'name="not_about_person"' in html
    response = client.post(url, {**data, "not_about_person": "on"})
    assert response.status_code == 302
    assert GuardConfirmation.objects.filter(user=user).count() == 1


def test_knowledge_question_warning_and_confirmation(client_for, home_page):
    client, user = client_for(roles.PROFESSIONAL)
    data = {
        "question": "Geldt de regeling ook bij de datum 12-03-1985 in een oud besluit?",
        "explanation": "",
    }
    response = client.post("/kennisbank/vraag-stellen/", data)
    if response.status_code == 404:
        pytest.skip("ask-a-question page not routed here")
    assert 'name="not_about_person"' in response.content.decode()
