"""Standard reply texts per workflow action (optionally per theme). Imported by
``signals.models``; rendered by ``signals.services.replies``."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

TEMPLATE_ACTIONS = [
    ("request_info", _("Meer informatie vragen")),
    ("resolve", _("Oplossen")),
    ("decline", _("Afwijzen")),
    ("escalate", _("Doorzetten naar het volgende niveau")),
]


class ReplyTemplate(models.Model):
    name = models.CharField(_("naam"), max_length=120)
    action = models.CharField(_("handeling"), max_length=32, choices=TEMPLATE_ACTIONS)
    theme = models.ForeignKey(
        "taxonomy.Theme",
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Leeg: voor elk thema."),
    )
    text = models.TextField(
        _("tekst"),
        max_length=5000,
        help_text=_("Plaatshouders: {kenmerk}, {titel}, {niveau}, {team}."),
    )
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["action", "name"]
        verbose_name = _("standaardtekst")
        verbose_name_plural = _("standaardteksten")

    def __str__(self):
        return self.name
