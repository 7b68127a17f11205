"""Communities of Practice: public description as Wagtail pages, the rest as plain models.

Visibility is decided in one place per model (``visible_to(user)``):

* a community *page* is visible to everyone unless the community is hidden; a hidden
  community exists only for its active members;
* community *content* (threads, posts, events, documents, opbrengsten, members) is readable
  by active members; for open communities also by every signed-in user.
"""

from core.appendonly import AppendOnlyError  # noqa: F401  (the name tests use)

from .discussions import (
    ModerationLog,
    Post,
    PostQuerySet,
    PostReport,
    Thread,
    ThreadFollow,
    ThreadQuerySet,
)
from .documents import (
    Document,
    DocumentQuerySet,
    PrivateDocumentStorage,
    _get_private_storage,
    document_upload_to,
    private_storage,
)
from .events import RSVP, Event, EventQuerySet
from .membership import Invitation, Membership, MembershipQuerySet
from .opbrengsten import Opbrengst, OpbrengstQuerySet
from .pages import (
    CommunityIndexPage,
    CommunityPage,
    CommunityPageManager,
    CommunityPageQuerySet,
    Visibility,
)

__all__ = [
    "RSVP",
    "AppendOnlyError",
    "CommunityIndexPage",
    "CommunityPage",
    "CommunityPageManager",
    "CommunityPageQuerySet",
    "Document",
    "DocumentQuerySet",
    "Event",
    "EventQuerySet",
    "Invitation",
    "Membership",
    "MembershipQuerySet",
    "ModerationLog",
    "Opbrengst",
    "OpbrengstQuerySet",
    "Post",
    "PostQuerySet",
    "PostReport",
    "PrivateDocumentStorage",
    "Thread",
    "ThreadFollow",
    "ThreadQuerySet",
    "Visibility",
    "_get_private_storage",
    "document_upload_to",
    "private_storage",
]
