from celery import shared_task
from django.core.cache import cache
from django.utils import timezone


@shared_task(name="website.tasks.heartbeat")
def heartbeat() -> str:
    """Record that beat and a worker are alive; shown on /healthz/ and used by monitoring."""
    stamp = timezone.now().isoformat()
    cache.set("celery:heartbeat", stamp, timeout=60 * 60)
    return stamp


@shared_task(name="website.tasks.clear_expired_sessions")
def clear_expired_sessions() -> int:
    """Remove expired sessions (what ``manage.py clearsessions`` does). Returns how many."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.sessions.models import Session

    engine = import_module(settings.SESSION_ENGINE)
    if settings.SESSION_ENGINE == "django.contrib.sessions.backends.db":
        deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
        return deleted
    engine.SessionStore.clear_expired()  # other engines (cache, files) clean up themselves
    return 0
