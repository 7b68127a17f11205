"""In-site notifications, e-mail preferences and the outbox of side effects.

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

    def visible_to(self, user):
        """A person only ever sees their own notifications."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
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
    event_key = models.CharField(_("gebeurtenis"), max_length=200, blank=True)
    urgent = models.BooleanField(_("urgent"), default=False)
    digest_pending = models.BooleanField(
        _("wacht op overzichtsmail"),
        default=False,
        help_text=_("Wordt in de volgende dagelijkse of wekelijkse overzichtsmail opgenomen."),
    )
    digest_mode = models.CharField(
        _("overzicht"),
        max_length=16,
        blank=True,
        help_text=_(
            "Dagelijks of wekelijks overzicht dat een volgopdracht koos; leeg: volgens de "
            "meldingsvoorkeur."
        ),
    )
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("gelezen"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(
                fields=["recipient", "digest_pending"],
                name="notif_digest_pending",
                condition=models.Q(digest_pending=True),
            ),
        ]
        constraints = [
            # One notification per person per event: a retried fan-out adds nothing.
            models.UniqueConstraint(
                fields=["recipient", "event_key"],
                condition=~models.Q(event_key=""),
                name="notification_once_per_event",
            )
        ]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")

    def __str__(self):
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """How a person wants to hear about things by e-mail (in-site notifications always appear)."""

    class Digest(models.TextChoices):
        IMMEDIATE = "immediate", _("Direct, één e-mail per melding")
        DAILY = "daily", _("Eén overzicht per dag")
        WEEKLY = "weekly", _("Eén overzicht per week")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notification_preference",
        verbose_name=_("gebruiker"),
    )
    email_enabled = models.BooleanField(_("e-mail ontvangen"), default=True)
    muted_categories = models.JSONField(
        _("uitgezette onderwerpen"),
        default=list,
        blank=True,
        help_text=_("Onderwerpen waarover deze persoon geen e-mail wil ontvangen."),
    )
    digest = models.CharField(
        _("bundeling"), max_length=16, choices=Digest.choices, default=Digest.IMMEDIATE
    )
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("meldingsvoorkeur")
        verbose_name_plural = _("meldingsvoorkeuren")

    def __str__(self):
        return f"{self.user_id}: {self.digest}"

    def wants_email(self, category: str) -> bool:
        return self.email_enabled and category not in (self.muted_categories or [])


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
    dispatched_at = models.DateTimeField(
        _("overgedragen op"),
        null=True,
        blank=True,
        help_text=_(
            "Wanneer het bericht aan de wachtrij is gegeven (lease tegen dubbel aanbieden)."
        ),
    )
    done_at = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "available_at"])]
        verbose_name = _("uitgaand bericht")
        verbose_name_plural = _("uitgaande berichten")

    def __str__(self):
        return f"{self.handler} [{self.status}] {self.dedupe_key}"

    @property
    def last_error_short(self) -> str:
        return " ".join(self.last_error.split())[:80]


# Subscriptions and saved filters live in their own module (imported for the registry).
from .subscription_models import SavedFilter, Subscription  # noqa: E402, F401
