"""API of teams, routing rules and consultations, with the permissions of the site."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts import roles
from signals.models import Consultation, RoutingRule, Team
from taxonomy.factories import OrganisationFactory, RegionFactory

pytestmark = pytest.mark.django_db


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_beheerders_write_rules_and_bad_conditions_are_refused(make_user, submit):
    beheerder = _api(make_user(role=roles.BEHEERDER))
    coordinator = _api(make_user(role=roles.COORDINATOR_UITVOERING))
    professional = _api(make_user(role=roles.PROFESSIONAL))
    response = beheerder.post(
        "/api/v1/teams/",
        {"name": "Uitvoering", "level": "uitvoering", "is_default": True},
        format="json",
    )
    assert response.status_code == 201, response.json()
    team_id = response.json()["id"]
    region = RegionFactory()
    response = beheerder.post(
        "/api/v1/routing-rules/",
        {"name": "Regio", "level": "uitvoering", "team": team_id, "conditions": {"kleur": [1]}},
        format="json",
    )
    assert response.status_code == 400
    assert "Onbekende voorwaarde" in str(response.json())
    response = beheerder.post(
        "/api/v1/routing-rules/",
        {
            "name": "Regio",
            "level": "uitvoering",
            "team": team_id,
            "conditions": {"region": [region.pk]},
        },
        format="json",
    )
    assert response.status_code == 201
    assert coordinator.get("/api/v1/routing-rules/").json()["count"] == 1
    assert coordinator.post("/api/v1/teams/", {"name": "X", "level": "schakel"}).status_code == 403
    assert professional.get("/api/v1/teams/").status_code == 403
    signal = submit()
    preview = coordinator.get("/api/v1/routing-rules/preview/", {"reference": signal.reference})
    assert preview.status_code == 200 and preview.json()["team"] == team_id
    assert coordinator.get("/api/v1/routing-rules/preview/").status_code == 400


def test_consultations_through_the_api(make_user, submit):
    duo = OrganisationFactory(name="DUO", slug="duo", region=None)
    coa = OrganisationFactory(name="COA", slug="coa", region=None)
    coordinator_user = make_user(role=roles.COORDINATOR_UITVOERING)
    coordinator = _api(coordinator_user)
    duo_staff = _api(make_user(role=roles.KETENPARTNER, organisation=duo))
    coa_staff = _api(make_user(role=roles.KETENPARTNER, organisation=coa))
    signal = submit()
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    response = coordinator.post(
        "/api/v1/consultations/",
        {"signal": signal.pk, "organisations": [duo.pk, coa.pk], "question": "Herkent u dit?",
         "due_date": due},
        format="json",
    )  # fmt: skip
    assert response.status_code == 201 and len(response.json()) == 2
    duo_id = Consultation.objects.get(organisation=duo).pk
    assert [c["id"] for c in duo_staff.get("/api/v1/consultations/").json()["results"]] == [duo_id]
    answer = {"answer": "Ja, wij passen de termijn aan."}
    assert coa_staff.post(f"/api/v1/consultations/{duo_id}/answer/", answer).status_code == 403
    response = duo_staff.post(
        f"/api/v1/consultations/{duo_id}/answer/", {"answer": "Bel 0612345678"}
    )
    assert response.status_code == 400
    response = duo_staff.post(f"/api/v1/consultations/{duo_id}/answer/", answer)
    assert response.status_code == 200 and response.json()["status"] == "beantwoord"
    assert duo_staff.post(f"/api/v1/consultations/{duo_id}/answer/", answer).status_code == 409
    assert duo_staff.post(f"/api/v1/consultations/{duo_id}/close/").status_code == 403
    assert coordinator.post(f"/api/v1/consultations/{duo_id}/close/").status_code == 200
    # A coordinator of another level cannot ask about this signal.
    schakel = _api(make_user(role=roles.COORDINATOR_SCHAKEL))
    response = schakel.post(
        "/api/v1/consultations/",
        {"signal": signal.pk, "organisations": [duo.pk], "question": "Mag ik?", "due_date": due},
        format="json",
    )
    assert response.status_code == 403
    assert Team.objects.count() == 0 and RoutingRule.objects.count() == 0
