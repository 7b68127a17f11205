"""Shared parts of knowledge pages: audience, the visibility rule, review dates."""

from __future__ import annotations

import calendar
from datetime import date

from django.contrib.auth.views import redirect_to_login
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
)
from wagtail.models import PageManager
from wagtail.query import PageQuerySet

from accounts import roles
from core.http_cache import FastViewRestrictionsMixin, public_pages


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
        from ..forms import FeedbackForm

        context.setdefault("feedback_form", FeedbackForm())
        context["breadcrumbs"] = breadcrumbs(self, request)
        context["page_themes"] = list(self.themes.all())
        context["page_phases"] = list(self.phases.all())
        context["page_tags"] = list(self.tags.all())
        if request.user.is_authenticated and request.user.has_perm("knowledge.view_pagefeedback"):
            from .feedback import PageFeedback

            context["feedback_counts"] = PageFeedback.objects.filter(page=self).aggregate(
                yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
            )
        return context
