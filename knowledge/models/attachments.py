"""Which Wagtail documents the live knowledge pages use (download blocks and document links).

Rewritten from a page's content each time the page is saved (``knowledge.attachments.sync``);
the search index reads it to index the documents for the readers of those pages, and the
document download checks it so a document of restricted pages is not served to outsiders.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string
from wagtail.models import Page


class KnowledgeAttachment(models.Model):
    page = models.ForeignKey(
        Page,
        on_delete=models.CASCADE,
        related_name="knowledge_attachments",
        verbose_name=_("pagina"),
    )
    document = models.ForeignKey(
        get_document_model_string(),
        on_delete=models.CASCADE,
        related_name="knowledge_uses",
        verbose_name=_("document"),
    )

    class Meta:
        verbose_name = _("bijlage van een kennispagina")
        verbose_name_plural = _("bijlagen van kennispagina's")
        constraints = [
            models.UniqueConstraint(fields=["page", "document"], name="knowledge_attachment_once")
        ]

    def __str__(self):
        return f"{self.page_id} → {self.document_id}"
