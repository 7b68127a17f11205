"""Organisation beheerders: their members, deactivation (next request), role requests."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from accounts import roles
from accounts.identity_models import RoleChangeRequest
from taxonomy.factories import OrganisationFactory
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def org_world(make_user):
    ours = OrganisationFactory(name="Gemeente Eigen", slug="gemeente-eigen")
    theirs = OrganisationFactory(name="Gemeente Ander", slug="gemeente-ander")
    manager = make_user(role=roles.ORGANISATIEBEHEERDER, organisation=ours)
    member = make_user(role=roles.PROFESSIONAL, organisation=ours, last_name="Eigenlid")
    outsider = make_user(role=roles.PROFESSIONAL, organisation=theirs, last_name="Buitenstaander")
    client = Client()
    client.force_login(manager)
    return {"manager": manager, "member": member, "outsider": outsider, "client": client}


def test_an_organisation_beheerder_sees_only_the_own_members(org_world, make_user):
    client = org_world["client"]
    html = client.get("/account/organisatie/leden/").content.decode()
    assert "Eigenlid" in html and "Buitenstaander" not in html
    with CaptureQueriesContext(connection) as few:
        client.get("/account/organisatie/leden/")
    for _ in range(4):
        make_user(role=roles.PROFESSIONAL, organisation=org_world["member"].organisation)
    with CaptureQueriesContext(connection) as many:
        client.get("/account/organisatie/leden/")
    assert len(many) == len(few)


def test_a_professional_may_not_see_the_members(client_for):
    client, _ = client_for(roles.PROFESSIONAL)
    assert client.get("/account/organisatie/leden/").status_code == 403


def test_deactivation_ends_sessions_and_api_tokens_on_the_next_request(org_world):
    member = org_world["member"]
    session = Client()
    assert (
        session.post(
            "/account/inloggen/", {"username": member.email, "password": PASSWORD}
        ).status_code
        == 302
    )
    token = Token.objects.create(user=member).key
    api = Client()
    assert api.get("/api/v1/signals/", HTTP_AUTHORIZATION=f"Token {token}").status_code == 200

    response = org_world["client"].post(f"/account/organisatie/leden/{member.pk}/deactiveren/")
    assert response.status_code == 302
    assert session.get("/account/profiel/").status_code == 302  # back to the login page
    refused = api.get("/api/v1/signals/", HTTP_AUTHORIZATION=f"Token {token}")
    assert refused.status_code in (401, 403)
    relogin = Client().post("/account/inloggen/", {"username": member.email, "password": PASSWORD})
    assert relogin.status_code == 200


def test_members_of_another_organisation_cannot_be_touched(org_world):
    outsider = org_world["outsider"]
    client = org_world["client"]
    assert client.post(f"/account/organisatie/leden/{outsider.pk}/deactiveren/").status_code == 404
    assert client.get(f"/account/organisatie/leden/{outsider.pk}/rol/").status_code == 404
    outsider.refresh_from_db()
    assert outsider.is_active


def test_a_role_request_waits_for_the_beheerder_who_grants_it(org_world, make_user):
    member, client = org_world["member"], org_world["client"]
    path = f"/account/organisatie/leden/{member.pk}/rol/"
    guarded = client.post(
        path,
        {"action": "grant", "role": roles.COORDINATOR_UITVOERING, "reason": "BSN 111222333"},
    )
    assert guarded.status_code == 200 and not RoleChangeRequest.objects.exists()
    client.post(
        path,
        {"action": "grant", "role": roles.COORDINATOR_UITVOERING, "reason": "Nieuwe taak"},
    )
    request = RoleChangeRequest.objects.get()
    assert request.requested_by == org_world["manager"]
    assert roles.COORDINATOR_UITVOERING not in roles.user_roles(member)  # not yet

    admin = Client()
    admin.force_login(make_user(is_staff=True, is_superuser=True))
    admin.post(
        "/django-admin/accounts/rolechangerequest/",
        {"action": "approve", ACTION_CHECKBOX_NAME: [request.pk]},
    )
    fresh = type(member).objects.get(pk=member.pk)  # the old object caches its roles
    assert roles.COORDINATOR_UITVOERING in roles.user_roles(fresh)
    request.refresh_from_db()
    assert request.status == RoleChangeRequest.Status.DONE
