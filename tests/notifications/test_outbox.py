"""The outbox: recorded with the change, dispatched after commit, run once, retried, failed."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from notifications import outbox
from notifications.models import OutboxMessage
from notifications.services import notify
from notifications.tasks import redispatch_outbox, run_outbox_message

pytestmark = pytest.mark.django_db


def test_same_task_twice_sends_one_email(make_user, committed):
    user = make_user()
    with committed():
        notify([user], verb="signal-status", title="Uw signaal is opgepakt", event_key="s:1:x")
    message = OutboxMessage.objects.get(handler="notifications.send_email")
    assert message.status == OutboxMessage.Status.DONE
    assert len(mail.outbox) == 1
    # A duplicated delivery of the same Celery task (redelivery, double dispatch) does nothing.
    assert run_outbox_message.apply(args=[message.pk]).get() == "done"
    assert outbox.run(message.pk) == "done"
    assert len(mail.outbox) == 1
    message.refresh_from_db()
    assert message.attempts == 1


def test_rollback_sends_nothing(make_user, committed):
    user = make_user()
    with committed():
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                notify([user], verb="signal-status", title="Nooit verstuurd", event_key="s:2:x")
                raise RuntimeError("the user's action failed")
    assert not OutboxMessage.objects.exists()
    assert len(mail.outbox) == 0


def test_nothing_is_dispatched_before_commit(make_user, django_capture_on_commit_callbacks):
    user = make_user()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify([user], verb="signal-status", title="Na commit", event_key="s:3:x")
        assert len(mail.outbox) == 0
    assert len(callbacks) == 1
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.PENDING
    callbacks[0]()
    assert len(mail.outbox) == 1


def test_failing_handler_is_retried_with_backoff_then_failed(
    committed, test_handler, settings, caplog
):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    calls = []

    def flaky(payload):
        calls.append(payload)
        raise ConnectionError("SMTP server down")

    test_handler("tests.flaky", flaky)
    with committed():
        message = outbox.enqueue("tests.flaky", {"n": 1}, dedupe_key="flaky:1")
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.PENDING
    assert message.attempts == 1
    assert message.last_error == "ConnectionError: SMTP server down"
    assert message.dispatched_at is None  # out of the queue: the periodic job retries it
    assert timedelta(seconds=25) < message.available_at - timezone.now() <= timedelta(seconds=30)
    # Not due yet: the periodic job leaves it alone.
    assert redispatch_outbox() == 0
    assert len(calls) == 1

    OutboxMessage.objects.filter(pk=message.pk).update(available_at=timezone.now())
    assert redispatch_outbox() == 1
    message.refresh_from_db()
    assert message.attempts == 2
    assert timedelta(seconds=55) < message.available_at - timezone.now() <= timedelta(seconds=60)

    OutboxMessage.objects.filter(pk=message.pk).update(available_at=timezone.now())
    with caplog.at_level("ERROR", logger="notifications.outbox"):
        redispatch_outbox()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == 3
    assert "failed permanently" in caplog.text
    # Failed messages are never picked up again by themselves.
    OutboxMessage.objects.filter(pk=message.pk).update(available_at=timezone.now())
    assert redispatch_outbox() == 0
    assert len(calls) == 3


def test_backoff_grows_exponentially_and_is_capped():
    assert [outbox.backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert outbox.backoff(30) == timedelta(hours=6)


def test_a_failing_handler_rolls_back_its_own_database_work(committed, test_handler, make_user):
    user = make_user(first_name="Voor")

    def half_done(payload):
        type(user).objects.filter(pk=user.pk).update(first_name="Half")
        raise ValueError("stopped halfway")

    test_handler("tests.half", half_done)
    with committed():
        outbox.enqueue("tests.half", {}, dedupe_key="half:1")
    user.refresh_from_db()
    assert user.first_name == "Voor"
    assert OutboxMessage.objects.get(dedupe_key="half:1").attempts == 1


def test_unknown_handler_counts_as_failure_instead_of_crashing():
    message = OutboxMessage.objects.create(
        handler="tests.removed-later", payload={}, dedupe_key="x"
    )
    assert outbox.run(message.pk) == "retry"
    message.refresh_from_db()
    assert "No outbox handler registered" in message.last_error


def test_dedupe_key_records_work_once(test_handler, committed):
    test_handler("tests.once", lambda payload: None)
    with committed():
        first = outbox.enqueue("tests.once", {}, dedupe_key="once:1")
        second = outbox.enqueue("tests.once", {}, dedupe_key="once:1")
    assert first is not None and second is None
    assert OutboxMessage.objects.filter(dedupe_key="once:1").count() == 1


def test_enqueue_refuses_unknown_handlers():
    with pytest.raises(KeyError):
        outbox.enqueue("tests.never-registered", {})


def _broker_down(settings, monkeypatch):
    """Make publishing fail as with an unreachable broker."""
    settings.OUTBOX_BATCH_IN_PROCESS = False  # the broker path, not the embedded batch

    def refuse(message_id):
        raise OSError("Error 111 connecting to 127.0.0.1:6390. Connection refused.")

    monkeypatch.setattr(outbox, "_publish", refuse)


def test_broker_down_keeps_messages_pending_and_redispatch_delivers(
    make_user, committed, settings, monkeypatch
):
    users = [make_user() for _ in range(3)]
    _broker_down(settings, monkeypatch)
    with committed():
        for index, user in enumerate(users):
            notify([user], verb="signal-new", title=f"Signaal {index}", event_key=f"b:{index}")
    assert OutboxMessage.objects.filter(status="pending", dispatched_at__isnull=True).count() == 3
    assert len(mail.outbox) == 0
    assert outbox.broker_paused()  # later requests don't wait for the broker again

    monkeypatch.undo()
    assert redispatch_outbox() == 3
    assert not outbox.broker_paused()
    assert OutboxMessage.objects.filter(status="done").count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in users)


def test_redispatch_does_not_hand_over_a_queued_message_again(test_handler, settings, monkeypatch):
    """A message in the broker's queue (lease not expired) is not re-queued every minute."""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    published = []
    monkeypatch.setattr(outbox, "_publish", published.append)
    test_handler("tests.queued", lambda payload: None)
    message = outbox.enqueue("tests.queued", {}, dedupe_key="queued:1")
    OutboxMessage.objects.filter(pk=message.pk).update(dispatched_at=None)

    assert redispatch_outbox() == 1
    assert redispatch_outbox() == 0
    assert redispatch_outbox() == 0
    assert published == [message.pk]

    # The worker that had it died and the broker lost it: after the lease it goes again.
    settings.OUTBOX_DISPATCH_LEASE_SECONDS = 300
    OutboxMessage.objects.filter(pk=message.pk).update(
        dispatched_at=timezone.now() - timedelta(seconds=301)
    )
    assert redispatch_outbox() == 1
    assert published == [message.pk, message.pk]
    # Done messages are never handed over.
    outbox.run(message.pk)
    OutboxMessage.objects.filter(pk=message.pk).update(
        dispatched_at=timezone.now() - timedelta(days=1)
    )
    assert redispatch_outbox() == 0


def test_postponed_message_waits_until_available(test_handler, committed):
    ran = []
    test_handler("tests.later", ran.append)
    with committed():
        outbox.enqueue(
            "tests.later",
            {"x": 1},
            dedupe_key="later:1",
            available_at=timezone.now() + timedelta(hours=1),
        )
    assert ran == [] and redispatch_outbox() == 0
    OutboxMessage.objects.update(available_at=timezone.now())
    assert redispatch_outbox() == 1
    assert ran == [{"x": 1}]


def test_retry_resets_failed_messages(test_handler, committed, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 1
    state = {"fail": True}

    def sometimes(payload):
        if state["fail"]:
            raise RuntimeError("boom")

    test_handler("tests.sometimes", sometimes)
    with committed():
        message = outbox.enqueue("tests.sometimes", {}, dedupe_key="sometimes:1")
    message.refresh_from_db()
    assert message.status == "failed"
    state["fail"] = False
    with committed():
        assert outbox.retry() == 1
    message.refresh_from_db()
    assert message.status == "done"
    assert message.last_error == ""


def test_embedded_default_runs_tasks_in_process_after_commit(settings, make_user, committed):
    """Without REDIS_URL the app runs Celery tasks eagerly: no broker, no worker needed."""
    from website.celery import app

    assert settings.CELERY_TASK_ALWAYS_EAGER is True
    assert app.conf.task_always_eager is True
    user = make_user()
    with committed():
        notify([user], verb="kennis-nieuw", title="Nieuwe handreiking", event_key="e:1")
    assert len(mail.outbox) == 1
    assert OutboxMessage.objects.get().status == "done"


def test_base_settings_choose_eager_mode_without_redis_url():
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    code = (
        "import django,os;os.environ['DJANGO_SETTINGS_MODULE']='website.settings.dev';"
        "from django.conf import settings;"
        "print(settings.CELERY_TASK_ALWAYS_EAGER, settings.CELERY_BROKER_URL)"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == ["True", "memory://"], result.stderr
    env["REDIS_URL"] = "redis://127.0.0.1:6379/3"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True
    )
    assert result.stdout.split() == ["False", "redis://127.0.0.1:6379/3"], result.stderr
