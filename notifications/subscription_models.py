"""What a person keeps for themselves: subscriptions ("volgopdrachten") and saved filters.

A ``Subscription`` follows new signals by theme, region, phase and/or organisation, and
optionally a search text (a saved search): every criterion that is set must match, an
empty one means "any". The frequency (immediate, daily, weekly) is per subscription.
Matching reads signal fields and therefore lives in ``signals.subscriptions``.

A ``SavedFilter`` is a named query string of the coordinators' workbench.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import NotificationPreference

Frequency = NotificationPreference.Digest
QUERY_MAX = 200
NAME_MAX = 80


class SubscriptionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A person only ever sees and changes their own subscriptions."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)


class Subscription(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("gebruiker"),
    )
    theme = models.ForeignKey(
        "taxonomy.Theme", null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("thema")
    )
    region = models.ForeignKey(
        "taxonomy.Region", null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("regio")
    )
    phase = models.ForeignKey(
        "taxonomy.Phase", null=True, blank=True, on_delete=models.CASCADE, verbose_name=_("fase")
    )
    organisation = models.ForeignKey(
        "taxonomy.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        verbose_name=_("organisatie"),
    )
    query = models.CharField(_("zoekterm"), max_length=QUERY_MAX, blank=True)
    frequency = models.CharField(
        _("hoe vaak"), max_length=16, choices=Frequency.choices, default=Frequency.DAILY
    )
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("volgopdracht")
        verbose_name_plural = _("volgopdrachten")
        constraints = [
            models.CheckConstraint(
                condition=Q(theme__isnull=False)
                | Q(region__isnull=False)
                | Q(phase__isnull=False)
                | Q(organisation__isnull=False)
                | ~Q(query=""),
                name="subscription_has_a_criterion",
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        parts = [str(x) for x in (self.theme, self.region, self.phase, self.organisation) if x]
        if self.query:
            parts.append(f"“{self.query}”")
        return " · ".join(parts)

    def list_query(self) -> str:
        """The signal list's query string for this subscription (to see what it follows)."""
        from urllib.parse import urlencode

        params = {
            "q": self.query,
            "theme": self.theme_id or "",
            "region": self.region_id or "",
            "phase": self.phase_id or "",
            "organisation": self.organisation_id or "",
        }
        return urlencode({k: v for k, v in params.items() if v})


class SavedFilterQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(user=user)


class SavedFilter(models.Model):
    """A named workbench filter (the query string of ``/werkbank/``), per coordinator."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="saved_filters",
        verbose_name=_("gebruiker"),
    )
    name = models.CharField(_("naam"), max_length=NAME_MAX)
    query = models.CharField(_("filter"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    objects = SavedFilterQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("bewaard filter")
        verbose_name_plural = _("bewaarde filters")
        constraints = [
            models.UniqueConstraint(fields=["user", "name"], name="saved_filter_name_once")
        ]

    def __str__(self):
        return self.name
