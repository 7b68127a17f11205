"""Scheduled jobs of reporting (scheduled in ``website/schedule.py``)."""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task(name="reporting.tasks.generate_quarterly_reports")
def generate_quarterly_reports(today=None) -> dict:
    """Store the kwartaalrapportage of the last complete quarter for every scope, once.

    Idempotent per quarter and scope: a snapshot that exists is not rebuilt (use the
    "Opnieuw berekenen" button or ``generate_quarterly_report(..., replace=True)`` for that).
    """
    results = services.generate_due_reports(today=today)
    return {
        "created": sum(1 for _report, created in results if created),
        "existing": sum(1 for _report, created in results if not created),
    }
