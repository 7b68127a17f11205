"""The transactional outbox.

``enqueue`` records work in the caller's transaction; after commit the message is
handed to Celery. If the broker is unreachable the message stays pending and the
beat job ``notifications.redispatch_outbox`` hands it over later. Handlers run
under a row lock and the message is marked done in the same transaction, so a
retried or duplicated task finds it done and does nothing.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import OutboxMessage

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = getattr(settings, "OUTBOX_MAX_ATTEMPTS", 8)
_handlers: dict[str, Callable[[dict], None]] = {}


def handler(name: str):
    """Register a function ``fn(payload: dict) -> None`` as the handler for outbox messages ``name``."""

    def decorator(fn):
        _handlers[name] = fn
        return fn

    return decorator


def enqueue(
    handler_name: str, payload: dict, dedupe_key: str | None = None
) -> OutboxMessage | None:
    """Record a side effect in the current transaction; it is dispatched after commit.

    With a ``dedupe_key`` that was used before, nothing new is recorded (returns None).
    """
    if handler_name not in _handlers:
        raise KeyError(f"No outbox handler registered for {handler_name!r}")
    key = dedupe_key or f"{handler_name}:{uuid.uuid4()}"
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                handler=handler_name, payload=payload, dedupe_key=key
            )
    except IntegrityError:
        return None
    transaction.on_commit(lambda: dispatch(message.pk))
    return message


def dispatch(message_id: int) -> bool:
    """Hand a message to Celery. Returns False (message stays pending) when the broker is down."""
    from .tasks import run_outbox_message

    try:
        run_outbox_message.apply_async(args=[message_id], retry=False)
        return True
    except Exception as exc:  # broker unreachable: the periodic job will pick it up
        logger.warning("Outbox message %s not dispatched (broker unavailable: %s)", message_id, exc)
        return False


def run(message_id: int) -> str:
    """Execute one message exactly once (under a row lock). Returns the final status."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.status != OutboxMessage.Status.PENDING:
            return message.status if message else "missing"
        fn = _handlers.get(message.handler)
        if fn is None:
            raise KeyError(f"No outbox handler registered for {message.handler!r}")
        try:
            with transaction.atomic():
                fn(message.payload)
        except Exception as exc:
            message.attempts += 1
            message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            if message.attempts >= MAX_ATTEMPTS:
                message.status = OutboxMessage.Status.FAILED
                logger.error(
                    "Outbox message %s failed permanently: %s", message.pk, message.last_error
                )
            else:
                message.available_at = timezone.now() + backoff(message.attempts)
            message.save(update_fields=["attempts", "last_error", "status", "available_at"])
            return message.status if message.status == OutboxMessage.Status.FAILED else "retry"
        message.status = OutboxMessage.Status.DONE
        message.done_at = timezone.now()
        message.attempts += 1
        message.save(update_fields=["status", "done_at", "attempts"])
        return message.status


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(30 * 2 ** (attempts - 1), 6 * 60 * 60))


def due_messages(limit: int = 500):
    return OutboxMessage.objects.filter(
        status=OutboxMessage.Status.PENDING, available_at__lte=timezone.now()
    ).values_list("pk", flat=True)[:limit]
