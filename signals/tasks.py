"""Periodic jobs of the signals app (scheduled in ``website/schedule.py``)."""

from __future__ import annotations

from celery import shared_task
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import notify

from . import conf
from .deadlines import add_working_days
from .models import Dossier, Signal
from .services.routing import handler_or_team, team_recipients
from .workflow import DEADLINE_STATES, DOSSIER_OPEN_STATES, Level


@shared_task(name="signals.tasks.deadline_monitor")
def deadline_monitor(today=None) -> dict:
    """Remind handlers before and on the deadline; report overdue work to each level.

    Idempotent: every notice has an event key (object, kind, deadline or day), so running
    it twice on the same day notifies nobody twice.
    """
    today = today or timezone.localdate()
    soon = add_working_days(today, conf.reminder_working_days())
    counts = {"reminders": 0, "due_today": 0, "overdue_reports": 0}
    querysets = [
        Signal.objects.filter(status__in=DEADLINE_STATES),
        Dossier.objects.filter(status__in=DOSSIER_OPEN_STATES),
    ]
    for qs in querysets:
        upcoming = qs.filter(deadline__gte=today, deadline__lte=soon).order_by("deadline")
        for obj in upcoming.iterator():
            due_today = obj.deadline == today
            kind = "due" if due_today else "reminder"
            title = (
                _("Deadline vandaag: %(title)s")
                if due_today
                else _("Deadline nadert (%(date)s): %(title)s")
            ) % {"title": obj.title[:150], "date": obj.deadline.strftime("%d-%m-%Y")}
            sent = notify(
                handler_or_team(obj),
                verb=f"{obj.workflow_kind}-deadline",
                title=title,
                url=obj.get_absolute_url(),
                event_key=f"{obj.workflow_kind}:{obj.pk}:deadline-{kind}:{obj.deadline}",
                urgent=True,  # a deadline reminder in a weekly digest would arrive too late
            )
            if sent:
                counts["due_today" if due_today else "reminders"] += 1
    # Overdue work is reported per team, to that team's members only.
    overdue = {}
    for qs in (Signal.objects.overdue(today), Dossier.objects.overdue(today)):
        for obj in qs.select_related("team").order_by("deadline").iterator():
            overdue.setdefault((obj.level, obj.team_id), []).append(obj)
    for (level, team_id), items in sorted(overdue.items(), key=lambda kv: str(kv[0])):
        body = "\n".join(f"- {o.reference} {o.title}" for o in items[:10])
        sent = notify(
            team_recipients(items[0]),
            verb="signals-overdue",
            title=_("%(n)d signalen of dossiers over de deadline bij %(team)s")
            % {
                "n": len(items),
                "team": items[0].team.name if team_id else Level(level).label.lower(),
            },
            url=reverse("signals:workbench") + f"?level={level}&overdue=1",
            body=body,
            event_key=f"signals:overdue:{level}:{team_id or 0}:{today}",
            urgent=True,
        )
        if sent:
            counts["overdue_reports"] += 1
    return counts


@shared_task(name="signals.tasks.consultation_reminders")
def consultation_reminders(today=None) -> int:
    """Remind ketenpartners of questions due soon (once per question)."""
    from .services.consultations import send_reminders

    return send_reminders(today)
