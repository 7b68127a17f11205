"""My data (inzage), remove my account, and anonymisation after the grace period."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.authtoken.models import Token

from accounts import removal, roles
from accounts.identity_models import AccountRemoval, LoginEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def contributor(make_user, home_page):
    """A professional with something in every corner of the platform."""
    from communities import services as community_services
    from communities.factories import add_membership, make_community
    from notifications.models import Notification
    from signals import services

    user = make_user(
        role=roles.PROFESSIONAL,
        first_name="Marieke",
        last_name="Vredeveld",
        email="marieke.vredeveld@gemeente.example",
    )
    other = make_user(role=roles.PROFESSIONAL, first_name="Bram", last_name="Ossewaarde")
    signal = services.create_signal(
        submitted_by=user,
        title="Overdracht van het azc komt te laat",
        description="De gemeente hoort pas na de verhuizing van de statushouder.",
    )
    theirs = services.create_signal(
        submitted_by=other,
        title="Taalschool meldt geen voortgang",
        description="Het voortgangsverslag ontbreekt bij de gemeente.",
    )
    services.support(theirs, user)
    services.follow(theirs, user)
    community = make_community(title="Overdracht CoP", slug="overdracht-cop")
    add_membership(community, user)
    add_membership(community, other)
    thread = community_services.start_thread(
        community, user, "Wie belt wie bij een overdracht?", "Groet, Marieke Vredeveld"
    )
    community_services.reply(thread, other, "Wij bellen @marieke.vredeveld altijd eerst.")
    Notification.objects.create(
        recipient=other, verb="test", title="Marieke Vredeveld reageerde", url="/"
    )
    Notification.objects.create(recipient=user, verb="test", title="Nieuw antwoord", url="/")
    Token.objects.create(user=user)
    client = Client()
    client.post("/account/inloggen/", {"username": user.email, "password": PASSWORD})
    return {
        "user": user,
        "other": other,
        "signal": signal,
        "theirs": theirs,
        "thread": thread,
        "client": client,
    }


def test_my_data_download_holds_everything_about_me_and_nothing_about_others(contributor):
    user, client = contributor["user"], contributor["client"]
    response = client.get("/account/mijn-gegevens/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    text = response.content.decode()
    keys = {section["key"] for section in data["sections"]}
    assert data["profile"]["email"] == user.email and data["roles"] == ["Professional"]
    assert {
        "signals.Signal.submitted_by",
        "signals.Support.user",
        "signals.Follow.user",
        "notifications.Notification.recipient",
        "communities.Membership.user",
        "communities.Post.author",
        "authtoken.Token.user",
        "accounts.LoginEvent.user",
    } <= keys, keys
    assert "Overdracht van het azc komt te laat" in text
    assert "Nieuw antwoord" in text
    token = Token.objects.get(user=user)
    assert token.key not in text and "password" not in data["profile"]
    other = contributor["other"]
    for foreign in (other.email, "Taalschool meldt geen voortgang", "Het voortgangsverslag"):
        assert foreign not in text
    assert "Marieke Vredeveld reageerde" not in text  # a notification of someone else


def test_my_data_page_is_readable_and_the_export_costs_a_fixed_number_of_queries(
    contributor,
):
    from signals import services

    client, user = contributor["client"], contributor["user"]
    html = client.get("/account/mijn-gegevens/").content.decode()
    assert "Mijn gegevens" in html and "Overdracht van het azc komt te laat" in html
    with CaptureQueriesContext(connection) as few:
        client.get("/account/mijn-gegevens/download/")
    for n in range(5):
        services.create_signal(
            submitted_by=user,
            title=f"Nog een signaal over de overdracht {n}",
            description="De gemeente hoort het te laat.",
        )
    with CaptureQueriesContext(connection) as many:
        client.get("/account/mijn-gegevens/download/")
    assert len(many) == len(few)


def test_remove_my_account_needs_confirmation_then_deactivates_at_once(contributor):
    client, user = contributor["client"], contributor["user"]
    refused = client.post("/account/account-verwijderen/", {})
    assert refused.status_code == 200 and "Vink aan" in refused.content.decode()
    user.refresh_from_db()
    assert user.is_active
    token = Token.objects.get(user=user).key
    api = Client().get("/api/v1/signals/", HTTP_AUTHORIZATION=f"Token {token}")
    assert api.status_code == 200
    response = client.post("/account/account-verwijderen/", {"confirm": "on"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.is_active and not Token.objects.filter(user=user).exists()
    assert client.get("/account/profiel/").status_code == 302  # logged out
    api = Client().get("/api/v1/signals/", HTTP_AUTHORIZATION=f"Token {token}")
    assert api.status_code in (401, 403)
    entry = AccountRemoval.objects.get(user=user)
    assert entry.anonymise_after > timezone.now() + timedelta(days=13)
    assert removal.anonymise_due() == 0  # not yet: the grace period runs
    user.refresh_from_db()
    assert user.email == "marieke.vredeveld@gemeente.example"


def _everything_as_text() -> str:
    """Every text column of every project table, to look for traces."""
    from django.apps import apps

    from accounts.privacy_rights import PROJECT_APPS

    chunks = []
    for model in apps.get_models():
        if model._meta.app_label in PROJECT_APPS + ("accounts",):
            for row in model._base_manager.values():
                chunks.append(json.dumps(row, default=str, ensure_ascii=False))
    return "\n".join(chunks).lower()


def test_anonymisation_keeps_contributions_and_removes_every_trace(
    contributor, django_capture_on_commit_callbacks
):
    from search import indexing
    from search.services import search

    user, other = contributor["user"], contributor["other"]
    indexing.reindex_all()
    reader = User.objects.get(pk=other.pk)
    assert search(reader, "Vredeveld").total >= 1  # the signed post is findable by name
    removal.request_removal(user)
    later = timezone.now() + timedelta(days=15)
    with django_capture_on_commit_callbacks(execute=True):
        assert removal.anonymise_due(now=later) == 1
    assert removal.anonymise_due(now=later) == 0  # idempotent

    user.refresh_from_db()
    assert str(user) == "verwijderde gebruiker" and not user.last_name
    assert user.email.endswith("@verwijderd.invalid") and not user.has_usable_password()
    everything = _everything_as_text()
    for trace in ("vredeveld", "marieke.vredeveld@gemeente.example", "@marieke.vredeveld"):
        assert trace not in everything, trace
    assert search(reader, "Vredeveld").total == 0
    assert search(reader, "Marieke").total == 0

    # Signals, history and the discussion stay readable.
    signal = contributor["signal"]
    signal.refresh_from_db()
    assert signal.submitted_by_id == user.pk and signal.title.startswith("Overdracht")
    assert signal.events.exists()
    viewer = Client()
    viewer.force_login(other)
    page = viewer.get(contributor["thread"].get_path())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Wie belt wie bij een overdracht?" in html and "verwijderde gebruiker" in html
    assert LoginEvent.objects.filter(user=user).exists()  # facts kept, identity gone


def test_a_beheerder_removes_an_account_on_request(make_user, client):
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

    admin = make_user(is_staff=True, is_superuser=True)
    target = make_user(first_name="Joost", last_name="Verzoek")
    client.force_login(admin)
    response = client.post(
        "/django-admin/accounts/user/",
        {"action": "remove_on_request", ACTION_CHECKBOX_NAME: [target.pk]},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert not target.is_active and AccountRemoval.objects.get(user=target).by_beheerder
