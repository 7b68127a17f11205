"""Embedded mode of the outbox: the messages of one transaction run in one batch after commit.

Without a broker (``CELERY_TASK_ALWAYS_EAGER``, the default without ``REDIS_URL``) every
message used to be claimed, handed to an eager task and run in a transaction of its own,
inside the user's request. Here the messages recorded in one transaction are collected and
one on-commit callback runs them: one transaction, one row lock query, each handler in its
own savepoint, one UPDATE for the ones that succeeded. A failing handler is recorded as
before (``outbox._record_failure``: back-off, then ``failed``) and the periodic job retries
it. With a worker (``REDIS_URL`` set) nothing changes: messages go to Celery one by one.
``OUTBOX_BATCH_IN_PROCESS = False`` switches batching off.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import OutboxMessage

_pending = threading.local()


def _flush() -> None:
    """Run every message this thread recorded so far (the first callback after a commit
    takes them all; the ones after it find nothing to do)."""
    ids = getattr(_pending, "ids", None)
    if not ids:
        return
    _pending.ids = []
    run(ids)


def in_process() -> bool:
    """Tasks run eagerly (no broker, no worker) and batching is not switched off."""
    if not getattr(settings, "OUTBOX_BATCH_IN_PROCESS", True):
        return False
    from .tasks import run_outbox_message

    return bool(run_outbox_message.app.conf.task_always_eager)


def add(ids: list[int]) -> None:
    """Record messages for the batch that runs after the current transaction commits.

    On-commit callbacks only run when the outermost transaction commits, so when the first
    one runs every message recorded by this thread is committed (or rolled back: ``run``
    skips rows that do not exist)."""
    if not hasattr(_pending, "ids"):
        _pending.ids = []
    _pending.ids.extend(ids)
    transaction.on_commit(_flush)


def run(message_ids: Iterable[int]) -> dict[str, int]:
    """Run pending messages in one transaction, each handler in its own savepoint, and mark
    the successful ones done with one UPDATE. A failing handler is recorded (retried later)
    without affecting the others. Rows are locked, so a message never runs twice."""
    from . import outbox

    ids = sorted(set(message_ids))
    result = {"done": 0, "retry": 0, "failed": 0}
    if not ids:
        return result
    with transaction.atomic():
        messages = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk__in=ids, status=OutboxMessage.Status.PENDING)
            .order_by("pk")
        )
        done = []
        for message in messages:
            fn = outbox._handlers.get(message.handler)
            token = outbox._current.set(message)
            try:
                if fn is None:
                    raise LookupError(f"No outbox handler registered for {message.handler!r}")
                with transaction.atomic():
                    fn(message.payload)
            except Exception as exc:
                result[outbox._record_failure(message, exc)] += 1
            else:
                done.append(message.pk)
            finally:
                outbox._current.reset(token)
        if done:
            OutboxMessage.objects.filter(pk__in=done).update(
                status=OutboxMessage.Status.DONE,
                done_at=timezone.now(),
                attempts=F("attempts") + 1,
                last_error="",
            )
        result["done"] = len(done)
    return result
