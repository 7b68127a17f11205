"""What the knowledge base contributes to the site search (read by the ``search`` app).

Plain data and two functions per source; this module imports nothing from ``search``.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model, get_document_model_string

from core import access

from . import attachments
from .models import Audience, HandreikingPage, KnowledgeAttachment, PageFeedback, QuestionPage


def _text(stream) -> str:
    try:
        return " ".join(strip_tags(str(stream)).split())
    except Exception:  # a broken block must not stop indexing of the page
        return ""


def _access(page) -> list[str]:
    # Same rule as KnowledgePageQuerySet.visible_to: restricted pages (by audience or by a
    # Wagtail view restriction) only for signed-in chain professionals.
    if page.audience == Audience.PUBLIC and not page.get_view_restrictions().exists():
        return [access.PUBLIC]
    return [access.CHAIN]


def _quality(page) -> float:
    """Helpfulness from reader feedback (Laplace-smoothed, 0.5 without feedback)."""
    counts = PageFeedback.objects.filter(page=page).aggregate(
        yes=Count("pk", filter=Q(helpful=True)), no=Count("pk", filter=Q(helpful=False))
    )
    return (counts["yes"] + 1) / (counts["yes"] + counts["no"] + 2)


def _common(page) -> dict:
    return {
        "title": page.title,
        "url": page.get_url() or page.url_path,
        "date": page.last_published_at or page.first_published_at,
        "themes": [t.name for t in page.themes.all()],
        "phases": [p.name for p in page.phases.all()],
        "tags": [t.name for t in page.tags.all()],
        "access": _access(page),
        "quality": _quality(page),
    }


def question_document(page: QuestionPage) -> dict:
    return {
        **_common(page),
        "kind": "qa",
        "summary": page.short_answer,
        "body": _text(page.answer),
    }


def handreiking_document(page: HandreikingPage) -> dict:
    organisation = page.owner_organisation
    return {
        **_common(page),
        "kind": "handreiking",
        "summary": page.summary,
        "body": _text(page.body),
        "organisations": [organisation.abbreviation or organisation.name] if organisation else [],
    }


def attachment_document(document) -> dict | None:
    """A Wagtail document used on live knowledge pages: found by its title and (through the
    search app's extraction) the text inside the file, by the readers of those pages."""
    pages = attachments.pages_using(document)
    if not pages:
        return None
    public = attachments.outsiders_may_download(document) and not (
        document.collection.get_view_restrictions().exists()
    )
    return {
        "kind": "document",
        "title": document.title,
        "url": document.url,
        "date": document.created_at,
        "summary": _("Bijlage bij: %(pages)s") % {"pages": "; ".join(p.title for p in pages)},
        "body": "",
        "themes": sorted({t.name for p in pages for t in p.themes.all()}),
        "phases": sorted({ph.name for p in pages for ph in p.phases.all()}),
        "tags": [],
        "access": [access.PUBLIC] if public else [access.CHAIN],
    }


def _documents_of_page(page):
    return list(
        KnowledgeAttachment.objects.filter(page_id=page.pk).values_list("document_id", flat=True)
    )


def _documents_below(restriction):
    return list(
        KnowledgeAttachment.objects.filter(page__path__startswith=restriction.page.path)
        .values_list("document_id", flat=True)
        .distinct()
    )


def _feedback_pages(model):
    def resolve(feedback):
        return list(model.objects.filter(pk=feedback.page_id).values_list("pk", flat=True))

    return resolve


SOURCES = [
    {
        "name": "knowledge.question",
        "model": "knowledge.QuestionPage",
        "queryset": lambda: QuestionPage.objects.live().prefetch_related(
            "themes", "phases", "tags"
        ),
        "to_document": question_document,
        "depends_on": {"knowledge.PageFeedback": _feedback_pages(QuestionPage)},
    },
    {
        "name": "knowledge.handreiking",
        "model": "knowledge.HandreikingPage",
        "queryset": lambda: (
            HandreikingPage.objects.live()
            .select_related("owner_organisation")
            .prefetch_related("themes", "phases", "tags")
        ),
        "to_document": handreiking_document,
        "depends_on": {"knowledge.PageFeedback": _feedback_pages(HandreikingPage)},
    },
    {
        "name": "knowledge.document",
        "model": get_document_model_string(),
        "queryset": lambda: (
            get_document_model()
            .objects.filter(knowledge_uses__page__live=True)
            .select_related("collection")
            .distinct()
        ),
        "to_document": attachment_document,
        "depends_on": {
            "knowledge.KnowledgeAttachment": lambda row: [row.document_id],
            "knowledge.QuestionPage": _documents_of_page,
            "knowledge.HandreikingPage": _documents_of_page,
            "wagtailcore.PageViewRestriction": _documents_below,
        },
    },
]
