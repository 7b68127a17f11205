"""Signals and dossiers: what they share (``WorkflowItem``), their fields and who sees them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.roles import is_chain_professional

from ..workflow import (
    DEADLINE_STATES,
    DOSSIER,
    DOSSIER_OPEN_STATES,
    OPEN_STATES,
    SIGNAL,
    Level,
    Status,
    is_coordinator,
)


def can_see_submitter(user, obj) -> bool:
    """The submitter's identity is shown only to coordinators and to the submitter."""
    if not getattr(user, "is_authenticated", False):
        return False
    return is_coordinator(user) or (
        getattr(obj, "submitted_by_id", None) is not None and obj.submitted_by_id == user.pk
    )


class Frequency(models.TextChoices):
    EENMALIG = "eenmalig", _("Eenmalig")
    SOMS = "soms", _("Soms")
    REGELMATIG = "regelmatig", _("Regelmatig")
    STRUCTUREEL = "structureel", _("Structureel (bijna altijd)")


class Urgency(models.TextChoices):
    LAAG = "laag", _("Laag")
    NORMAAL = "normaal", _("Normaal")
    HOOG = "hoog", _("Hoog")


class Source(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    COMMUNITY = "community", _("Community of Practice")
    FEEDBACK = "feedback", _("Feedback van inburgeraars")
    API = "api", _("Systeem van een ketenpartner")


class WorkflowQuerySet(models.QuerySet):
    """Queries signals and dossiers share; the states come from the model (``WorkflowItem``)."""

    def published(self):
        return self.filter(is_published=True)

    def open(self):
        return self.filter(status__in=self.model.open_states)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(status__in=self.model.deadline_states, deadline__lt=today)


class WorkflowItem(models.Model):
    """What signals and dossiers share: a title, a reference, URLs and the open/overdue rules.

    Only fields that are identical on both and whose move keeps every model's field order
    (and so the admin forms) unchanged live here; the other shared fields stay on the
    concrete models.
    """

    # Set by each concrete model.
    workflow_kind: str  # signals.workflow.SIGNAL or DOSSIER
    reference_prefix: str  # "S" or "D"
    reference_digits: int  # zero-padded width of the number in the reference
    detail_url_name: str  # URL name of the detail page, called with the pk
    workbench_url_name: str  # URL name of the page coordinators handle it on
    public_slug: str  # its kind in the public follow-up URL
    bundles_signals: bool  # whether signals are bundled in it (and follow its actions)
    has_response_deadline: bool  # whether a first response has its own deadline
    # Every item also has ``assignee`` (the coordinator handling it; a concrete field, as
    # its column and reverse name differ) and ``submitted_by_id`` (None for a dossier).
    open_states: frozenset  # statuses in which the item is still being handled
    deadline_states: frozenset  # statuses in which the deadline counts

    title = models.CharField(_("titel"), max_length=200)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse(self.detail_url_name, args=[self.pk])

    def get_workbench_url(self):
        return reverse(self.workbench_url_name, args=[self.pk])

    @property
    def kind(self) -> str:
        return self.workflow_kind

    def subject_kwargs(self) -> dict:
        """How rows of a signal or a dossier (events, notes, follows ...) point to it."""
        return {self.workflow_kind: self}

    @property
    def reference(self) -> str:
        return f"{self.reference_prefix}-{self.pk:0{self.reference_digits}d}" if self.pk else ""

    @property
    def is_open(self) -> bool:
        return self.status in self.open_states

    @property
    def is_overdue(self) -> bool:
        return bool(
            self.deadline
            and self.status in self.deadline_states
            and self.deadline < timezone.localdate()
        )


class SignalQuerySet(WorkflowQuerySet):
    def visible_to(self, user):
        """Signals ``user`` may see: all for chain professionals, their own for others."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if is_chain_professional(user):
            return self
        return self.filter(submitted_by=user)

    def at_level(self, level):
        return self.filter(level=level)

    def for_lists(self):
        return self.select_related("phase", "organisation", "region", "dossier").prefetch_related(
            "themes"
        )


class Signal(WorkflowItem):
    workflow_kind = SIGNAL
    reference_prefix = "S"
    reference_digits = 5
    detail_url_name = "signals:detail"
    workbench_url_name = "signals:workbench_detail"
    public_slug = "signaal"
    bundles_signals = False
    has_response_deadline = True
    open_states = OPEN_STATES
    deadline_states = DEADLINE_STATES

    description = models.TextField(_("omschrijving"), max_length=5000)
    themes = models.ManyToManyField(
        "taxonomy.Theme", verbose_name=_("thema's"), blank=True, related_name="signals"
    )
    phase = models.ForeignKey(
        "taxonomy.Phase",
        verbose_name=_("fase"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    organisation = models.ForeignKey(
        "taxonomy.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    region = models.ForeignKey(
        "taxonomy.Region",
        verbose_name=_("regio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    frequency = models.CharField(
        _("hoe vaak komt het voor"), max_length=16, choices=Frequency.choices, blank=True
    )
    affected_count = models.PositiveIntegerField(
        _("aantal inburgeraars dat het raakt"), null=True, blank=True
    )
    urgency = models.CharField(
        _("urgentie"), max_length=16, choices=Urgency.choices, default=Urgency.NORMAAL
    )
    suggestion = models.TextField(_("suggestie voor een oplossing"), max_length=2000, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingediend door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submitted_signals",
    )
    source = models.CharField(
        _("bron"), max_length=16, choices=Source.choices, default=Source.PROFESSIONAL
    )
    source_label = models.CharField(_("namens"), max_length=200, blank=True)
    source_url = models.CharField(_("link naar de bron"), max_length=500, blank=True)
    level = models.CharField(
        _("niveau"), max_length=16, choices=Level.choices, default=Level.UITVOERING
    )
    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.INGEDIEND
    )
    dossier = models.ForeignKey(
        "signals.Dossier",
        verbose_name=_("dossier"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("behandelaar"),
        db_column="assigned_to_id",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_signals",
    )
    deadline = models.DateField(_("uiterste behandeldatum"), null=True, blank=True)
    response_deadline = models.DateField(_("uiterste reactiedatum"), null=True, blank=True)
    team = models.ForeignKey(
        "signals.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="signals",
    )
    concerned_organisations = models.ManyToManyField(
        "taxonomy.Organisation",
        verbose_name=_("betrokken organisaties"),
        blank=True,
        related_name="concerning_signals",
    )
    support_count = models.PositiveIntegerField(_("herkend door"), default=0)
    is_published = models.BooleanField(_("gepubliceerd"), default=False)
    public_summary = models.TextField(_("publieke samenvatting"), blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    outcome = models.TextField(_("uitkomst"), blank=True)
    outcome_at = models.DateTimeField(_("uitkomst op"), null=True, blank=True)
    answer_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("gepubliceerd antwoord"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("ingediend op"), default=timezone.now)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    objects = SignalQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        indexes = [
            models.Index(fields=["level", "status", "-created_at"], name="signal_queue_idx"),
            models.Index(fields=["team", "status", "-created_at"], name="signal_team_queue_idx"),
            models.Index(fields=["level", "status", "deadline"], name="signal_deadline_idx"),
            models.Index(fields=["status", "-created_at"], name="signal_status_idx"),
            models.Index(fields=["-created_at", "-id"], name="signal_created_idx"),
            models.Index(fields=["is_published", "-updated_at"], name="signal_published_idx"),
            # Reporting (reporting.figures): index-only scans for the figures of a period.
            # Signals created in the period (months, themes, phases, regions, organisations).
            models.Index(
                fields=["created_at"],
                include=["id", "level", "phase", "region", "organisation", "is_published"],
                name="signal_report_created_idx",
            ),
            # Outcomes in the period and their time to outcome.
            models.Index(
                fields=["outcome_at"],
                include=["created_at", "level", "status", "id", "phase", "region", "is_published"],
                condition=Q(outcome_at__isnull=False),
                name="signal_report_outcome_idx",
            ),
            # Open signals (status other than opgelost/afgewezen) and those over the deadline.
            models.Index(
                fields=["level", "created_at"],
                include=["status", "deadline", "id", "phase", "region", "is_published"],
                condition=~Q(status__in=[Status.AFGEWEZEN, Status.OPGELOST]),
                name="signal_report_open_idx",
            ),
        ]


class DossierQuerySet(WorkflowQuerySet):
    def visible_to(self, user):
        if not is_chain_professional(user):
            return self.none()
        return self


class Dossier(WorkflowItem):
    """A bundle of similar signals, handled together at schakel- or stelselniveau."""

    workflow_kind = DOSSIER
    reference_prefix = "D"
    reference_digits = 4
    detail_url_name = "signals:dossier_detail"
    workbench_url_name = "signals:dossier_detail"
    public_slug = "dossier"
    bundles_signals = True  # its signals follow its actions (Action.cascade)
    has_response_deadline = False
    open_states = DOSSIER_OPEN_STATES
    deadline_states = DOSSIER_OPEN_STATES  # a dossier's deadline counts while it is open
    submitted_by_id = None  # dossiers have no submitter; the workflow asks

    analysis = models.TextField(_("gezamenlijke analyse"), max_length=10000, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eigenaar"),
        db_column="owner_id",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_dossiers",
    )
    level = models.CharField(
        _("niveau"), max_length=16, choices=Level.choices, default=Level.SCHAKEL
    )
    status = models.CharField(
        _("status"), max_length=32, choices=Status.choices, default=Status.IN_BEHANDELING
    )
    deadline = models.DateField(_("uiterste behandeldatum"), null=True, blank=True)
    themes = models.ManyToManyField(
        "taxonomy.Theme", verbose_name=_("thema's"), blank=True, related_name="dossiers"
    )
    team = models.ForeignKey(
        "signals.Team",
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
    )
    outcome = models.TextField(_("uitkomst"), blank=True)
    outcome_at = models.DateTimeField(_("uitkomst op"), null=True, blank=True)
    is_published = models.BooleanField(_("gepubliceerd"), default=False)
    public_summary = models.TextField(_("publieke samenvatting"), blank=True)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    answer_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("gepubliceerd antwoord"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        indexes = [
            models.Index(fields=["level", "status"], name="dossier_queue_idx"),
            models.Index(fields=["is_published", "-updated_at"], name="dossier_published_idx"),
        ]


class Milestone(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("mijlpaal"), max_length=200)
    due_date = models.DateField(_("gepland op"), null=True, blank=True)
    done_at = models.DateTimeField(_("bereikt op"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("mijlpaal")
        verbose_name_plural = _("mijlpalen")

    def __str__(self):
        return self.title
