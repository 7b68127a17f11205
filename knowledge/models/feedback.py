"""Feedback and questions from users."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import (
    FieldPanel,
    PageChooserPanel,
)
from wagtail.models import Page


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
        "knowledge.QuestionPage",
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
