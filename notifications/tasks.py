"""Celery tasks of the notifications app. Every task is idempotent (beat may fire twice)."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from . import outbox


@shared_task(
    bind=True,
    name="notifications.run_outbox_message",
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=3,
)
def run_outbox_message(self, message_id: int) -> str:
    """Run one outbox message. ``acks_late`` + ``reject_on_worker_lost``: if the worker
    process dies mid-task the broker hands the task out again; ``run`` is idempotent."""
    result = outbox.run(message_id)
    if result == "busy" and not self.request.is_eager:
        # Another worker holds the row lock (or its dying connection still does): look
        # again shortly. If that does not settle it, the periodic job takes over.
        raise self.retry(countdown=5)
    return result


@shared_task(name="notifications.redispatch_outbox")
def redispatch_outbox(limit: int = 500) -> int:
    """Beat job: hand over every pending message that is due and not already in the queue
    (broker was down, a retry is due, or its worker died and the lease ran out)."""
    return outbox.redispatch(limit)


@shared_task(name="notifications.send_daily_digest")
def send_daily_digest() -> int:
    from .digest import Digest, queue_digests

    return queue_digests(Digest.DAILY)


@shared_task(name="notifications.send_weekly_digest")
def send_weekly_digest() -> int:
    from .digest import Digest, queue_digests

    return queue_digests(Digest.WEEKLY)


@shared_task(name="notifications.cleanup")
def cleanup() -> dict:
    """Delete done outbox messages after ``OUTBOX_DONE_RETENTION_DAYS`` (30) and read
    notifications after ``NOTIFICATIONS_READ_RETENTION_DAYS`` (365). Failed and pending
    messages are never deleted: they wait for an administrator."""
    from .models import Notification, OutboxMessage

    now = timezone.now()
    outbox_days = int(getattr(settings, "OUTBOX_DONE_RETENTION_DAYS", 30))
    read_days = int(getattr(settings, "NOTIFICATIONS_READ_RETENTION_DAYS", 365))
    done, _ = OutboxMessage.objects.filter(
        status=OutboxMessage.Status.DONE, done_at__lt=now - timedelta(days=outbox_days)
    ).delete()
    read, _ = Notification.objects.filter(
        read_at__isnull=False, read_at__lt=now - timedelta(days=read_days)
    ).delete()
    return {"outbox_done_deleted": done, "notifications_read_deleted": read}
