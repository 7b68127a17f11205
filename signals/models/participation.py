"""What others add to a signal: recognition, following, notes, updates and outcome ratings."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_chain_professional

from ..workflow import is_coordinator
from .items import Dossier, Signal


class Support(models.Model):
    """Ik herken dit: a professional says the same problem occurs in their practice."""

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signal_supports"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["signal", "user"], name="support_once_per_user")
        ]
        verbose_name = _("herkenning")
        verbose_name_plural = _("herkenningen")

    def __str__(self):
        return f"{self.user_id} herkent {self.signal_id}"


class Follow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signal_follows"
    )
    signal = models.ForeignKey(
        Signal, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    dossier = models.ForeignKey(
        Dossier, null=True, blank=True, on_delete=models.CASCADE, related_name="follows"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "signal"],
                condition=Q(signal__isnull=False),
                name="follow_signal_once",
            ),
            models.UniqueConstraint(
                fields=["user", "dossier"],
                condition=Q(dossier__isnull=False),
                name="follow_dossier_once",
            ),
            models.CheckConstraint(
                condition=Q(signal__isnull=False) ^ Q(dossier__isnull=False),
                name="follow_one_subject",
            ),
        ]
        verbose_name = _("volger")
        verbose_name_plural = _("volgers")

    def __str__(self):
        return f"{self.user_id} volgt {self.signal_id or self.dossier_id}"


class NoteQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self if is_coordinator(user) else self.none()


class Note(models.Model):
    """An internal note of the coordinators; never shown to others."""

    signal = models.ForeignKey(
        Signal, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    dossier = models.ForeignKey(
        Dossier, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("notitie"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    objects = NoteQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("interne notitie")
        verbose_name_plural = _("interne notities")

    def __str__(self):
        return self.text[:60]


class FollowUpQuerySet(models.QuerySet):
    def visible_to(self, user):
        if is_chain_professional(user):
            return self
        if getattr(user, "is_authenticated", False):
            return self.filter(signal__submitted_by=user)
        return self.none()

    def public(self):
        return self.filter(is_public=True).filter(
            Q(signal__is_published=True) | Q(dossier__is_published=True)
        )


class FollowUp(models.Model):
    """A visible progress update on a signal or dossier."""

    signal = models.ForeignKey(
        Signal, null=True, blank=True, on_delete=models.CASCADE, related_name="followups"
    )
    dossier = models.ForeignKey(
        Dossier, null=True, blank=True, on_delete=models.CASCADE, related_name="followups"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("update"), max_length=5000)
    is_public = models.BooleanField(
        _("ook op de publieke opvolgingspagina"),
        default=False,
        help_text=_("Alleen zichtbaar voor iedereen als het signaal of dossier gepubliceerd is."),
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def __str__(self):
        return self.text[:60]


class OutcomeRating(models.Model):
    class Rating(models.TextChoices):
        JA = "ja", _("Ja, mijn probleem is opgelost")
        DEELS = "deels", _("Gedeeltelijk")
        NEE = "nee", _("Nee, het probleem bestaat nog")

    signal = models.ForeignKey(Signal, on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    rating = models.CharField(_("is uw probleem opgelost?"), max_length=8, choices=Rating.choices)
    comment = models.TextField(_("toelichting"), max_length=2000, blank=True)
    outcome_at = models.DateTimeField(_("beoordeelde uitkomst van"))
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["signal", "user", "outcome_at"], name="rating_once_per_outcome"
            )
        ]
        verbose_name = _("beoordeling van de uitkomst")
        verbose_name_plural = _("beoordelingen van de uitkomst")

    def __str__(self):
        return self.rating
