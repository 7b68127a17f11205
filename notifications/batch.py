"""Embedded mode of the outbox: the messages of one request run in one batch after commit.

Without a broker (``CELERY_TASK_ALWAYS_EAGER``, the default without ``REDIS_URL``) every
message used to be claimed, handed to an eager task and run in a transaction of its own,
inside the user's request. Now each message's on-commit callback only puts it on the
request's list, and when the request has finished (``request_finished``: after the response
was handed to the server) the list runs as one batch: one transaction, one row-locking
query, each handler in its own savepoint, one UPDATE for the ones that succeeded. A failing
handler is recorded as before (``outbox._record_failure``: back-off, then ``failed``).
Outside a request (commands, tests, tasks) a committed message runs at once, as before.
With a worker (``REDIS_URL`` set) nothing changes: messages go to Celery one by one.
``OUTBOX_BATCH_IN_PROCESS = False`` switches batching off.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable

from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)

# The ids of messages committed during the current request of this thread (None: no request).
_scope = threading.local()


def _run_safely(ids: list[int]) -> None:
    try:
        run(ids)
    except Exception:  # the messages stay pending; the periodic job retries them
        logger.exception("Outbox: batch of %s message(s) failed to run", len(ids))


def _request_started(**kwargs) -> None:
    leftover = getattr(_scope, "ids", None)  # a request that never finished (an exception)
    _scope.ids = []
    if leftover:
        _run_safely(leftover)


def _request_finished(**kwargs) -> None:
    ids = getattr(_scope, "ids", None)
    _scope.ids = None
    if ids:
        _run_safely(ids)


request_started.connect(_request_started, dispatch_uid="notifications.batch.start")
request_finished.connect(_request_finished, dispatch_uid="notifications.batch.finish")


def _committed(ids: list[int]) -> None:
    pending = getattr(_scope, "ids", None)
    if pending is None:
        run(ids)
    else:
        pending.extend(ids)


def in_process() -> bool:
    """Tasks run eagerly (no broker, no worker) and batching is not switched off."""
    if not getattr(settings, "OUTBOX_BATCH_IN_PROCESS", True):
        return False
    from .tasks import run_outbox_message

    return bool(run_outbox_message.app.conf.task_always_eager)


def add(ids: list[int]) -> None:
    """Run these messages after commit: at the end of the request, or at once outside one."""
    ids = list(ids)
    transaction.on_commit(lambda: _committed(ids))


def _covered_by_later(messages, idempotent: set[str]) -> dict[int, list[int]]:
    """For an idempotent handler, the last message of each payload -> the ids of the earlier
    identical ones (a signal indexed at creation and again after routing: indexing once,
    after both changes, gives the same entry). They are done when the last one succeeds;
    if it fails they stay pending and the periodic job runs them."""
    last: dict[tuple, int] = {}
    earlier: dict[tuple, list[int]] = {}
    for message in messages:
        if message.handler not in idempotent:
            continue
        key = (message.handler, json.dumps(message.payload, sort_keys=True, default=str))
        if key in last:
            earlier.setdefault(key, []).append(last[key])
        last[key] = message.pk
    return {last[key]: pks for key, pks in earlier.items()}


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
        covered_for = _covered_by_later(messages, outbox._idempotent)
        covered = {pk for pks in covered_for.values() for pk in pks}
        for message in messages:
            if message.pk in covered:
                continue  # an identical idempotent message runs later in this batch
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
                done.extend(covered_for.get(message.pk, ()))
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
