"""Periodic jobs of the knowledge base (beat entries in website/schedule.py). Both are idempotent."""

from celery import shared_task
from django.core.management import call_command


@shared_task(name="knowledge.tasks.publish_scheduled")
def publish_scheduled() -> None:
    """Wagtail's scheduled publishing (go_live_at / expire_at): runs `manage.py publish_scheduled`."""
    call_command("publish_scheduled")


@shared_task(name="knowledge.tasks.review_reminders")
def review_reminders() -> int:
    """Flag content whose review date has passed to its owner (once per due date)."""
    from .review import flag_overdue_content

    return flag_overdue_content()
