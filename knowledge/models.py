"""The knowledge base: handreikingen and questions with answers, curated by Divosa editors.

Every knowledge page is either public or visible to signed-in chain professionals
only (``audience``). ``visible_to(user)`` on the page querysets is the one rule used
by pages, listings, theme pages, related questions, feeds and search.
"""

from __future__ import annotations

import calendar
from datetime import date

from django import forms
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
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
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from accounts import roles
from core.http_cache import FastViewRestrictionsMixin, public_pages

from .blocks import AnswerBlock, KnowledgeBodyBlock, SourcesBlock


def can_see_restricted(user) -> bool:
    """Restricted knowledge is for chain professionals (one definition, in accounts.roles)."""
    return user is not None and roles.is_chain_professional(user)


def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def breadcrumbs(page, request) -> list[dict]:
    """Ancestors below the home page as {title, url} (one query)."""
    ancestors = (
        page.get_ancestors().filter(depth__gt=2).only("id", "title", "url_path", "path", "depth")
    )
    return [{"title": a.title, "url": a.get_url(request)} for a in ancestors]


class Audience(models.TextChoices):
    PUBLIC = "public", _("Openbaar")
    PROFESSIONALS = "professionals", _("Alleen ingelogde ketenprofessionals")


class KnowledgePageQuerySet(PageQuerySet):
    def visible_to(self, user):
        """Live pages the user may see: restricted pages only for signed-in chain professionals."""
        qs = self.live()
        if can_see_restricted(user):
            return qs
        return public_pages(qs.filter(audience=Audience.PUBLIC))

    def review_due(self, on: date | None = None):
        return self.filter(review_due_at__lte=on or timezone.localdate())


KnowledgePageManager = PageManager.from_queryset(KnowledgePageQuerySet)


class KnowledgePageMixin(FastViewRestrictionsMixin, models.Model):
    """Fields and behaviour shared by handreikingen and questions."""

    fast_route = True  # resolved by url_path (core.http_cache)

    audience = models.CharField(
        _("zichtbaarheid"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.PUBLIC,
        db_index=True,
        help_text=_(
            "Beperkte inhoud is onzichtbaar en onvindbaar voor bezoekers die niet inloggen."
        ),
    )
    themes = ParentalManyToManyField(
        "taxonomy.Theme", blank=True, related_name="%(class)ss", verbose_name=_("thema's")
    )
    phases = ParentalManyToManyField(
        "taxonomy.Phase", blank=True, related_name="%(class)ss", verbose_name=_("fasen")
    )
    last_reviewed = models.DateField(_("laatst beoordeeld"), default=date.today)
    review_interval_months = models.PositiveSmallIntegerField(
        _("beoordelen na (maanden)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    review_due_at = models.DateField(
        _("opnieuw beoordelen op"), null=True, blank=True, editable=False, db_index=True
    )
    change_note = models.CharField(
        _("wijziging in deze versie"),
        max_length=255,
        blank=True,
        help_text=_("Korte, openbare toelichting, getoond bij 'laatst bijgewerkt'."),
    )
    origin_note = models.TextField(
        _("herkomst"),
        blank=True,
        help_text=_("Intern: waar deze inhoud uit voortkomt (signaal, community, vraag)."),
    )
    origin_url = models.CharField(_("link naar herkomst"), max_length=500, blank=True)

    objects = KnowledgePageManager()

    review_panels = [
        FieldPanel("audience"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("last_reviewed"), FieldPanel("review_interval_months")]),
                FieldPanel("change_note"),
            ],
            heading=_("Actualiteit"),
        ),
        MultiFieldPanel(
            [FieldPanel("origin_note"), FieldPanel("origin_url")], heading=_("Herkomst")
        ),
    ]

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.last_reviewed:
            self.review_due_at = add_months(self.last_reviewed, self.review_interval_months or 12)
        super().save(*args, **kwargs)

    @property
    def is_restricted(self) -> bool:
        return self.audience == Audience.PROFESSIONALS

    @property
    def review_overdue(self) -> bool:
        return bool(self.review_due_at and self.review_due_at <= timezone.localdate())

    def is_visible_to(self, user) -> bool:
        return self.live and (not self.is_restricted or can_see_restricted(user))

    def serve(self, request, *args, **kwargs):
        if self.is_restricted and not can_see_restricted(request.user):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise Http404
        return super().serve(request, *args, **kwargs)

    def knowledge_context(self, request, context):
        from .forms import FeedbackForm

        context.setdefault("feedback_form", FeedbackForm())
        context["breadcrumbs"] = breadcrumbs(self, request)
        context["page_themes"] = list(self.themes.all())
        context["page_phases"] = list(self.phases.all())
        context["page_tags"] = list(self.tags.all())
        if request.user.is_authenticated and request.user.has_perm("knowledge.view_pagefeedback"):
            context["feedback_counts"] = PageFeedback.objects.filter(page=self).aggregate(
                yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
            )
        return context


# --- Index pages -----------------------------------------------------------------


class KnowledgeIndexPage(FastViewRestrictionsMixin, Page):
    """The kennisbank (/kennisbank/): themes overview, latest questions and handreikingen."""

    intro = models.TextField(_("introductie"), max_length=600, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["website.HomePage"]
    subpage_types = ["knowledge.QuestionIndexPage", "knowledge.HandreikingIndexPage"]
    max_count = 1
    fast_route = True

    class Meta:
        verbose_name = _("kennisbank")

    def get_context(self, request, *args, **kwargs):
        from taxonomy.models import Theme

        context = super().get_context(request, *args, **kwargs)
        user = request.user
        restricted_ok = can_see_restricted(user)
        q_filter = Q(questionpages__live=True)
        h_filter = Q(handreikingpages__live=True)
        if not restricted_ok:
            q_filter &= Q(questionpages__audience=Audience.PUBLIC)
            h_filter &= Q(handreikingpages__audience=Audience.PUBLIC)
        context["themes"] = [
            theme
            for theme in Theme.objects.active().annotate(
                question_count=Count("questionpages", filter=q_filter, distinct=True),
                handreiking_count=Count("handreikingpages", filter=h_filter, distinct=True),
            )
            if theme.question_count or theme.handreiking_count
        ]
        context["latest_questions"] = list(
            QuestionPage.objects.visible_to(user).order_by("-last_published_at")[:6]
        )
        context["latest_handreikingen"] = list(
            HandreikingPage.objects.visible_to(user).order_by("-last_published_at")[:4]
        )
        context["question_index"] = QuestionIndexPage.objects.live().first()
        context["handreiking_index"] = HandreikingIndexPage.objects.live().first()
        return context


class FilteredIndexMixin:
    """List visible child items with a theme and phase filter and pagination."""

    item_model: type[Page]
    per_page = 20

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        from .forms import KnowledgeFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = KnowledgeFilterForm(request.GET or None)
        items = self.item_model.objects.visible_to(request.user).child_of(self)
        if form.is_valid():
            if form.cleaned_data.get("theme"):
                items = items.filter(themes=form.cleaned_data["theme"])
            if form.cleaned_data.get("phase"):
                items = items.filter(phases=form.cleaned_data["phase"])
            if form.cleaned_data.get("q"):
                items = items.filter(title__icontains=form.cleaned_data["q"])
        items = items.order_by("title")
        paginator = Paginator(items, self.per_page)
        page_obj = paginator.get_page(request.GET.get("page"))
        context.update(
            filter_form=form,
            page_obj=page_obj,
            items=list(page_obj.object_list),
            breadcrumbs=breadcrumbs(self, request),
        )
        return context


class QuestionIndexPage(FastViewRestrictionsMixin, FilteredIndexMixin, Page):
    intro = models.TextField(_("introductie"), max_length=600, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = ["knowledge.QuestionPage"]
    fast_route = True

    class Meta:
        verbose_name = _("overzicht vragen en antwoorden")

    @property
    def item_model(self):
        return QuestionPage


class HandreikingIndexPage(FastViewRestrictionsMixin, FilteredIndexMixin, Page):
    intro = models.TextField(_("introductie"), max_length=600, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["knowledge.KnowledgeIndexPage"]
    subpage_types = ["knowledge.HandreikingPage"]
    fast_route = True

    class Meta:
        verbose_name = _("overzicht handreikingen")

    @property
    def item_model(self):
        return HandreikingPage


# --- Content pages ---------------------------------------------------------------


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


class PageFeedbackQuerySet(models.QuerySet):
    def visible_to(self, user):
        if (
            user is not None
            and user.is_authenticated
            and user.has_perm("knowledge.view_pagefeedback")
        ):
            return self
        return self.none()


class PageFeedback(models.Model):
    """'Was dit nuttig?': anonymous by design (no user, no IP address stored)."""

    page = models.ForeignKey(
        Page, on_delete=models.CASCADE, related_name="knowledge_feedback", verbose_name=_("pagina")
    )
    helpful = models.BooleanField(_("nuttig"))
    comment = models.TextField(_("toelichting"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("ontvangen"), default=timezone.now, db_index=True)

    objects = PageFeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("feedback op pagina")
        verbose_name_plural = _("feedback op pagina's")
        permissions = [("export_pagefeedback", _("Kan feedback exporteren"))]

    def __str__(self):
        return f"{self.page_id}: {'ja' if self.helpful else 'nee'}"


class QuestionRequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        if user.has_perm("knowledge.change_questionrequest"):
            return self
        return self.filter(asker=user)


class QuestionRequest(models.Model):
    """'Stel een vraag': a professional's question waiting for the editors."""

    class Status(models.TextChoices):
        NEW = "nieuw", _("Nieuw")
        IN_PROGRESS = "in_behandeling", _("In behandeling")
        ANSWERED = "beantwoord", _("Beantwoord")
        DECLINED = "afgewezen", _("Niet opgenomen")

    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="knowledge_questions",
        verbose_name=_("vraagsteller"),
    )
    question = models.CharField(_("vraag"), max_length=300)
    explanation = models.TextField(_("toelichting"), max_length=2000, blank=True)
    themes = models.ManyToManyField(
        "taxonomy.Theme", blank=True, related_name="question_requests", verbose_name=_("thema's")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    editor_reply = models.TextField(
        _("bericht aan vraagsteller"),
        blank=True,
        help_text=_(
            "Zichtbaar voor de vraagsteller, bijvoorbeeld waarom de vraag niet is opgenomen."
        ),
    )
    answer = models.ForeignKey(
        QuestionPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="question_requests",
        verbose_name=_("antwoord"),
    )
    created_at = models.DateTimeField(_("gesteld op"), default=timezone.now, db_index=True)
    answered_at = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    notified_at = models.DateTimeField(_("vraagsteller bericht op"), null=True, blank=True)

    objects = QuestionRequestQuerySet.as_manager()

    panels = [
        FieldPanel("question", read_only=True),
        FieldPanel("explanation", read_only=True),
        FieldPanel("themes", read_only=True),
        FieldPanel("status"),
        PageChooserPanel("answer", page_type="knowledge.QuestionPage"),
        FieldPanel("editor_reply"),
    ]

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("gestelde vraag")
        verbose_name_plural = _("gestelde vragen")

    def __str__(self):
        return self.question
