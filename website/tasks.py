from celery import shared_task
from django.core.cache import cache
from django.utils import timezone


@shared_task(name="website.tasks.heartbeat")
def heartbeat() -> str:
    """Record that beat and a worker are alive; shown on /healthz/ and used by monitoring."""
    stamp = timezone.now().isoformat()
    cache.set("celery:heartbeat", stamp, timeout=60 * 60)
    return stamp
