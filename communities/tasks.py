"""Celery beat jobs of communities. Both are idempotent per period (outbox dedupe keys)."""

from celery import shared_task

from . import services
from .models import Membership


@shared_task(name="communities.tasks.send_daily_digests")
def send_daily_digests() -> int:
    return services.queue_digests(Membership.Digest.DAILY)


@shared_task(name="communities.tasks.send_weekly_digests")
def send_weekly_digests() -> int:
    return services.queue_digests(Membership.Digest.WEEKLY)
