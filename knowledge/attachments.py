"""The documents a knowledge page uses, kept in ``KnowledgeAttachment`` rows.

A document counts as attached when the page's content has a download block for it or a
link to it in rich text. ``sync(page)`` rewrites the rows after every save of a knowledge
page; removing and adding rows one by one (not in bulk) lets the search index hear of each
change. ``outsiders_may_download(document)`` is the download rule for attached documents.
"""

from __future__ import annotations

import re

from django.contrib.auth.models import AnonymousUser
from wagtail.documents import get_document_model

from .models import HandreikingPage, KnowledgeAttachment, QuestionPage

KNOWLEDGE_PAGE_MODELS = (QuestionPage, HandreikingPage)
_LINK = re.compile(r"<a\b[^>]*>", re.IGNORECASE)
_LINKTYPE = re.compile(r'linktype="document"', re.IGNORECASE)
_ID = re.compile(r'\bid="(\d+)"')


def _walk(value, found: set[int]) -> None:
    if isinstance(value, dict):
        if value.get("type") == "document" and isinstance(value.get("value"), dict):
            document_id = value["value"].get("document")
            if isinstance(document_id, int):
                found.add(document_id)
        for item in value.values():
            _walk(item, found)
    elif isinstance(value, list):
        for item in value:
            _walk(item, found)
    elif isinstance(value, str) and "linktype" in value:
        for tag in _LINK.findall(value):
            if _LINKTYPE.search(tag) and (match := _ID.search(tag)):
                found.add(int(match.group(1)))


def referenced_document_ids(page) -> set[int]:
    """Ids of the documents the page's stream fields use (blocks and rich-text links)."""
    from wagtail.fields import StreamField

    found: set[int] = set()
    for field in page._meta.get_fields():
        if isinstance(field, StreamField):
            _walk(list(getattr(page, field.name).raw_data), found)
    return found


def sync(page) -> None:
    wanted = set(
        get_document_model()
        .objects.filter(pk__in=referenced_document_ids(page))
        .values_list("pk", flat=True)
    )
    current = set(
        KnowledgeAttachment.objects.filter(page_id=page.pk).values_list("document_id", flat=True)
    )
    for row in KnowledgeAttachment.objects.filter(
        page_id=page.pk, document_id__in=current - wanted
    ):
        row.delete()
    for document_id in sorted(wanted - current):
        KnowledgeAttachment.objects.create(page_id=page.pk, document_id=document_id)


def pages_using(document, user=None) -> list:
    """The live knowledge pages that use ``document`` and ``user`` may read (any reader when
    ``user`` is None)."""
    page_ids = KnowledgeAttachment.objects.filter(document=document).values("page_id")
    pages = []
    for model in KNOWLEDGE_PAGE_MODELS:
        queryset = model.objects.live() if user is None else model.objects.visible_to(user)
        pages.extend(queryset.filter(pk__in=page_ids).order_by("title"))
    return pages


def is_attached(document) -> bool:
    return KnowledgeAttachment.objects.filter(document=document, page__live=True).exists()


def outsiders_may_download(document) -> bool:
    """An attached document may go to anyone when one public page uses it."""
    page_ids = KnowledgeAttachment.objects.filter(document=document).values("page_id")
    return any(
        model.objects.visible_to(AnonymousUser()).filter(pk__in=page_ids).exists()
        for model in KNOWLEDGE_PAGE_MODELS
    )
