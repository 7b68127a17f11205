"""In-site notifications and the outbox of side effects.

Every side effect of a user action (an e-mail, an index update, a follow-up task)
is written as an ``OutboxMessage`` in the same transaction as the action, handed
to Celery after commit, and re-dispatched by a periodic job until it is done.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_user(self, user):
        return self.filter(recipient=user)


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("ontvanger"),
    )
    verb = models.SlugField(_("soort"), max_length=64)
    title = models.CharField(_("titel"), max_length=240)
    body = models.TextField(_("tekst"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("gelezen"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")

    def __str__(self):
        return self.title


class OutboxMessage(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht")
        DONE = "done", _("Uitgevoerd")
        FAILED = "failed", _("Mislukt")

    handler = models.CharField(_("taak"), max_length=100)
    payload = models.JSONField(_("gegevens"), default=dict)
    dedupe_key = models.CharField(_("unieke sleutel"), max_length=255, unique=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.TextField(_("laatste fout"), blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    available_at = models.DateTimeField(_("beschikbaar vanaf"), default=timezone.now)
    done_at = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "available_at"])]
        verbose_name = _("uitgaand bericht")
        verbose_name_plural = _("uitgaande berichten")

    def __str__(self):
        return f"{self.handler} [{self.status}] {self.dedupe_key}"
