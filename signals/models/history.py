"""The append-only history of signals and dossiers: one row per change."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.appendonly import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet

from ..events import PUBLIC_EVENTS, event_label
from ..workflow import Level, Status
from .items import Dossier, Signal

HistoryIsAppendOnly = AppendOnlyError  # the name the signals code and tests use


class SignalEventQuerySet(AppendOnlyQuerySet):
    def for_signal(self, signal):
        return self.filter(signal=signal)

    def for_dossier(self, dossier):
        return self.filter(dossier=dossier, signal__isnull=True)


class SignalEvent(AppendOnlyModel):
    """One append-only row per change of a signal or dossier: who, when, what, why."""

    signal = models.ForeignKey(
        Signal, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    dossier = models.ForeignKey(
        Dossier, null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("handeling"), max_length=32)
    from_status = models.CharField(_("van status"), max_length=32, blank=True)
    to_status = models.CharField(_("naar status"), max_length=32, blank=True)
    from_level = models.CharField(_("van niveau"), max_length=16, blank=True)
    to_level = models.CharField(_("naar niveau"), max_length=16, blank=True)
    reason = models.TextField(_("toelichting"), blank=True)
    payload = models.JSONField(_("gegevens"), default=dict, blank=True)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)

    objects = SignalEventQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("geschiedenis")
        constraints = [
            models.CheckConstraint(
                condition=Q(signal__isnull=False) | Q(dossier__isnull=False),
                name="signalevent_has_subject",
            )
        ]
        indexes = [
            # Reporting: escalations of signals in a period (reporting.figures).
            models.Index(
                fields=["created_at"],
                include=["from_level", "signal"],
                condition=Q(action="escalate", signal__isnull=False),
                name="signalevent_escalate_idx",
            ),
        ]

    def __str__(self):
        return f"{self.action} @ {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def action_label(self):
        return event_label(self.action)

    @property
    def to_status_label(self):
        return Status(self.to_status).label if self.to_status in Status.values else ""

    @property
    def to_level_label(self):
        return Level(self.to_level).label if self.to_level in Level.values else ""


# Events safe to show on the public follow-up page (from the registry in signals.events).
PUBLIC_EVENT_ACTIONS = PUBLIC_EVENTS
