"""Celery beat schedule, kept in code so it is reviewed and documented (README, "Scheduled jobs").

Each entry names a task that must be idempotent: beat may fire it twice after a restart.
"""

from celery.schedules import crontab

CELERY_BEAT_SCHEDULE = {
    "redispatch-outbox": {
        "task": "notifications.redispatch_outbox",
        "schedule": 60.0,
    },
    "heartbeat": {
        "task": "website.tasks.heartbeat",
        "schedule": crontab(minute="*/5"),
    },
}
