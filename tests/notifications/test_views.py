"""The bell, the notifications page and the preferences page."""

import pytest
from django.test import Client, RequestFactory

from notifications.context_processors import notifications as bell_context
from notifications.models import Notification, NotificationPreference

pytestmark = pytest.mark.django_db


def _make(user, n, **fields):
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=user, verb="signal-status", title=f"Melding {i}", url="/x/", **fields
            )
            for i in range(n)
        ]
    )


def test_bell_shows_unread_count_with_one_query(client_for, django_assert_num_queries):
    client, user = client_for()
    _make(user, 3)
    _make(user, 2, read_at="2025-01-01T10:00:00Z")
    request = RequestFactory().get("/")
    request.user = user
    with django_assert_num_queries(1):
        context = bell_context(request)
        assert int(str(context["unread_notifications"])) == 3
    html = client.get("/meldingen/").content.decode()
    assert 'class="utrecht-link notification-bell"' in html
    assert '<span class="utrecht-badge-counter" aria-hidden="true">3</span>' in html
    assert "(3 ongelezen)" in html


def test_bell_costs_no_query_for_anonymous_visitors(django_assert_num_queries):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):
        assert bell_context(request) == {"unread_notifications": 0}


def test_notifications_page_lists_own_notifications_paginated(client_for, make_user):
    client, user = client_for()
    other = make_user()
    _make(user, 25)
    _make(other, 1, event_key="other")
    Notification.objects.filter(recipient=other).update(title="Niet van u")
    page1 = client.get("/meldingen/")
    assert page1.status_code == 200
    html = page1.content.decode()
    assert html.count("notification-list__item") >= 20
    assert "Niet van u" not in html
    assert "Pagina 1 van 2" in html
    assert "Nieuw" in html  # unread is marked by text, not colour alone
    assert client.get("/meldingen/?page=2").status_code == 200
    assert client.get("/meldingen/?page=999").status_code == 200


def test_notifications_page_queries_do_not_grow(client_for, django_assert_max_num_queries):
    client, user = client_for()
    _make(user, 2)
    client.get("/meldingen/")  # warm caches (site root, settings)
    with django_assert_max_num_queries(12) as small:
        client.get("/meldingen/")
    _make(user, 40)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/meldingen/")


def test_anonymous_is_sent_to_login():
    response = Client().get("/meldingen/")
    assert response.status_code == 302
    assert "/account/inloggen/" in response["Location"]


def test_mark_one_and_all_as_read(client_for, make_user):
    client, user = client_for()
    _make(user, 3)
    first = Notification.objects.filter(recipient=user).first()
    response = client.post(f"/meldingen/{first.pk}/gelezen/", {"next": "/meldingen/"})
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.read_at is not None
    assert Notification.objects.filter(recipient=user, read_at__isnull=True).count() == 2
    assert client.get(f"/meldingen/{first.pk}/gelezen/").status_code == 405
    client.post("/meldingen/alles-gelezen/")
    assert not Notification.objects.filter(recipient=user, read_at__isnull=True).exists()


def test_cannot_touch_someone_elses_notification(client_for, make_user):
    client, _user = client_for()
    other = make_user()
    _make(other, 1)
    theirs = Notification.objects.get(recipient=other)
    assert client.post(f"/meldingen/{theirs.pk}/gelezen/").status_code == 404
    assert client.get(f"/meldingen/{theirs.pk}/").status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_opening_a_notification_marks_it_read_and_follows_only_local_links(client_for):
    client, user = client_for()
    local = Notification.objects.create(
        recipient=user, verb="x", title="Lokaal", url="/signalen/3/"
    )
    evil = Notification.objects.create(
        recipient=user, verb="x", title="Extern", url="https://evil.example/", event_key="e"
    )
    response = client.get(f"/meldingen/{local.pk}/")
    assert response["Location"] == "/signalen/3/"
    local.refresh_from_db()
    assert local.read_at is not None
    assert client.get(f"/meldingen/{evil.pk}/")["Location"] == "/meldingen/"


def test_preferences_page_saves_choices(client_for):
    client, user = client_for()
    page = client.get("/meldingen/instellingen/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Signalen en dossiers" in html and "Eén overzicht per week" in html
    response = client.post(
        "/meldingen/instellingen/",
        {"email_enabled": "on", "categories": ["signalen", "kennis"], "digest": "weekly"},
    )
    assert response.status_code == 302
    pref = NotificationPreference.objects.get(user=user)
    assert pref.email_enabled is True
    assert pref.digest == "weekly"
    assert sorted(pref.muted_categories) == ["communities", "overig", "volgopdrachten"]
    # The form shows what was saved.
    html = client.get("/meldingen/instellingen/").content.decode()
    assert 'value="weekly" class' in html or 'value="weekly"' in html


def test_preferences_page_rejects_bad_input_without_a_500(client_for):
    client, _user = client_for()
    response = client.post("/meldingen/instellingen/", {"digest": "hourly", "categories": ["x"]})
    assert response.status_code == 200
    assert "Controleer de volgende punten" in response.content.decode()
    assert not NotificationPreference.objects.exists()
