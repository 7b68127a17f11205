"""Saved workbench filters: save the current filter under a name, see it as a link, rename,
delete; bad names get a friendly message and the filter is not lost; only one's own."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts import roles
from notifications import subscriptions as subs
from notifications.models import SavedFilter

pytestmark = pytest.mark.django_db

CREATE = "/werkbank/filters/"


def test_save_see_rename_and_delete_a_filter(client_for):
    client, user = client_for(roles.COORDINATOR_SCHAKEL)
    query = "level=schakel&q=toets&page=3&evil=1"
    response = client.post(CREATE, {"name": "  Toets  in de regio ", "query": query})
    assert response.status_code == 302
    saved = SavedFilter.objects.get(user=user)
    assert saved.name == "Toets in de regio"
    assert saved.query == "q=toets&level=schakel"  # only the workbench's own filters
    assert response["Location"] == f"/werkbank/?{saved.query}"

    page = client.get("/werkbank/?level=schakel").content.decode()
    assert 'href="/werkbank/?q=toets&amp;level=schakel"' in page and "Toets in de regio" in page

    client.post(reverse("signals:saved_filter_rename", args=[saved.pk]), {"name": "Toetsen"})
    saved.refresh_from_db()
    assert saved.name == "Toetsen"
    client.post(reverse("signals:saved_filter_delete", args=[saved.pk]))
    assert not SavedFilter.objects.exists()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Geef het filter een naam."),
        ("   ", "Geef het filter een naam."),
        ("x" * 81, "hoogstens 80 tekens"),
        ("Dubbel", "al een filter met deze naam"),
    ],
)
def test_bad_names_get_a_friendly_message_and_keep_the_filter(client_for, name, message):
    client, user = client_for(roles.COORDINATOR_UITVOERING)
    subs.save_filter(user, "Dubbel", "q=x")
    response = client.post(CREATE, {"name": name, "query": "q=driegesprek"}, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert response.redirect_chain[-1][0] == "/werkbank/?q=driegesprek"  # nothing lost
    assert SavedFilter.objects.filter(user=user).count() == 1


def test_rename_to_an_empty_name_is_refused(client_for):
    client, user = client_for(roles.COORDINATOR_STELSEL)
    saved = subs.save_filter(user, "Stelsel open", "level=stelsel")
    response = client.post(
        reverse("signals:saved_filter_rename", args=[saved.pk]), {"name": ""}, follow=True
    )
    assert "Geef het filter een naam." in response.content.decode()
    saved.refresh_from_db()
    assert saved.name == "Stelsel open"


def test_filters_are_per_person(client_for, make_user):
    mine_client, me = client_for(roles.COORDINATOR_SCHAKEL)
    theirs = subs.save_filter(make_user(role=roles.COORDINATOR_SCHAKEL), "Van een ander", "q=a")
    assert "Van een ander" not in mine_client.get("/werkbank/").content.decode()
    rename = reverse("signals:saved_filter_rename", args=[theirs.pk])
    delete = reverse("signals:saved_filter_delete", args=[theirs.pk])
    assert mine_client.post(rename, {"name": "Gekaapt"}).status_code == 404
    assert mine_client.post(delete).status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Van een ander"


def test_only_coordinators_and_only_with_a_csrf_token(client_for, make_user):
    professional, _user = client_for(roles.PROFESSIONAL)
    assert professional.post(CREATE, {"name": "Nee", "query": ""}).status_code == 403
    coordinator = make_user(role=roles.COORDINATOR_SCHAKEL)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(coordinator)
    assert strict.post(CREATE, {"name": "Zonder token", "query": ""}).status_code == 403
    assert not SavedFilter.objects.exists()


def test_workbench_queries_do_not_grow_with_saved_filters(client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, user = client_for(roles.COORDINATOR_SCHAKEL)
    subs.save_filter(user, "Een", "q=a")
    client.get("/werkbank/")
    with CaptureQueriesContext(connection) as one:
        client.get("/werkbank/")
    for i in range(15):
        subs.save_filter(user, f"Filter {i}", f"q={i}")
    with CaptureQueriesContext(connection) as many:
        client.get("/werkbank/")
    assert len(many.captured_queries) == len(one.captured_queries)
