"""Digests travel through the outbox to a real SMTP server running in this process."""

import socket
import time
from datetime import datetime, timedelta

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings
from django.utils import timezone

from communities import services, tasks
from communities.factories import add_membership
from communities.models import Membership, Post, Thread
from notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


class Collector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        self.messages.append(
            (envelope.rcpt_tos, message_from_bytes(envelope.content, policy=policy.default))
        )
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp():
    collector = Collector()
    port = _free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
        ):
            yield collector
    finally:
        controller.stop()


def _wait(collector, n, timeout=5):
    deadline = time.monotonic() + timeout
    while len(collector.messages) < n and time.monotonic() < deadline:
        time.sleep(0.05)
    return collector.messages


def _bodies(message):
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return text, html


def _at_yesterday(thread_or_post_qs, when):
    thread_or_post_qs.update(created_at=when)


def test_daily_digest_through_real_smtp_only_with_readable_content(
    smtp,
    open_community,
    closed_community,
    hidden_community,
    facilitator,
    member,
    make_user,
    django_capture_on_commit_callbacks,
):
    reader = make_user(email="lezer@example.org", first_name="Rosa")
    add_membership(closed_community, reader, notification_preference="daily")
    add_membership(open_community, reader, notification_preference="weekly")
    # A removed member of the hidden community keeps an old "daily" preference.
    add_membership(hidden_community, reader, status="removed", notification_preference="daily")
    other = make_user(email="ander@example.org")
    add_membership(closed_community, other, notification_preference="none")

    t1 = services.start_thread(
        closed_community, facilitator, "Urenregistratie Z-route", "Hoe tellen jullie ziekte?"
    )
    services.reply(t1, member, "Wij tellen <strong>vervangende</strong> activiteiten mee.")
    t2 = services.start_thread(
        hidden_community, facilitator, "Geheime inkoopstrategie", "Niet voor buitenstaanders"
    )
    t3 = services.start_thread(open_community, facilitator, "Open vraag over KNM", "Wie weet het?")
    hidden = services.reply(t1, member, "Dit is verborgen.")
    Post.objects.filter(pk=hidden.pk).update(is_hidden=True)

    now = timezone.make_aware(datetime(2026, 3, 11, 6, 30))
    yesterday = now - timedelta(hours=12)
    Post.objects.all().update(created_at=yesterday)
    Thread.objects.all().update(created_at=yesterday)

    with django_capture_on_commit_callbacks(execute=True):
        queued = services.queue_digests("daily", now=now)
    assert queued == 1  # only the reader: others chose none/weekly, facilitator has weekly
    messages = _wait(smtp, 1)
    assert len(messages) == 1
    rcpts, message = messages[0]
    assert rcpts == ["lezer@example.org"]
    assert message["Subject"] == "Dagoverzicht van uw communities"
    text, html = _bodies(message)
    for body in (text, html):
        assert "Besloten kring" in body
        assert "Urenregistratie Z-route" in body
        assert "vervangende activiteiten" in body
        assert f"http://testserver{closed_community.url}discussies/{t1.pk}/" in body
        # Never: hidden community, a moderator-hidden post, or the weekly-only community.
        assert "Geheime inkoopstrategie" not in body and "Verborgen kring" not in body
        assert "Dit is verborgen" not in body
        assert "Open vraag over KNM" not in body
    assert "<strong>vervangende</strong>" not in html  # excerpts are plain text, escaped
    assert "Rosa" in text
    # The same mail headers as every other e-mail of the platform: a stable Message-ID, a
    # one-click List-Unsubscribe for the "communities" category, the unsubscribe links.
    assert message["Message-ID"].startswith("<outbox.")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = message["List-Unsubscribe"].strip().strip("<>")
    assert "/meldingen/" in unsubscribe or "afmelden" in unsubscribe
    assert unsubscribe in text

    # Idempotent per period: running again (beat fired twice) sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        assert services.queue_digests("daily", now=now + timedelta(minutes=5)) == 0
    time.sleep(0.3)
    assert len(smtp.messages) == 1
    assert OutboxMessage.objects.filter(handler="communities.send_digest").count() == 1
    assert t2.pk and t3.pk


def test_weekly_digest_task_and_membership_change_before_delivery(
    smtp, closed_community, facilitator, member, django_capture_on_commit_callbacks
):
    Membership.objects.filter(community=closed_community).update(notification_preference="weekly")
    thread = services.start_thread(closed_community, facilitator, "Weekthema", "Tekst van de week")
    start, end, key = services.digest_period("weekly")
    Post.objects.filter(thread=thread).update(created_at=start + timedelta(days=1))
    assert key.startswith(str(start.isocalendar()[0]))

    # Queued without running, then the member is removed before delivery.
    assert services.queue_digests("weekly") == 2  # member and facilitator
    Membership.objects.filter(user=member).update(status="removed")
    from notifications import outbox

    for message in OutboxMessage.objects.filter(handler="communities.send_digest"):
        assert outbox.run(message.pk) == "done"
    time.sleep(0.3)
    assert smtp.messages == []  # nothing readable any more: no mail at all

    # The beat task runs end to end.
    Membership.objects.filter(user=member).update(status="active")
    OutboxMessage.objects.filter(handler="communities.send_digest").delete()
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.send_weekly_digests.delay().get() == 2
    # Only the member gets mail: the facilitator's digest would hold only their own post.
    time.sleep(0.3)
    assert len(_wait(smtp, 1)) == 1
    rcpts, mail_message = smtp.messages[0]
    assert rcpts == [member.email]
    assert mail_message["Subject"] == "Weekoverzicht van uw communities"
    assert "Weekthema" in _bodies(mail_message)[0]


def test_digest_respects_an_unsubscribe_from_the_communities_category(
    smtp, closed_community, facilitator, member, make_user, django_capture_on_commit_callbacks
):
    from notifications.models import NotificationPreference

    reader = make_user(email="stil@example.org")
    add_membership(closed_community, reader, notification_preference="daily")
    NotificationPreference.objects.create(user=reader, muted_categories=["communities"])
    thread = services.start_thread(closed_community, facilitator, "Inkoop KNM", "Wie doet mee?")
    now = timezone.make_aware(datetime(2026, 3, 11, 6, 30))
    Post.objects.all().update(created_at=now - timedelta(hours=12))
    Thread.objects.all().update(created_at=now - timedelta(hours=12))
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_digests("daily", now=now)
    time.sleep(0.3)
    assert [r for r, _m in smtp.messages if "stil@example.org" in r] == []
    assert thread.pk


def test_digest_period_boundaries():
    now = timezone.make_aware(datetime(2026, 3, 11, 6, 30))  # a Wednesday
    start, end, key = services.digest_period("daily", now)
    assert (start.day, end.day, key) == (10, 11, "2026-03-10")
    start, end, key = services.digest_period("weekly", now)
    assert (start.weekday(), start.day, end.day, key) == (0, 2, 9, "2026-W10")


def test_beat_schedule_has_digest_jobs(settings):
    tasks_in_schedule = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "communities.tasks.send_daily_digests" in tasks_in_schedule
    assert "communities.tasks.send_weekly_digests" in tasks_in_schedule
