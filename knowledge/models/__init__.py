"""The knowledge base: handreikingen and questions with answers, curated by Divosa editors.

Every knowledge page is either public or visible to signed-in chain professionals
only (``audience``). ``visible_to(user)`` on the page querysets is the one rule used
by pages, listings, theme pages, related questions, feeds and search.

The models live in modules by concern; this package re-exports them.
"""

from .attachments import KnowledgeAttachment
from .base import (
    Audience,
    KnowledgePageMixin,
    KnowledgePageQuerySet,
    add_months,
    breadcrumbs,
    can_see_restricted,
)
from .feedback import (
    PageFeedback,
    PageFeedbackQuerySet,
    QuestionRequest,
    QuestionRequestQuerySet,
)
from .indexes import (
    FilteredIndexMixin,
    HandreikingIndexPage,
    KnowledgeIndexPage,
    QuestionIndexPage,
)
from .pages import (
    HandreikingPage,
    HandreikingPageTag,
    QuestionPage,
    QuestionPageForm,
    QuestionPageTag,
    RelatedQuestion,
)

__all__ = [
    "Audience",
    "FilteredIndexMixin",
    "HandreikingIndexPage",
    "HandreikingPage",
    "HandreikingPageTag",
    "KnowledgeAttachment",
    "KnowledgeIndexPage",
    "KnowledgePageMixin",
    "KnowledgePageQuerySet",
    "PageFeedback",
    "PageFeedbackQuerySet",
    "QuestionIndexPage",
    "QuestionPage",
    "QuestionPageForm",
    "QuestionPageTag",
    "QuestionRequest",
    "QuestionRequestQuerySet",
    "RelatedQuestion",
    "add_months",
    "breadcrumbs",
    "can_see_restricted",
]
