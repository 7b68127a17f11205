"""Feedback of inburgeraars: about the system, never about a person's case.

``Feedback`` holds what was said (anonymous unless a signed-in person chose to give
their name; no IP address). ``FeedbackContact`` keeps an optional contact address
apart, visible to coordinators only, and is deleted after the retention period.
``FeedbackEvent`` is the append-only moderation history.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.appendonly import AppendOnlyError, AppendOnlyModel, AppendOnlyQuerySet  # noqa: F401

from . import texts
from .reference import new_reference
from .roles import can_moderate


class FeedbackQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Coordinators see all feedback; everyone else sees nothing (feedback is never public)."""
        return self.all() if can_moderate(user) else self.none()


class Feedback(models.Model):
    class Kind(models.TextChoices):
        WENT_WELL = "goed", _("Iets ging goed")
        DIFFICULT = "moeilijk", _("Iets was moeilijk")

    class Topic(models.TextChoices):
        LANGUAGE_COURSE = "taalcursus", _("Taalcursus")
        KNM = "knm", _("KNM")
        WORK = "werk", _("Werk")
        MONEY = "geld", _("Geld")
        MUNICIPALITY = "gemeente", _("Contact met de gemeente")
        HOUSING = "wonen", _("Wonen")
        OTHER = "anders", _("Iets anders")

    class Status(models.TextChoices):
        NEW = "nieuw", _("Nieuw")
        SIGNAL = "signaal", _("Signaal van gemaakt")
        LINKED = "gekoppeld", _("Gekoppeld aan signaal")
        ARCHIVED = "gearchiveerd", _("Gearchiveerd")

    # Short code the person keeps to look up the status (no account); see feedback.reference.
    reference = models.CharField(
        _("referentiecode"), max_length=8, unique=True, default=new_reference, editable=False
    )
    language = models.CharField(
        _("taal"), max_length=8, choices=[(code, name) for code, name, _d in texts.LANGUAGES]
    )
    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
    topic = models.CharField(_("onderwerp"), max_length=12, choices=Topic.choices)
    text = models.TextField(_("tekst"), max_length=texts.MAX_TEXT_LENGTH)
    # Only set when the person was signed in AND explicitly chose to give their name.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gegeven naam"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NEW, db_index=True
    )
    # The signal this feedback became or was linked to.
    signal = models.ForeignKey(
        "signals.Signal",
        verbose_name=_("signaal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inburgeraar_feedback",
    )
    archive_reason = models.TextField(_("reden van archiveren"), blank=True)
    created_at = models.DateTimeField(_("ontvangen op"), auto_now_add=True, db_index=True)
    moderated_at = models.DateTimeField(_("behandeld op"), null=True, blank=True)

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("feedback van een inburgeraar")
        verbose_name_plural = _("feedback van inburgeraars")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"Feedback #{self.pk}"

    @property
    def language_name(self) -> str:
        return texts.LANGUAGE_NAMES.get(self.language, self.language)

    @property
    def direction(self) -> str:
        return texts.DIRECTIONS.get(self.language, "ltr")


class FeedbackContactQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.all() if can_moderate(user) else self.none()


class FeedbackContact(models.Model):
    """A contact address, kept apart from the feedback and deleted after the retention period."""

    feedback = models.OneToOneField(
        Feedback, on_delete=models.CASCADE, related_name="contact", verbose_name=_("feedback")
    )
    address = models.CharField(_("e-mailadres of telefoonnummer"), max_length=254)
    created_at = models.DateTimeField(_("opgeslagen op"), auto_now_add=True, db_index=True)

    objects = FeedbackContactQuerySet.as_manager()

    class Meta:
        verbose_name = _("contactgegeven bij feedback")
        verbose_name_plural = _("contactgegevens bij feedback")

    def __str__(self):
        return _("Contactgegeven bij feedback #%(id)s") % {"id": self.feedback_id}


class FeedbackEventQuerySet(AppendOnlyQuerySet):
    def visible_to(self, user):
        return self.all() if can_moderate(user) else self.none()


class FeedbackEvent(AppendOnlyModel):
    """One row of the moderation history. Rows are only ever added."""

    class Action(models.TextChoices):
        RECEIVED = "ontvangen", _("Ontvangen")
        TO_SIGNAL = "signaal", _("Signaal van gemaakt")
        LINKED = "gekoppeld", _("Gekoppeld aan bestaand signaal")
        ARCHIVED = "gearchiveerd", _("Gearchiveerd")
        CONTACT_REMOVED = "contact_gewist", _("Contactgegeven gewist")
        READ = "gelezen", _("Gelezen door een coördinator")
        ANSWERED = "beantwoord", _("Beantwoord")

    feedback = models.ForeignKey(
        Feedback, on_delete=models.PROTECT, related_name="events", verbose_name=_("feedback")
    )
    action = models.CharField(_("actie"), max_length=16, choices=Action.choices)
    # Coordinators only; never the inburgeraar. PROTECT: history keeps who did what.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signal_id = models.PositiveBigIntegerField(_("signaal"), null=True, blank=True)
    reason = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    objects = FeedbackEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("gebeurtenis bij feedback")
        verbose_name_plural = _("geschiedenis van feedback")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} (feedback #{self.feedback_id})"


class FeedbackAnswerQuerySet(AppendOnlyQuerySet):
    def visible_to(self, user):
        return self.all() if can_moderate(user) else self.none()


class FeedbackAnswer(AppendOnlyModel):
    """A coordinator's answer to the person; shown on the status page, mailed when possible."""

    feedback = models.ForeignKey(
        Feedback, on_delete=models.PROTECT, related_name="answers", verbose_name=_("feedback")
    )
    text = models.TextField(_("antwoord"), max_length=texts.MAX_TEXT_LENGTH)
    # The language the coordinator wrote in (lang/dir on the status page).
    language = models.CharField(
        _("taal van het antwoord"),
        max_length=8,
        choices=[(code, name) for code, name, _d in texts.LANGUAGES],
        default=texts.DEFAULT_LANGUAGE,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    objects = FeedbackAnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("antwoord op feedback")
        verbose_name_plural = _("antwoorden op feedback")
        ordering = ["created_at", "pk"]

    @property
    def direction(self) -> str:
        return texts.DIRECTIONS.get(self.language, "ltr")


class OutcomeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        return self.all() if can_moderate(user) else self.published()


class FeedbackOutcome(models.Model):
    """What was done with feedback on one theme, in B1 Dutch; translations per language."""

    theme = models.ForeignKey(
        "taxonomy.Theme", on_delete=models.PROTECT, related_name="+", verbose_name=_("thema")
    )
    title = models.CharField(_("titel (B1-Nederlands)"), max_length=200)
    body = models.TextField(_("wat we deden (B1-Nederlands)"), max_length=4000)
    is_published = models.BooleanField(_("gepubliceerd"), default=False)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    objects = OutcomeQuerySet.as_manager()

    class Meta:
        verbose_name = _("wat we met feedback doen")
        verbose_name_plural = _("wat we met feedback doen")
        ordering = ["theme__name", "pk"]

    def __str__(self):
        return self.title


class FeedbackOutcomeTranslation(models.Model):
    outcome = models.ForeignKey(
        FeedbackOutcome,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("uitkomst"),
    )
    language = models.CharField(
        _("taal"),
        max_length=8,
        choices=[(code, name) for code, name, _d in texts.LANGUAGES if code != "nl"],
    )
    title = models.CharField(_("titel"), max_length=200)
    body = models.TextField(_("tekst"), max_length=4000)

    class Meta:
        verbose_name = _("vertaling")
        verbose_name_plural = _("vertalingen")
        constraints = [
            models.UniqueConstraint(
                fields=["outcome", "language"], name="one_translation_per_language"
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"
