"""Digests (daily/weekly, once per period) and unsubscribe links that work logged out."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.test import Client

from notifications.digest import period_key, queue_digests
from notifications.models import Notification, NotificationPreference
from notifications.services import notify
from notifications.tasks import send_daily_digest, send_weekly_digest
from notifications.tokens import make_token

pytestmark = pytest.mark.django_db


def _two_events(user, prefix):
    notify(
        [user], verb="signal-status", title=f"{prefix} signaal bijgewerkt", event_key=f"{prefix}:1"
    )
    notify([user], verb="community-post", title=f"{prefix} nieuw bericht", event_key=f"{prefix}:2")


def test_daily_digest_bundles_waiting_notifications_once_per_day(make_user, committed):
    daily = make_user(first_name="Dag", preferred_language="nl")
    weekly = make_user()
    NotificationPreference.objects.create(user=daily, digest="daily")
    NotificationPreference.objects.create(user=weekly, digest="weekly")
    with committed():
        _two_events(daily, "D")
        _two_events(weekly, "W")
    assert mail.outbox == []  # nothing immediate for digest users

    with committed():
        assert send_daily_digest.apply().get() == 1
    [digest] = mail.outbox
    assert digest.to == [daily.email]
    assert digest.subject == "Uw dagoverzicht: 2 nieuwe meldingen"
    assert "D signaal bijgewerkt" in digest.body and "D nieuw bericht" in digest.body
    assert "W signaal" not in digest.body
    assert digest.message()["List-Unsubscribe"]
    assert not Notification.objects.filter(recipient=daily, digest_pending=True).exists()

    # Beat fires again the same day: nothing new is sent.
    with committed():
        assert send_daily_digest.apply().get() == 0
    assert len(mail.outbox) == 1

    with committed():
        assert send_weekly_digest.apply().get() == 1
        assert send_weekly_digest.apply().get() == 0
    assert len(mail.outbox) == 2
    assert mail.outbox[1].to == [weekly.email]
    assert mail.outbox[1].subject == "Uw weekoverzicht: 2 nieuwe meldingen"


def test_digest_in_english(make_user, committed):
    user = make_user(first_name="Sam", preferred_language="en")
    NotificationPreference.objects.create(user=user, digest="weekly")
    with committed():
        notify([user], verb="signal-status", title="Signal updated", event_key="en:1")
        send_weekly_digest.apply()
    [digest] = mail.outbox
    assert digest.subject == "Your weekly summary: 1 new notification"
    assert "This is what happened in the past week:" in digest.body


def test_digest_idempotent_per_period_and_new_period_sends_new_items(make_user, committed):
    user = make_user()
    NotificationPreference.objects.create(user=user, digest="daily")
    monday = datetime(2025, 3, 3, 7, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    tuesday = datetime(2025, 3, 4, 7, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    assert period_key("daily", monday) == "2025-03-03"
    assert period_key("weekly", tuesday) == "2025-W10"
    with committed():
        notify([user], verb="signal-status", title="Eerste", event_key="p:1")
    Notification.objects.update(created_at=monday.replace(hour=6))
    with committed():
        assert queue_digests("daily", now=monday) == 1
        assert queue_digests("daily", now=monday) == 0
    with committed():
        notify([user], verb="signal-status", title="Tweede", event_key="p:2")
    Notification.objects.filter(event_key="p:2").update(created_at=tuesday.replace(hour=6))
    with committed():
        assert queue_digests("daily", now=tuesday) == 1
    assert [("Eerste" in m.body, "Tweede" in m.body) for m in mail.outbox] == [
        (True, False),
        (False, True),
    ]


def test_switching_back_to_immediate_still_delivers_waiting_items(make_user, committed):
    user = make_user()
    pref = NotificationPreference.objects.create(user=user, digest="weekly")
    with committed():
        notify([user], verb="signal-status", title="Wachtend", event_key="s:1")
    pref.digest = "immediate"
    pref.save()
    with committed():
        assert send_daily_digest.apply().get() == 1
    assert "Wachtend" in mail.outbox[0].body


def _unsubscribe_link(email, text):
    body = email.body
    for line in body.splitlines():
        if line.startswith(text):
            return re.search(r"http://testserver(/meldingen/afmelden/\S+/)", line).group(1)
    raise AssertionError(f"no line starting with {text!r} in\n{body}")


def test_unsubscribe_from_a_category_by_link_while_logged_out(make_user, committed):
    user = make_user()
    with committed():
        notify([user], verb="community-post", title="Nieuw bericht", event_key="u:1")
    link = _unsubscribe_link(mail.outbox[0], "Geen e-mail meer over „Communities”")
    anonymous = Client()
    page = anonymous.get(link)
    assert page.status_code == 200
    assert "Ja, afmelden" in page.content.decode()
    assert not NotificationPreference.objects.filter(user=user).exists()  # GET changes nothing
    done = anonymous.post(link)
    assert "U bent afgemeld" in done.content.decode()
    pref = NotificationPreference.objects.get(user=user)
    assert pref.muted_categories == ["communities"] and pref.email_enabled

    with committed():
        notify([user], verb="community-post", title="Nog een bericht", event_key="u:2")
        notify([user], verb="signal-status", title="Signaal bijgewerkt", event_key="u:3")
    assert [m.subject for m in mail.outbox[1:]] == ["Signaal bijgewerkt"]


def test_one_click_unsubscribe_from_all_email(make_user, committed):
    user = make_user()
    response = Client(enforce_csrf_checks=True).post(
        f"/meldingen/afmelden/{make_token(user)}/", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert NotificationPreference.objects.get(user=user).email_enabled is False
    with committed():
        notify([user], verb="signal-status", title="Stil", event_key="x:1")
    assert mail.outbox == []
    assert Notification.objects.filter(recipient=user).exists()


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-3] + ("abc" if not token.endswith("abc") else "xyz"),
        lambda token: token.replace(token.split(":")[0], "eyJ1Ijo5OTksImsiOiJhbGwifQ"),
        lambda token: "niet-een-token",
    ],
)
def test_tampered_token_is_refused_with_a_friendly_page(make_user, mangle):
    user = make_user()
    response = Client().post(f"/meldingen/afmelden/{mangle(make_token(user))}/")
    assert response.status_code == 400
    assert "Deze afmeldlink werkt niet" in response.content.decode()
    assert not NotificationPreference.objects.exists()
