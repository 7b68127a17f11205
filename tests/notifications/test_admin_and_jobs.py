"""outbox_status, the admin listing with retry, cleanup, sessions, retention and the schedule."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts import roles
from notifications import outbox
from notifications.models import Notification, OutboxMessage
from notifications.tasks import cleanup
from privacy import retention
from privacy.tasks import apply_retention
from website.schedule import CELERY_BEAT_SCHEDULE
from website.tasks import clear_expired_sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed_message(test_handler, committed, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    state = {"fail": True}

    def mailer(payload):
        if state["fail"]:
            raise ConnectionRefusedError("SMTP 127.0.0.1:25 refused the connection")

    test_handler("tests.mailer", mailer)
    with committed():
        message = outbox.enqueue("tests.mailer", {}, dedupe_key="mailer:1")
    outbox.run(message.pk)  # second attempt fails too -> failed
    message.refresh_from_db()
    assert message.status == "failed"
    message.state = state
    return message


def _status(*args):
    out = StringIO()
    call_command("outbox_status", *args, stdout=out)
    return out.getvalue()


def test_outbox_status_shows_counts_and_recent_failures(failed_message):
    OutboxMessage.objects.create(handler="notifications.noop", payload={}, dedupe_key="p1")
    output = _status()
    assert "1 pending" in output
    assert "1 failed" in output
    assert "tests.mailer" in output
    assert "ConnectionRefusedError: SMTP 127.0.0.1:25 refused the connection" in output
    assert f"{failed_message.pk:>7}  tests.mailer" in output


def test_outbox_status_retry_failed_resets_and_dispatches(failed_message, committed):
    failed_message.state["fail"] = False
    with committed():
        output = _status("--retry-failed")
    assert "Retried 1 message(s)." in output
    failed_message.refresh_from_db()
    assert failed_message.status == "done"


def test_outbox_status_retry_by_id(failed_message, committed):
    failed_message.state["fail"] = False
    with committed():
        _status("--retry", str(failed_message.pk))
    failed_message.refresh_from_db()
    assert failed_message.status == "done"
    with pytest.raises(CommandError, match="Unknown outbox message id"):
        _status("--retry", "987654")


def test_admin_listing_is_for_superusers_and_beheerders_only(client_for, failed_message):
    beheerder, _ = client_for(role=roles.BEHEERDER)
    response = beheerder.get("/admin/outbox/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "tests.mailer" in html
    assert f"/admin/outbox/retry/{failed_message.pk}/" in html
    assert beheerder.get(f"/admin/outbox/inspect/{failed_message.pk}/").status_code == 200
    # Read-only: no add or edit.
    assert beheerder.get("/admin/outbox/new/").status_code in (302, 403)
    assert beheerder.get(f"/admin/outbox/edit/{failed_message.pk}/").status_code in (302, 403)

    editor, _ = client_for(role=roles.REDACTEUR)
    assert editor.get("/admin/outbox/").status_code in (302, 403)
    assert editor.post(f"/admin/outbox/retry/{failed_message.pk}/").status_code == 302
    failed_message.refresh_from_db()
    assert failed_message.status == "failed"


def test_admin_retry_action(client_for, failed_message, committed):
    client, _ = client_for(is_superuser=True, is_staff=True)
    assert (
        "Ja, opnieuw proberen"
        in client.get(f"/admin/outbox/retry/{failed_message.pk}/").content.decode()
    )
    failed_message.state["fail"] = False
    with committed():
        response = client.post(f"/admin/outbox/retry/{failed_message.pk}/")
    assert response.status_code == 302
    failed_message.refresh_from_db()
    assert failed_message.status == "done"


def test_admin_listing_queries_do_not_grow(client_for, django_assert_max_num_queries):
    client, _ = client_for(is_superuser=True, is_staff=True)
    OutboxMessage.objects.create(handler="notifications.noop", payload={}, dedupe_key="a0")
    client.get("/admin/outbox/")
    with django_assert_max_num_queries(40) as few:
        client.get("/admin/outbox/")
    OutboxMessage.objects.bulk_create(
        [
            OutboxMessage(handler="notifications.noop", payload={}, dedupe_key=f"a{i}")
            for i in range(1, 30)
        ]
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/admin/outbox/")


def test_cleanup_deletes_old_done_messages_and_old_read_notifications(make_user):
    user = make_user()
    old = timezone.now() - timedelta(days=31)
    OutboxMessage.objects.create(handler="x", dedupe_key="old", status="done", done_at=old)
    OutboxMessage.objects.create(
        handler="x", dedupe_key="new", status="done", done_at=timezone.now()
    )
    OutboxMessage.objects.create(handler="x", dedupe_key="failed", status="failed")
    Notification.objects.create(
        recipient=user, verb="x", title="oud", read_at=timezone.now() - timedelta(days=400)
    )
    Notification.objects.create(recipient=user, verb="x", title="ongelezen", event_key="u")
    result = cleanup.apply().get()
    assert result == {"outbox_done_deleted": 1, "notifications_read_deleted": 1}
    assert sorted(OutboxMessage.objects.values_list("dedupe_key", flat=True)) == ["failed", "new"]
    assert list(Notification.objects.values_list("title", flat=True)) == ["ongelezen"]


def test_expired_sessions_are_removed():
    live = SessionStore()
    live["x"] = 1
    live.create()
    expired = SessionStore()
    expired["x"] = 1
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(
        expire_date=timezone.now() - timedelta(days=1)
    )
    assert clear_expired_sessions.apply().get() == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def test_retention_registry_runs_every_function_and_isolates_failures():
    calls = []

    def strip_contact():
        calls.append("strip")
        return 3

    def broken():
        raise RuntimeError("oops")

    retention.register("tests-strip", strip_contact)
    retention.register("tests-broken", broken)
    try:
        result = apply_retention.apply().get()
    finally:
        retention.unregister("tests-strip")
        retention.unregister("tests-broken")
    assert result["tests-strip"] == 3
    assert result["tests-broken"].startswith("error: RuntimeError")
    assert calls == ["strip"]


def test_generic_jobs_are_scheduled():
    tasks = {entry["task"] for entry in CELERY_BEAT_SCHEDULE.values()}
    assert {
        "notifications.redispatch_outbox",
        "notifications.send_daily_digest",
        "notifications.send_weekly_digest",
        "notifications.cleanup",
        "website.tasks.clear_expired_sessions",
        "privacy.apply_retention",
    } <= tasks
    from website.celery import app

    app.loader.import_default_modules()
    for name in tasks & {
        "notifications.redispatch_outbox",
        "notifications.send_daily_digest",
        "notifications.send_weekly_digest",
        "notifications.cleanup",
        "website.tasks.clear_expired_sessions",
        "privacy.apply_retention",
    }:
        assert name in app.tasks
