"""Opbrengsten: what a community produced, offered as knowledge or raised as a signal."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .discussions import Thread
from .pages import CommunityPage, _readable_ids


class OpbrengstQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(community__in=_readable_ids(user))


class Opbrengst(models.Model):
    """An outcome of a community that may travel on as a knowledge draft or a signal."""

    class Kind(models.TextChoices):
        FINDING = "finding", _("Bevinding")
        PRACTICE = "practice", _("Praktijkvoorbeeld")
        ADVICE = "advice", _("Advies")

    class KnowledgeKind(models.TextChoices):
        HANDREIKING = "handreiking", _("Handreiking")
        QUESTION = "question", _("Vraag en antwoord")

    community = models.ForeignKey(
        CommunityPage, on_delete=models.CASCADE, related_name="opbrengsten"
    )
    kind = models.CharField(_("soort"), max_length=16, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("samenvatting"), max_length=1000)
    body = models.TextField(_("toelichting"), max_length=10000, blank=True)
    source_thread = models.ForeignKey(
        Thread, null=True, blank=True, on_delete=models.SET_NULL, related_name="opbrengsten"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    knowledge_kind = models.CharField(
        max_length=16, choices=KnowledgeKind.choices, blank=True, default=""
    )
    knowledge_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("concept in de kennisbank"),
    )
    offered_at = models.DateTimeField(null=True, blank=True)
    signal = models.ForeignKey(
        "signals.Signal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gemeld als signaal"),
    )
    signalled_at = models.DateTimeField(null=True, blank=True)

    objects = OpbrengstQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("opbrengst")
        verbose_name_plural = _("opbrengsten")

    def __str__(self):
        return self.title
