"""Ketenindicatoren (indicators per phase with values per period and region) and the stored
quarterly report snapshots.

Indicators and their values are Wagtail snippets edited by the redactie; values can also be
imported from CSV (``reporting.services.import_indicator_values``). A ``QuarterlyReport`` is
a frozen snapshot of the figures of one quarter and scope, written by
``reporting.services.generate_quarterly_report`` (the scheduled job and the on-demand button).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from .periods import Period


class Direction(models.TextChoices):
    HIGHER = "hoger", _("Hoger is beter")
    LOWER = "lager", _("Lager is beter")


class PeriodKind(models.TextChoices):
    QUARTER = "kwartaal", _("Kwartaal")
    MONTH = "maand", _("Maand")


class IndicatorQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class Indicator(index.Indexed, models.Model):
    """A ketenindicator: a measurable ambition of the partners for one phase of the trajectory."""

    name = models.CharField(_("naam"), max_length=160, unique=True)
    slug = models.SlugField(
        _("code"),
        max_length=80,
        unique=True,
        help_text=_("Korte code voor het importbestand, bijvoorbeeld 'doorlooptijd-pip'."),
    )
    phase = models.ForeignKey(
        "taxonomy.Phase",
        verbose_name=_("fase"),
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    definition = models.TextField(
        _("definitie"), max_length=2000, help_text=_("Wat wordt er precies gemeten, en hoe?")
    )
    unit = models.CharField(
        _("eenheid"), max_length=40, help_text=_("Bijvoorbeeld %, dagen of aantal.")
    )
    target = models.DecimalField(
        _("streefwaarde"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    direction = models.CharField(
        _("richting"), max_length=8, choices=Direction.choices, default=Direction.HIGHER
    )
    source = models.ForeignKey(
        "taxonomy.Organisation",
        verbose_name=_("bronpartner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="indicators",
        help_text=_("De ketenpartner die de cijfers aanlevert."),
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("actief"), default=True)

    objects = IndicatorQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("phase"),
        FieldPanel("definition"),
        FieldPanel("unit"),
        FieldPanel("target"),
        FieldPanel("direction"),
        FieldPanel("source"),
        FieldPanel("order"),
        FieldPanel("is_active"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["phase__number", "order", "name"]
        verbose_name = _("ketenindicator")
        verbose_name_plural = _("ketenindicatoren")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        super().save(*args, **kwargs)

    def meets_target(self, value) -> bool | None:
        if self.target is None or value is None:
            return None
        if self.direction == Direction.LOWER:
            return value <= self.target
        return value >= self.target


class IndicatorValue(models.Model):
    """One measured value of an indicator for one period (quarter or month) and region.

    ``region`` empty means the national figure. One row per indicator, period and region:
    entering or importing the same combination again updates it.
    """

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    period_kind = models.CharField(
        _("soort periode"), max_length=8, choices=PeriodKind.choices, default=PeriodKind.QUARTER
    )
    period_start = models.DateField(
        _("begin van de periode"),
        help_text=_("De eerste dag van het kwartaal of de maand."),
    )
    region = models.ForeignKey(
        "taxonomy.Region",
        verbose_name=_("regio"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicator_values",
        help_text=_("Leeg: landelijk cijfer."),
    )
    value = models.DecimalField(_("waarde"), max_digits=14, decimal_places=2)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("bijgewerkt op"), auto_now=True)

    panels = [
        FieldPanel("indicator"),
        FieldPanel("period_kind"),
        FieldPanel("period_start"),
        FieldPanel("region"),
        FieldPanel("value"),
        FieldPanel("note"),
    ]

    class Meta:
        ordering = ["indicator", "period_start", "region__name"]
        verbose_name = _("waarde van een ketenindicator")
        verbose_name_plural = _("waarden van ketenindicatoren")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_kind", "period_start", "region"],
                condition=Q(region__isnull=False),
                name="indicatorvalue_once_per_region",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period_kind", "period_start"],
                condition=Q(region__isnull=True),
                name="indicatorvalue_once_national",
            ),
        ]
        indexes = [models.Index(fields=["indicator", "period_start"], name="indicatorvalue_idx")]

    def __str__(self):
        return f"{self.indicator} {self.period_label}: {self.value}"

    @property
    def period(self) -> Period:
        return Period.starting(self.period_kind, self.period_start)

    @property
    def period_label(self) -> str:
        return self.period.label

    def clean(self):
        if self.period_start:
            try:
                Period.starting(self.period_kind, self.period_start)
            except ValueError as exc:
                raise ValidationError({"period_start": str(exc)})
        duplicate = IndicatorValue.objects.filter(
            indicator_id=self.indicator_id,
            period_kind=self.period_kind,
            period_start=self.period_start,
            region_id=self.region_id,
        ).exclude(pk=self.pk)
        if self.indicator_id and duplicate.exists():
            raise ValidationError(
                _("Voor deze indicator, periode en regio is al een waarde ingevoerd.")
            )


class QuarterlyReport(models.Model):
    """A stored snapshot of the kwartaalrapportage of one quarter and scope (JSON figures)."""

    scope = models.CharField(_("niveau"), max_length=16)
    year = models.PositiveSmallIntegerField(_("jaar"))
    quarter = models.PositiveSmallIntegerField(_("kwartaal"))
    data = models.JSONField(_("cijfers"), default=dict)
    generated_at = models.DateTimeField(_("gemaakt op"))
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gemaakt door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-year", "-quarter", "scope"]
        verbose_name = _("kwartaalrapportage")
        verbose_name_plural = _("kwartaalrapportages")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "year", "quarter"], name="quarterlyreport_once_per_scope"
            )
        ]

    def __str__(self):
        return f"{self.year}-K{self.quarter} {self.scope}"

    def get_absolute_url(self):
        return reverse("reporting:quarterly", args=[self.scope, f"{self.year}-K{self.quarter}"])

    @property
    def period(self) -> Period:
        return Period.quarter(self.year, self.quarter)
