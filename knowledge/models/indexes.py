"""Index pages of the kennisbank: the overview and the filtered lists."""

from __future__ import annotations

from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
)
from wagtail.models import Page

from core.http_cache import FastViewRestrictionsMixin

from .base import Audience, breadcrumbs, can_see_restricted
from .pages import HandreikingPage, QuestionPage

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

        from ..forms import KnowledgeFilterForm

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
