"""Celery application.

Embedded default (no REDIS_URL): tasks run in-process (``task_always_eager``).
Production: workers and beat read from Redis (``celery -A website worker|beat``).
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")

app = Celery("website")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
