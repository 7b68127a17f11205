"""Embedded mode: the outbox messages of one transaction run in one batch after commit.

Nothing is lost (every message runs), nothing runs twice (a second batch or a duplicate task
finds the messages done), a failing handler does not take the others down, and a rolled-back
transaction runs nothing.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from notifications import batch, outbox
from notifications.models import OutboxMessage
from notifications.tasks import run_outbox_message

pytestmark = pytest.mark.django_db


def _enqueue(n, name="tests.batch", prefix="m"):
    return [outbox.enqueue(name, {"n": i}, dedupe_key=f"{prefix}:{i}") for i in range(n)]


def test_twelve_messages_of_a_request_run_once_in_one_batch(committed, test_handler):
    ran = []
    test_handler("tests.batch", lambda payload: ran.append(payload["n"]))
    batch._request_started()  # what request_started does (without closing the test's connection)
    with committed():
        with transaction.atomic():
            messages = _enqueue(7)
        messages += _enqueue(5, prefix="second")  # a second transaction of the same request
    assert ran == []  # committed, waiting for the end of the request
    with CaptureQueriesContext(connection) as ctx:
        batch._request_finished()
    assert sorted(ran) == sorted([*range(7), *range(5)])
    locks = [q for q in ctx.captured_queries if "notifications_outboxmessage" in q["sql"]]
    assert len(locks) == 2  # one SELECT of the twelve, one UPDATE marking them done
    assert OutboxMessage.objects.filter(status="done", attempts=1).count() == 12
    # A duplicate delivery or a second batch of the same messages does nothing.
    assert batch.run([m.pk for m in messages]) == {"done": 0, "retry": 0, "failed": 0}
    assert run_outbox_message.apply(args=[messages[0].pk]).get() == "done"
    assert sorted(ran) == sorted([*range(7), *range(5)])


def test_batch_cost_does_not_grow_per_message_transaction(committed, test_handler):
    test_handler("tests.batch", lambda payload: None)
    with committed():
        ids = [m.pk for m in _enqueue(12)]
    # Reset and run the same messages again, counting the statements of one batch.
    OutboxMessage.objects.filter(pk__in=ids).update(status="pending", attempts=0)
    with CaptureQueriesContext(connection) as ctx:
        assert batch.run(ids)["done"] == 12
    # lock/select + one savepoint pair per handler + one UPDATE (+ outer savepoint in tests)
    assert len(ctx.captured_queries) <= 2 * 12 + 4


def test_a_failing_handler_is_retried_without_affecting_the_others(committed, test_handler):
    ran = []

    def handler(payload):
        if payload["n"] == 3:
            raise RuntimeError("SMTP said no")
        ran.append(payload["n"])

    test_handler("tests.batch", handler)
    with committed():
        messages = _enqueue(6)
    assert sorted(ran) == [0, 1, 2, 4, 5]
    failed = OutboxMessage.objects.get(pk=messages[3].pk)
    assert failed.status == "pending" and failed.attempts == 1
    assert "SMTP said no" in failed.last_error
    assert OutboxMessage.objects.filter(status="done").count() == 5
    test_handler("tests.batch", lambda payload: ran.append(payload["n"]))
    assert outbox.run(failed.pk) == "done"
    assert sorted(ran) == [0, 1, 2, 3, 4, 5]


def test_outside_a_request_a_commit_runs_its_messages_at_once(committed, test_handler):
    ran = []
    test_handler("tests.batch", lambda payload: ran.append(payload["n"]))
    with committed():
        _enqueue(3)
    assert sorted(ran) == [0, 1, 2]


def test_rolled_back_transaction_runs_nothing_and_next_one_runs(committed, test_handler):
    ran = []
    test_handler("tests.batch", lambda payload: ran.append(payload["n"]))
    with committed():
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                _enqueue(3, prefix="lost")
                raise RuntimeError("the user's action failed")
        with transaction.atomic():
            _enqueue(2, prefix="kept")
    assert sorted(ran) == [0, 1]
    assert OutboxMessage.objects.count() == 2


def test_worker_mode_keeps_one_task_per_message(committed, test_handler, monkeypatch):
    published = []
    monkeypatch.setattr(outbox, "_publish", published.append)
    conf = run_outbox_message.app.conf
    conf.task_always_eager = False
    try:
        test_handler("tests.batch", lambda payload: None)
        assert not batch.in_process()
        with committed():
            messages = _enqueue(3)
    finally:
        conf.task_always_eager = True
    assert published == [m.pk for m in messages]


def test_identical_idempotent_messages_of_a_batch_run_once_after_the_last_change(
    committed, test_handler
):
    """A signal is indexed when it is created and again after routing, in one request: the
    index handler runs once, seeing both changes, and every message is done."""
    seen, plain = [], []
    state = {"version": 0}
    outbox.handler("tests.index", idempotent=True)(lambda p: seen.append((p, state["version"])))
    test_handler("tests.plain", lambda payload: plain.append(payload["n"]))
    try:
        batch._request_started()
        with committed():
            first = outbox.enqueue("tests.index", {"pk": "7", "source": "s"})
            outbox.enqueue("tests.plain", {"n": 1})
            outbox.enqueue("tests.plain", {"n": 1})  # not idempotent: runs twice
            outbox.enqueue("tests.index", {"source": "s", "pk": "8"})
            state["version"] = 1
            last = outbox.enqueue("tests.index", {"source": "s", "pk": "7"})
        batch._request_finished()
    finally:
        outbox._handlers.pop("tests.index", None)
        outbox._idempotent.discard("tests.index")
    assert seen == [({"source": "s", "pk": "8"}, 1), ({"source": "s", "pk": "7"}, 1)]
    assert plain == [1, 1]
    assert OutboxMessage.objects.exclude(status="done").count() == 0
    assert OutboxMessage.objects.filter(pk__in=[first.pk, last.pk], status="done").count() == 2
