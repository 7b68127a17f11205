"""The JSON API: everything a coordinator or submitter can do, with JSON errors (400/403/409)."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts import roles
from signals import services
from signals.models import Signal
from signals.workflow import Level, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_for(make_user):
    def _api(role, user=None):
        user = user or make_user(role=role)
        client = APIClient()
        client.force_authenticate(user)
        return client, user

    return _api


def test_partner_system_submits_with_a_token(make_user):
    user = make_user(role=roles.KETENPARTNER)
    token = Token.objects.create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = client.post(
        "/api/v1/signals/",
        {
            "title": "TVS-koppeling ontbreekt",
            "description": "Geen koppeling met DUO.",
            "themes": [],
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "ingediend" and body["level"] == "uitvoering"
    assert body["source"] == "api" and body["submitted_by"]["email"] == user.email
    assert Signal.objects.get().submitted_by == user
    assert APIClient().get("/api/v1/signals/").status_code in (401, 403)


def test_personal_data_is_refused_with_field_messages(api_for):
    client, _ = api_for(roles.PROFESSIONAL)
    response = client.post(
        "/api/v1/signals/",
        {"title": "Overdracht", "description": "BSN 111222333 van de klant", "suggestion": "x"},
        format="json",
    )
    assert response.status_code == 400
    assert "burgerservicenummer" in response.json()["description"][0]
    assert Signal.objects.count() == 0
    response = client.post("/api/v1/signals/", {"title": ""}, format="json")
    assert response.status_code == 400 and set(response.json()) >= {"title", "description"}


def test_coordinator_workflow_through_the_api(api_for, submit):
    signal = submit()
    client, coordinator = api_for(roles.COORDINATOR_UITVOERING)
    url = f"/api/v1/signals/{signal.pk}/actions/"
    detail = client.get(f"/api/v1/signals/{signal.pk}/").json()
    assert "escalate" in detail["allowed_actions"]
    assert detail["submitted_by"]["email"] == signal.submitted_by.email

    response = client.post(url, {"action": "escalate"}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "reason_required"
    assert "reason" in response.json()

    response = client.post(url, {"action": "escalate", "reason": "Regionaal"}, format="json")
    assert response.status_code == 200 and response.json()["level"] == "schakel"

    response = client.post(url, {"action": "classify"}, format="json")
    assert response.status_code == 403 and response.json()["code"] == "forbidden"

    schakel, _ = api_for(roles.COORDINATOR_SCHAKEL)
    response = schakel.post(url, {"action": "provide_info", "reason": "x"}, format="json")
    assert response.status_code == 403
    response = schakel.post(url, {"action": "reopen", "reason": "x"}, format="json")
    assert response.status_code == 409 and response.json()["code"] == "transition_not_allowed"
    response = schakel.post(url, {"action": "fly"}, format="json")
    assert response.status_code == 400 and "action" in response.json()

    response = schakel.post(
        "/api/v1/dossiers/",
        {"title": "Overdracht", "signals": [signal.pk], "reason": "Zelfde knelpunt"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    dossier_id = response.json()["id"]
    assert response.json()["signals"] == [signal.pk]
    response = schakel.post(
        f"/api/v1/dossiers/{dossier_id}/actions/",
        {"action": "resolve", "reason": "Landelijk formulier"},
        format="json",
    )
    assert response.status_code == 200 and response.json()["status"] == "opgelost"
    assert client.get(f"/api/v1/signals/{signal.pk}/").json()["outcome"] == "Landelijk formulier"
    history = schakel.get(f"/api/v1/signals/{signal.pk}/history/").json()
    actions = [e["action"] for e in history]
    assert actions == ["create", "route", "escalate", "route", "bundle", "resolve"]


def test_submitter_support_follow_rate_via_api(api_for, coordinators):
    client, user = api_for(roles.PROFESSIONAL)
    created = client.post(
        "/api/v1/signals/", {"title": "Budget", "description": "Komt te laat"}, format="json"
    ).json()
    other, _ = api_for(roles.KETENPARTNER)
    url = f"/api/v1/signals/{created['id']}/"
    assert other.get(url).json()["submitted_by"] is None  # identity hidden
    assert other.post(url + "support/").json() == {"supported": True, "support_count": 1}
    assert other.post(url + "support/").json()["support_count"] == 1
    assert other.post(url + "follow/").json() == {"following": True}
    assert other.delete(url + "follow/").json() == {"following": False}
    signal = Signal.objects.get(pk=created["id"])
    services.apply_action(signal, "resolve", coordinators[Level.UITVOERING], "Geregeld.")
    assert other.post(url + "rate/", {"rating": "nee"}, format="json").status_code == 403
    response = client.post(url + "rate/", {"rating": "nee", "comment": "Niet"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == Status.HEROPEND
    assert client.post(url + "rate/", {"rating": "ja"}, format="json").status_code == 409


def test_notes_followups_and_edits_via_api(api_for, submit):
    signal = submit()
    url = f"/api/v1/signals/{signal.pk}/"
    coordinator, _ = api_for(roles.COORDINATOR_UITVOERING)
    professional, _ = api_for(roles.PROFESSIONAL)
    assert coordinator.post(url + "notes/", {"text": "Intern"}, format="json").status_code == 201
    assert professional.get(url + "notes/").status_code == 403
    assert professional.post(url + "notes/", {"text": "x"}, format="json").status_code == 403
    assert [n["text"] for n in coordinator.get(url + "notes/").json()] == ["Intern"]
    response = coordinator.post(url + "follow-ups/", {"text": "Bel 020-1234567"}, format="json")
    assert response.status_code == 400 and "telefoonnummer" in response.json()["text"][0]
    response = coordinator.post(url + "follow-ups/", {"text": "Loopt"}, format="json")
    assert response.status_code == 201
    assert [f["text"] for f in professional.get(url + "follow-ups/").json()] == ["Loopt"]
    assert professional.patch(url, {"title": "Nee"}, format="json").status_code == 403
    submitter = APIClient()
    submitter.force_authenticate(signal.submitted_by)
    response = submitter.patch(url, {"title": "Betere titel"}, format="json")
    assert response.status_code == 200 and response.json()["title"] == "Betere titel"


@pytest.mark.parametrize("role", [roles.INBURGERAAR])
def test_api_leaks_nothing_to_non_chain_users(role, api_for, submit):
    signal = submit()
    client, _ = api_for(role)
    assert client.get("/api/v1/signals/").json()["results"] == []
    assert client.get(f"/api/v1/signals/{signal.pk}/").status_code == 404
    assert client.get("/api/v1/dossiers/").json()["results"] == []
    assert client.get("/api/v1/signals/similar/", {"q": "driegesprek overdracht"}).json() == []
    response = client.post("/api/v1/signals/", {"title": "x", "description": "y"}, format="json")
    assert response.status_code == 403


def test_api_list_filters_and_constant_queries(api_for, submit, django_assert_max_num_queries):
    client, _ = api_for(roles.COORDINATOR_UITVOERING)
    for _ in range(2):
        submit()
    with django_assert_max_num_queries(20) as few:
        assert client.get("/api/v1/signals/", {"level": "uitvoering"}).json()["count"] == 2
    for _ in range(10):
        submit()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get("/api/v1/signals/", {"level": "uitvoering"}).json()["count"] == 12
    assert client.get("/api/v1/signals/", {"status": "opgelost"}).json()["count"] == 0
    assert client.get("/api/v1/signals/", {"theme": "abc"}).status_code == 200


@pytest.mark.parametrize(
    "value", ["99999999999999999999", "9223372036854775808", "\u00b2", "\u0663", "-1"]
)
@pytest.mark.parametrize("key", ["theme", "phase", "region", "organisation", "dossier"])
def test_api_list_ignores_ids_the_database_cannot_hold(api_for, submit, key, value):
    """Found by the fuzz tests: a number beyond bigint, or a non-ASCII digit, gave a 500."""
    client, _ = api_for(roles.COORDINATOR_UITVOERING)
    submit()
    response = client.get("/api/v1/signals/", {key: value})
    assert response.status_code == 200
    assert response.json()["count"] == 1


def test_schema_documents_the_signal_endpoints():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = schema["paths"]
    assert "/api/v1/signals/{id}/actions/" in paths
    assert "409" in paths["/api/v1/signals/{id}/actions/"]["post"]["responses"]
    assert "/api/v1/dossiers/" in paths
