"""The search index as database tables (a secondary index: always rebuildable from the sources).

Portable columns hold everything; on PostgreSQL a migration adds a weighted ``tsvector``,
``text[]`` copies of the access and facet tokens (GIN indexed) and a trigram index on the
title, all maintained by a trigger so bulk inserts need no extra work.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, PageChooserPanel

from .text import fold, normalise_for_log

TOKEN_SEPARATOR = "|"


def pack_tokens(tokens) -> str:
    """A list of tokens -> ``|a|b|c|`` (tokens never contain the separator)."""
    cleaned = []
    for token in tokens:
        token = str(token).replace(TOKEN_SEPARATOR, "/").strip()
        if token and token not in cleaned:
            cleaned.append(token)
    return TOKEN_SEPARATOR + TOKEN_SEPARATOR.join(cleaned) + TOKEN_SEPARATOR if cleaned else ""


def unpack_tokens(value: str) -> list[str]:
    return [token for token in (value or "").split(TOKEN_SEPARATOR) if token]


class SearchDocument(models.Model):
    """One searchable item of any content app."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    source = models.CharField(max_length=64, db_index=True)
    kind = models.CharField(max_length=32, db_index=True)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    keywords = models.TextField(blank=True)
    title_folded = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=500)
    date = models.DateTimeField(null=True, blank=True, db_index=True)
    level = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=64, blank=True)
    facets = models.TextField(blank=True, help_text="|kind:qa|theme:PIP|phase:...|")
    access = models.TextField(help_text="|public|chain|community:3|")
    quality = models.FloatField(default=0.0)
    indexed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_document_unique_object"
            )
        ]
        verbose_name = _("zoekdocument")
        verbose_name_plural = _("zoekdocumenten")

    def __str__(self):
        return f"{self.kind}: {self.title}"

    @property
    def access_tokens(self) -> list[str]:
        return unpack_tokens(self.access)

    @property
    def facet_tokens(self) -> list[str]:
        return unpack_tokens(self.facets)


class SearchTerm(models.Model):
    """Vocabulary for "bedoelde u ...?": title words per access token, with document counts.

    A suggestion only comes from words of documents the asking user may see.
    """

    term = models.CharField(max_length=60)
    token = models.CharField(max_length=80)
    documents = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["term", "token"], name="search_term_unique_token")
        ]
        indexes = [models.Index(fields=["token", "term"])]

    def __str__(self):
        return self.term


class Synonym(models.Model):
    """A group of equivalent search terms, managed by editors; effective at the next query."""

    terms = models.TextField(
        _("termen"),
        help_text=_(
            "Gelijkwaardige zoektermen, gescheiden door komma's, bijvoorbeeld: "
            "statushouder, asielstatushouder, vergunninghouder"
        ),
    )
    is_active = models.BooleanField(_("actief"), default=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    panels = [FieldPanel("terms"), FieldPanel("is_active")]

    class Meta:
        ordering = ["terms"]
        verbose_name = _("synoniemengroep")
        verbose_name_plural = _("synoniemen")

    def __str__(self):
        return self.terms[:120]

    def term_list(self) -> list[str]:
        result = []
        for part in self.terms.split(","):
            term = " ".join(fold(part).split())
            if term and term not in result:
                result.append(term)
        return result

    def clean(self):
        from django.core.exceptions import ValidationError

        if len(self.term_list()) < 2:
            raise ValidationError(
                {"terms": _("Geef minstens twee termen, gescheiden door komma's.")}
            )


class PromotedResult(models.Model):
    """An editor pins an item to the top of the results for a query."""

    query = models.CharField(
        _("zoekvraag"),
        max_length=200,
        help_text=_(
            "De zoekvraag waarvoor dit resultaat bovenaan staat (hoofdletters en accenten maken niet uit)."
        ),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("pagina"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    url = models.CharField(
        _("of adres"),
        max_length=500,
        blank=True,
        help_text=_(
            "Voor een item dat geen pagina is: het adres op deze site, bijvoorbeeld /signalen/12/."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_active = models.BooleanField(_("actief"), default=True)
    normalised_query = models.CharField(max_length=200, editable=False, db_index=True)

    panels = [
        FieldPanel("query"),
        PageChooserPanel("page"),
        FieldPanel("url"),
        FieldPanel("sort_order"),
        FieldPanel("is_active"),
    ]

    class Meta:
        ordering = ["normalised_query", "sort_order"]
        verbose_name = _("uitgelicht resultaat")
        verbose_name_plural = _("uitgelichte resultaten")

    def __str__(self):
        return f"{self.query} → {self.page or self.url}"

    def save(self, *args, **kwargs):
        self.normalised_query = normalise_for_log(self.query)
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        if not self.page_id and not self.url:
            raise ValidationError(_("Kies een pagina of vul een adres in."))


class SearchQuery(models.Model):
    """One executed search, for editors' analytics. Deliberately without any user identity."""

    query = models.CharField(_("zoekvraag"), max_length=200, db_index=True)
    result_count = models.PositiveIntegerField(_("aantal resultaten"))
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    channel = models.CharField(_("kanaal"), max_length=16, default="page")
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("zoekopdracht")
        verbose_name_plural = _("zoekopdrachten")

    def __str__(self):
        return self.query


class SearchClick(models.Model):
    """A click on a search result (position counted from 1)."""

    search = models.ForeignKey(
        SearchQuery, null=True, blank=True, on_delete=models.SET_NULL, related_name="clicks"
    )
    document = models.ForeignKey(
        SearchDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    query = models.CharField(max_length=200, db_index=True)
    position = models.PositiveSmallIntegerField()
    url = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("klik op zoekresultaat")
        verbose_name_plural = _("kliks op zoekresultaten")

    def __str__(self):
        return f"{self.query} #{self.position}"


SYNONYM_CACHE_KEY = "search:synonyms:v1"
PROMOTED_CACHE_KEY = "search:promoted:v1"


@receiver([post_save, post_delete], sender=Synonym)
def _synonyms_changed(**kwargs):
    cache.delete(SYNONYM_CACHE_KEY)


@receiver([post_save, post_delete], sender=PromotedResult)
def _promoted_changed(**kwargs):
    cache.delete(PROMOTED_CACHE_KEY)


class SearchFeedback(models.Model):
    """'Heeft u gevonden wat u zocht?': one answer, stored without any user identity."""

    query = models.CharField(_("zoekvraag"), max_length=200, db_index=True)
    found = models.BooleanField(_("gevonden"))
    comment = models.TextField(_("toelichting"), blank=True)
    created_at = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("zoekfeedback")
        verbose_name_plural = _("zoekfeedback")

    def __str__(self):
        return f"{self.query}: {'ja' if self.found else 'nee'}"


class ExtractedText(models.Model):
    """The searchable text of an uploaded file (PDF, DOCX, ODT), extracted in the background.

    A file that cannot be read (encrypted, corrupt, too large, a zip bomb) keeps its upload:
    it stays listed where it was uploaded, is not indexed by its content, and the reason is
    shown to editors in the admin (*Documentteksten*).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht op verwerking")
        INDEXED = "indexed", _("Doorzoekbaar")
        FAILED = "failed", _("Niet doorzoekbaar")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    name = models.CharField(_("bestand"), max_length=255)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(_("verwerkt"), auto_now=True)

    panels = [FieldPanel("name", read_only=True), FieldPanel("status", read_only=True)]

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="search_extracted_unique_object"
            )
        ]
        verbose_name = _("documenttekst")
        verbose_name_plural = _("documentteksten")

    def __str__(self):
        return self.name
