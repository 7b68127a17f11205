"""Consultations: a coordinator asks a ketenpartner organisation for input on a signal or
dossier. Imported by ``signals.models``; changed only through ``signals.services``."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ConsultationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Coordinators see every consultation; partner staff those put to their organisation."""
        from .models import is_chain_professional
        from .workflow import is_coordinator

        if not is_chain_professional(user):
            return self.none()
        if is_coordinator(user):
            return self
        from accounts import roles

        if user.has_role(roles.KETENPARTNER) and getattr(user, "organisation_id", None):
            return self.filter(organisation_id=user.organisation_id)
        return self.none()

    def for_organisation(self, organisation_id):
        return self.filter(organisation_id=organisation_id)

    def open(self):
        return self.filter(status=Consultation.Status.OPEN)


class Consultation(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Wacht op antwoord")
        ANSWERED = "beantwoord", _("Beantwoord")
        CLOSED = "gesloten", _("Gesloten")

    signal = models.ForeignKey(
        "signals.Signal",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    dossier = models.ForeignKey(
        "signals.Dossier",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="consultations",
    )
    organisation = models.ForeignKey(
        "taxonomy.Organisation",
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contactpersoon"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    question = models.TextField(_("vraag"), max_length=5000)
    due_date = models.DateField(_("antwoord gevraagd voor"))
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.OPEN
    )
    answer = models.TextField(_("antwoord"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    answer_is_public = models.BooleanField(_("antwoord in de publieke opvolging"), default=False)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(_("gevraagd op"), default=timezone.now)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("raadpleging")
        verbose_name_plural = _("raadplegingen")
        constraints = [
            models.CheckConstraint(
                condition=Q(signal__isnull=False) | Q(dossier__isnull=False),
                name="consultation_has_subject",
            )
        ]
        indexes = [
            models.Index(fields=["organisation", "status"], name="consultation_org_idx"),
            models.Index(fields=["status", "due_date"], name="consultation_due_idx"),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.subject.reference}"

    def get_absolute_url(self):
        return reverse("signals:consultation_answer", args=[self.pk])

    @property
    def subject(self):
        return self.signal if self.signal_id else self.dossier


class SolvedVote(models.Model):
    """A supporter's answer to "is it solved?" after an outcome (one per outcome)."""

    signal = models.ForeignKey(
        "signals.Signal", on_delete=models.CASCADE, related_name="solved_votes"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    outcome_at = models.DateTimeField()
    solved = models.BooleanField(_("opgelost"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("oordeel van een herkenner")
        verbose_name_plural = _("oordelen van herkenners")
        constraints = [
            models.UniqueConstraint(
                fields=["signal", "user", "outcome_at"], name="solvedvote_once_per_outcome"
            )
        ]

    def __str__(self):
        return f"{self.signal_id}: {'ja' if self.solved else 'nee'}"
