"""Shared vocabularies: themes, phases of the trajectory, regions and organisations.

They are data, edited by editors as Wagtail snippets, and referenced by knowledge,
signals, communities and reporting alike.
"""

from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class TaxonomyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class TaxonomyTerm(index.Indexed, models.Model):
    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=False)
    description = models.TextField(_("omschrijving"), blank=True)
    is_active = models.BooleanField(
        _("actief"),
        default=True,
        help_text=_("Inactieve termen blijven aan bestaande inhoud gekoppeld."),
    )

    objects = TaxonomyQuerySet.as_manager()

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:120]
        super().save(*args, **kwargs)


class Theme(TaxonomyTerm):
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("is_active"),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")


class Phase(TaxonomyTerm):
    """A phase of the civic-integration trajectory, in trajectory order."""

    number = models.PositiveSmallIntegerField(_("volgorde"), unique=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("number"),
        FieldPanel("description"),
        FieldPanel("is_active"),
    ]

    class Meta(TaxonomyTerm.Meta):
        ordering = ["number"]
        verbose_name = _("fase")
        verbose_name_plural = _("fasen")


class Region(TaxonomyTerm):
    class Kind(models.TextChoices):
        ARBEIDSMARKTREGIO = "arbeidsmarktregio", _("Arbeidsmarktregio")
        PROVINCIE = "provincie", _("Provincie")
        LANDELIJK = "landelijk", _("Landelijk")

    kind = models.CharField(
        _("soort"), max_length=32, choices=Kind.choices, default=Kind.ARBEIDSMARKTREGIO
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("description"),
        FieldPanel("is_active"),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")


class Organisation(TaxonomyTerm):
    class Type(models.TextChoices):
        KETENPARTNER = "ketenpartner", _("Ketenpartner")
        GEMEENTE = "gemeente", _("Gemeente")
        TAALSCHOOL = "taalschool", _("Taalschool of ROC")
        COA_LOCATIE = "coa_locatie", _("COA-locatie")
        MAATSCHAPPELIJK = "maatschappelijk", _("Maatschappelijke organisatie")
        WERKGEVER = "werkgever", _("Werkgever")
        OVERIG = "overig", _("Overig")

    abbreviation = models.CharField(_("afkorting"), max_length=20, blank=True)
    type = models.CharField(_("type"), max_length=32, choices=Type.choices, default=Type.OVERIG)
    region = models.ForeignKey(
        Region,
        verbose_name=_("regio"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organisations",
    )
    website = models.URLField(_("website"), blank=True)

    search_fields = TaxonomyTerm.search_fields + [index.SearchField("abbreviation")]

    panels = [
        FieldPanel("name"),
        FieldPanel("abbreviation"),
        FieldPanel("slug"),
        FieldPanel("type"),
        FieldPanel("region"),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("is_active"),
    ]

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self):
        return f"{self.name} ({self.abbreviation})" if self.abbreviation else self.name

    @property
    def is_ketenpartner(self) -> bool:
        return self.type == self.Type.KETENPARTNER
