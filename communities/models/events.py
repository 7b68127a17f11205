"""Community events and who comes."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pages import CommunityPage, _readable_ids


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(community__in=_readable_ids(user))

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now()).order_by("starts_at")


class Event(models.Model):
    """A bijeenkomst of a community."""

    community = models.ForeignKey(CommunityPage, on_delete=models.CASCADE, related_name="events")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("titel"), max_length=200)
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"))
    location = models.CharField(_("plaats"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    agenda = models.TextField(_("agenda"), max_length=5000, blank=True)
    capacity = models.PositiveIntegerField(
        _("maximum aantal deelnemers"),
        null=True,
        blank=True,
        help_text=_("Leeg laten voor onbeperkt."),
    )
    waitlist_enabled = models.BooleanField(_("wachtlijst als het vol is"), default=True)
    report = models.TextField(_("verslag"), max_length=20000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")

    def __str__(self):
        return self.title

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()


class RSVP(models.Model):
    class Status(models.TextChoices):
        GOING = "going", _("Aangemeld")
        WAITLIST = "waitlist", _("Op de wachtlijst")
        CANCELLED = "cancelled", _("Afgemeld")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(max_length=16, choices=Status.choices)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="rsvp_unique")]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")

    def __str__(self):
        return f"{self.user} – {self.event} ({self.status})"
