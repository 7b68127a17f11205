"""The transactional outbox.

``enqueue`` records work in the caller's transaction; after commit the message is
handed to Celery. If the broker is unreachable the message stays pending and the
beat job ``notifications.redispatch_outbox`` hands it over later.

Guarantees and how they are kept:

* **Nothing is lost.** The message row is committed with the user's change; a broker
  outage only delays it. ``dispatched_at`` is a lease: a message handed to Celery is
  not handed over again by the periodic job until ``OUTBOX_DISPATCH_LEASE_SECONDS``
  have passed (a worker that died with it, a flushed broker), so a queued message is
  not piled up in the queue every minute.
* **Once.** ``run`` takes a row lock (``SELECT ... FOR UPDATE SKIP LOCKED`` on
  PostgreSQL; SQLite serialises writers instead), runs the handler in a savepoint
  and marks the message done in the same transaction. A duplicate or retried task
  finds it done (or locked) and does nothing. Handlers that only write to the
  database are therefore exactly-once. For e-mail the one remaining window is "SMTP
  accepted the mail, then the database commit failed": the retry sends it again with
  the same ``Message-ID`` (derived from the message), which mail systems use to
  recognise the duplicate. Handlers should do their database work first and the
  external call last.
* **Retries.** A failing handler is retried with exponential backoff
  (30 s, 1 min, 2 min ... at most 6 h) until ``OUTBOX_MAX_ATTEMPTS``; then the message
  is ``failed``, logged at ERROR level, listed by ``manage.py outbox_status`` and in the
  Wagtail admin ("Uitgaande berichten"), where it can be retried.
"""

from __future__ import annotations

import contextvars
import logging
import time
import uuid
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from . import batch as embedded
from .models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = getattr(settings, "OUTBOX_MAX_ATTEMPTS", 8)  # kept for callers; read at run time
BATCH_SIZE = 500
_handlers: dict[str, Callable[[dict], None]] = {}
_idempotent: set[str] = set()  # handlers that bring something in line with the current state
_current: contextvars.ContextVar[OutboxMessage | None] = contextvars.ContextVar(
    "outbox_current_message", default=None
)


def handler(name: str, *, idempotent: bool = False):
    """Register a function ``fn(payload: dict) -> None`` as the handler for outbox messages ``name``.

    ``idempotent``: the handler only brings something in line with the database's current
    state (a search index entry), so in one embedded batch (``batch.run``) messages with the
    same payload run once, at the place of the last of them, and are all marked done.
    """

    def decorator(fn):
        _handlers[name] = fn
        if idempotent:
            _idempotent.add(name)
        else:
            _idempotent.discard(name)
        return fn

    return decorator


def registered_handlers() -> list[str]:
    return sorted(_handlers)


def current_message() -> OutboxMessage | None:
    """The message whose handler is running (e.g. to derive a stable e-mail Message-ID)."""
    return _current.get()


# After a failed publish this process stops trying for a few seconds (the messages stay
# pending for the periodic job), so requests do not each wait for an unreachable broker.
_broker_paused_until = 0.0


def broker_paused() -> bool:
    return time.monotonic() < _broker_paused_until


def _pause_broker() -> None:
    global _broker_paused_until
    _broker_paused_until = time.monotonic() + float(
        getattr(settings, "OUTBOX_BROKER_PAUSE_SECONDS", 10)
    )


def resume_broker() -> None:
    global _broker_paused_until
    _broker_paused_until = 0.0


def max_attempts() -> int:
    return int(getattr(settings, "OUTBOX_MAX_ATTEMPTS", 8))


def lease() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "OUTBOX_DISPATCH_LEASE_SECONDS", 300)))


def enqueue(
    handler_name: str,
    payload: dict,
    dedupe_key: str | None = None,
    *,
    available_at=None,
) -> OutboxMessage | None:
    """Record a side effect in the current transaction; it is dispatched after commit.

    With a ``dedupe_key`` that was used before, nothing new is recorded (returns None).
    ``available_at`` postpones the work (the periodic job hands it over when due).
    """
    if handler_name not in _handlers:
        raise KeyError(f"No outbox handler registered for {handler_name!r}")
    key = dedupe_key or f"{handler_name}:{uuid.uuid4()}"
    fields = {"handler": handler_name, "payload": payload, "dedupe_key": key}
    if available_at is not None:
        fields["available_at"] = available_at
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(**fields)
    except IntegrityError:
        return None
    if available_at is None or available_at <= timezone.now():
        if embedded.in_process():
            embedded.add([message.pk])
        else:
            transaction.on_commit(lambda: dispatch(message.pk))
    return message


def enqueue_many(handler_name: str, items: Iterable[tuple[dict, str]]) -> list[int]:
    """Bulk version of ``enqueue`` for fan-out: ``items`` are ``(payload, dedupe_key)``.

    Keys used before are skipped. Returns the ids of the new messages; they are
    dispatched after commit.
    """
    if handler_name not in _handlers:
        raise KeyError(f"No outbox handler registered for {handler_name!r}")
    items = list(items)
    new_ids: list[int] = []
    for start in range(0, len(items), BATCH_SIZE):
        batch = items[start : start + BATCH_SIZE]
        keys = [key for _payload, key in batch]
        existing = set(
            OutboxMessage.objects.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)
        )
        fresh = [(p, k) for p, k in batch if k not in existing]
        if not fresh:
            continue
        now = timezone.now()
        OutboxMessage.objects.bulk_create(
            [
                OutboxMessage(
                    handler=handler_name,
                    payload=p,
                    dedupe_key=k,
                    created_at=now,
                    available_at=now,
                )
                for p, k in fresh
            ],
            ignore_conflicts=True,
        )
        new_ids.extend(
            OutboxMessage.objects.filter(
                dedupe_key__in=[k for _p, k in fresh], created_at=now
            ).values_list("pk", flat=True)
        )
    if new_ids:
        ids = list(new_ids)
        if embedded.in_process():
            embedded.add(ids)
        else:
            transaction.on_commit(lambda: dispatch_many(ids))
    return new_ids


def _publish(message_id: int) -> None:
    from .tasks import run_outbox_message

    run_outbox_message.apply_async(args=[message_id], retry=False)


def _claim(ids: list[int], *, stale_before=None) -> tuple[list[int], object]:
    """Set the dispatch lease on pending messages; returns the ids this caller claimed."""
    marker = timezone.now()
    lease_free = Q(dispatched_at__isnull=True)
    if stale_before is not None:
        lease_free |= Q(dispatched_at__lt=stale_before)
    OutboxMessage.objects.filter(
        lease_free, pk__in=ids, status=OutboxMessage.Status.PENDING
    ).update(dispatched_at=marker)
    claimed = list(
        OutboxMessage.objects.filter(pk__in=ids, dispatched_at=marker)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return claimed, marker


def _hand_over(claimed: list[int], marker) -> int:
    sent = 0
    for index, message_id in enumerate(claimed):
        try:
            _publish(message_id)
        except Exception as exc:  # broker unreachable: release the lease, the beat job retries
            _pause_broker()
            logger.warning(
                "Outbox: %s message(s) not dispatched (broker unavailable: %s)",
                len(claimed) - index,
                exc,
            )
            OutboxMessage.objects.filter(pk__in=claimed[index:], dispatched_at=marker).update(
                dispatched_at=None
            )
            break
        sent += 1
    return sent


def dispatch(message_id: int) -> bool:
    """Hand a message to Celery. Returns False (message stays pending) when the broker is down
    or the message was already handed over (its lease is still valid) or is no longer pending."""
    if broker_paused():
        return False
    claimed, marker = _claim([message_id])
    return bool(claimed) and _hand_over(claimed, marker) == 1


def dispatch_many(message_ids: Iterable[int]) -> int:
    ids = list(message_ids)
    sent = 0
    if broker_paused():
        return 0
    for start in range(0, len(ids), BATCH_SIZE):
        claimed, marker = _claim(ids[start : start + BATCH_SIZE])
        handed = _hand_over(claimed, marker)
        sent += handed
        if handed < len(claimed):
            break  # broker down: the rest stays pending for the periodic job
    return sent


def due_messages(limit: int = 500):
    """Pending messages that are due and not handed over within the lease."""
    now = timezone.now()
    return (
        OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING, available_at__lte=now)
        .filter(Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=now - lease()))
        .order_by("available_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def redispatch(limit: int = 500) -> int:
    """Hand over every due message that is not (or no longer) in the queue. Idempotent."""
    ids = list(due_messages(limit))
    if not ids:
        return 0
    claimed, marker = _claim(ids, stale_before=timezone.now() - lease())
    sent = _hand_over(claimed, marker)  # tries even while paused: this is the probe
    if sent:
        resume_broker()
    return sent


def run(message_id: int) -> str:
    """Execute one message exactly once (under a row lock). Returns the resulting state:
    ``done``, ``retry``, ``failed``, ``busy`` (another worker holds it) or ``missing``."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True).filter(pk=message_id).first()
        )
        if message is None:
            exists = OutboxMessage.objects.filter(pk=message_id).exists()
            return "busy" if exists else "missing"
        if message.status != OutboxMessage.Status.PENDING:
            return message.status
        fn = _handlers.get(message.handler)
        token = _current.set(message)
        try:
            if fn is None:
                raise LookupError(f"No outbox handler registered for {message.handler!r}")
            with transaction.atomic():
                fn(message.payload)
        except Exception as exc:
            return _record_failure(message, exc)
        finally:
            _current.reset(token)
        message.status = OutboxMessage.Status.DONE
        message.done_at = timezone.now()
        message.attempts += 1
        message.last_error = ""
        message.save(update_fields=["status", "done_at", "attempts", "last_error"])
        return message.status


def _record_failure(message: OutboxMessage, exc: Exception) -> str:
    message.attempts += 1
    message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    message.dispatched_at = None  # no longer in the queue: the periodic job retries when due
    if message.attempts >= max_attempts():
        message.status = OutboxMessage.Status.FAILED
        logger.error(
            "Outbox message %s (%s) failed permanently after %s attempts: %s",
            message.pk,
            message.handler,
            message.attempts,
            message.last_error,
        )
    else:
        message.available_at = timezone.now() + backoff(message.attempts)
        logger.warning(
            "Outbox message %s (%s) failed (attempt %s), retry at %s: %s",
            message.pk,
            message.handler,
            message.attempts,
            message.available_at.isoformat(),
            message.last_error,
        )
    message.save(
        update_fields=["attempts", "last_error", "status", "available_at", "dispatched_at"]
    )
    return "failed" if message.status == OutboxMessage.Status.FAILED else "retry"


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** (attempts - 1), 6 * 60 * 60))


def retry(message_ids: Iterable[int] | None = None) -> int:
    """Reset failed messages (all, or the given ids, also pending ones) to pending and
    dispatch them after commit. Used by ``outbox_status --retry`` and the admin."""
    qs = OutboxMessage.objects.exclude(status=OutboxMessage.Status.DONE)
    if message_ids is None:
        qs = qs.filter(status=OutboxMessage.Status.FAILED)
    else:
        qs = qs.filter(pk__in=list(message_ids))
    with transaction.atomic():
        ids = list(qs.select_for_update().values_list("pk", flat=True))
        OutboxMessage.objects.filter(pk__in=ids).update(
            status=OutboxMessage.Status.PENDING,
            attempts=0,
            available_at=timezone.now(),
            dispatched_at=None,
        )
        if ids:
            transaction.on_commit(lambda: dispatch_many(ids))
    return len(ids)


def stats() -> dict:
    counts = dict(
        OutboxMessage.objects.values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    now = timezone.now()
    pending = OutboxMessage.objects.filter(status=OutboxMessage.Status.PENDING)
    return {
        "pending": counts.get(OutboxMessage.Status.PENDING, 0),
        "pending_due": pending.filter(available_at__lte=now).count(),
        "pending_in_queue": pending.filter(dispatched_at__gte=now - lease()).count(),
        "failed": counts.get(OutboxMessage.Status.FAILED, 0),
        "done": counts.get(OutboxMessage.Status.DONE, 0),
    }
