"""Content pages: questions with answers, and handreikingen."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from ..blocks import AnswerBlock, KnowledgeBodyBlock, SourcesBlock
from .base import KnowledgePageMixin


class QuestionPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "knowledge.QuestionPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class HandreikingPageTag(TaggedItemBase):
    content_object = ParentalKey(
        "knowledge.HandreikingPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class QuestionPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "short_answer" in self.fields:
            self.fields["short_answer"].required = True


class QuestionPage(KnowledgePageMixin, Page):
    """One question with its answer. The title is the question."""

    base_form_class = QuestionPageForm
    SUGGESTION_CANDIDATES = 200

    short_answer = models.TextField(
        _("kort antwoord"),
        max_length=600,
        blank=True,  # drafts from other apps may start without one; the admin form requires it
        help_text=_("Eén tot drie zinnen."),
    )
    answer = StreamField(AnswerBlock(), blank=True, verbose_name=_("volledig antwoord"))
    sources = StreamField(SourcesBlock(), blank=True, verbose_name=_("bronnen"))
    tags = ClusterTaggableManager(through=QuestionPageTag, blank=True, verbose_name=_("tags"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("aangevraagd door"),
    )

    content_panels = Page.content_panels + [
        FieldPanel("short_answer"),
        FieldPanel("answer"),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("phases", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Ordening"),
        ),
        FieldPanel("sources"),
        InlinePanel("related_links", label=_("Gerelateerde vragen")),
        *KnowledgePageMixin.review_panels,
    ]

    search_fields = Page.search_fields + [
        index.SearchField("short_answer", boost=2),
        index.SearchField("answer"),
        index.FilterField("audience"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["knowledge.QuestionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("vraag en antwoord")
        verbose_name_plural = _("vragen en antwoorden")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.knowledge_context(request, context)
        user = request.user
        chosen = list(
            QuestionPage.objects.visible_to(user)
            .filter(linked_from__page=self)
            .exclude(pk=self.pk)
            .order_by("linked_from__sort_order")
            .only("id", "title", "url_path", "path", "depth", "short_answer")
        )
        context["related_questions"] = chosen
        context["suggested_questions"] = self.suggestions(
            user,
            theme_ids=[t.pk for t in context["page_themes"]],
            tag_ids=[t.pk for t in context["page_tags"]],
            exclude=[self.pk, *[q.pk for q in chosen]],
        )
        return context

    def suggestions(self, user, *, theme_ids, tag_ids, exclude=(), limit=5):
        """Visible questions sharing themes or tags, best overlap first (one query)."""
        if not theme_ids and not tag_ids:
            return []
        match = Q(themes__in=theme_ids) | Q(tagged_items__tag_id__in=tag_ids)
        return list(
            QuestionPage.objects.visible_to(user)
            # Score only the most recent candidates, so the cost does not grow with the base.
            .filter(
                pk__in=QuestionPage.objects.filter(match, live=True)
                .order_by("-last_published_at")
                .values("pk")[: self.SUGGESTION_CANDIDATES]
            )
            .exclude(pk__in=list(exclude))
            .annotate(
                shared=Count("themes", filter=Q(themes__in=theme_ids), distinct=True)
                + Count("tagged_items", filter=Q(tagged_items__tag_id__in=tag_ids), distinct=True)
            )
            .order_by("-shared", "-last_published_at", "pk")
            .only("id", "title", "url_path", "path", "depth", "short_answer")[:limit]
        )


class RelatedQuestion(Orderable):
    page = ParentalKey(QuestionPage, on_delete=models.CASCADE, related_name="related_links")
    question = models.ForeignKey(
        QuestionPage,
        on_delete=models.CASCADE,
        related_name="linked_from",
        verbose_name=_("vraag"),
    )

    panels = [PageChooserPanel("question", page_type="knowledge.QuestionPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("gerelateerde vraag")


class HandreikingPage(KnowledgePageMixin, Page):
    """Guidance for professionals, versioned and reviewed."""

    summary = models.TextField(_("samenvatting"), max_length=800)
    body = StreamField(KnowledgeBodyBlock(), blank=True, verbose_name=_("inhoud"))
    tags = ClusterTaggableManager(through=HandreikingPageTag, blank=True, verbose_name=_("tags"))
    owner_organisation = models.ForeignKey(
        "taxonomy.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="handreikingen",
        verbose_name=_("eigenaar (organisatie)"),
    )
    version_label = models.CharField(_("versie"), max_length=40, blank=True)
    valid_from = models.DateField(_("geldig vanaf"), null=True, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("phases", widget=forms.CheckboxSelectMultiple),
                FieldPanel("tags"),
            ],
            heading=_("Ordening"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("owner_organisation"),
                FieldRowPanel([FieldPanel("version_label"), FieldPanel("valid_from")]),
            ],
            heading=_("Versie en eigenaar"),
        ),
        *KnowledgePageMixin.review_panels,
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("audience"),
        index.RelatedFields("themes", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["knowledge.HandreikingIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("handreiking")
        verbose_name_plural = _("handreikingen")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.knowledge_context(request, context)
        return context


# --- Feedback and questions from users -------------------------------------------
