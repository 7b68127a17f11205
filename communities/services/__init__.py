"""Domain logic of communities: the one write path for memberships, discussions, events,
documents, opbrengsten and moderation. Views, admin, tasks and demo content call these.

Other apps may call: ``join``, ``invite``, ``start_thread``, ``reply``, ``queue_digests``
and the ``visible_to`` querysets in ``models``.

One module per concern; this package re-exports their public names, so callers keep using
``from communities import services`` and ``services.join(...)``:

- ``membership``: joining, requests and decisions, leaving, the facilitator role, invitations;
- ``discussions``: threads, posts, quotes, mentions, editing, answers, follows;
- ``moderation``: reports, hiding and restoring posts;
- ``events``: planning, reports, RSVP with capacity and waiting list, iCalendar;
- ``documents``: type-sniffed uploads;
- ``opbrengsten``: opbrengsten, offered as knowledge drafts or raised as signals;
- ``digests``: daily and weekly digest e-mails;
- ``common``: links, titles and recipients the others share.

A test that patches a name patches it where it is used: the submodule, not this package.
"""

from .common import absolute, clean_title, community_path
from .digests import DIGEST_HANDLER, digest_items, digest_period, queue_digests
from .discussions import (
    MAX_POST_LENGTH,
    can_edit,
    can_mark_answer,
    clean_post_body,
    edit_post,
    edit_window,
    follow,
    mark_answer,
    mentioned_users,
    quote_prefill,
    reply,
    start_thread,
    unfollow,
)
from .documents import (
    ALLOWED_TYPES,
    EXECUTABLE_MAGIC,
    ZIP_MAGIC,
    add_document,
    check_upload,
    delete_document,
    max_document_size,
)
from .events import EventFull, cancel_rsvp, event_ics, rsvp, save_event, write_report
from .membership import (
    INVITATION_HANDLER,
    INVITATION_MAX_AGE,
    INVITATION_SALT,
    accept_invitation,
    add_member,
    approve,
    decline,
    hand_over_facilitator,
    invitation_from_token,
    invitation_token,
    invite,
    join,
    leave,
    remove_member,
    set_notification_preference,
)
from .moderation import dismiss_report, hide_post, report_post, restore_post
from .opbrengsten import (
    offer_to_knowledge,
    raise_signal_from_opbrengst,
    save_opbrengst,
    thread_to_signal,
)

__all__ = [
    # common
    "absolute",
    "clean_title",
    "community_path",
    # membership
    "INVITATION_HANDLER",
    "INVITATION_MAX_AGE",
    "INVITATION_SALT",
    "accept_invitation",
    "add_member",
    "approve",
    "decline",
    "hand_over_facilitator",
    "invitation_from_token",
    "invitation_token",
    "invite",
    "join",
    "leave",
    "remove_member",
    "set_notification_preference",
    # discussions
    "MAX_POST_LENGTH",
    "can_edit",
    "can_mark_answer",
    "clean_post_body",
    "edit_post",
    "edit_window",
    "follow",
    "mark_answer",
    "mentioned_users",
    "quote_prefill",
    "reply",
    "start_thread",
    "unfollow",
    # moderation
    "dismiss_report",
    "hide_post",
    "report_post",
    "restore_post",
    # events
    "EventFull",
    "cancel_rsvp",
    "event_ics",
    "rsvp",
    "save_event",
    "write_report",
    # documents
    "ALLOWED_TYPES",
    "EXECUTABLE_MAGIC",
    "ZIP_MAGIC",
    "add_document",
    "check_upload",
    "delete_document",
    "max_document_size",
    # opbrengsten
    "offer_to_knowledge",
    "raise_signal_from_opbrengst",
    "save_opbrengst",
    "thread_to_signal",
    # digests
    "DIGEST_HANDLER",
    "digest_items",
    "digest_period",
    "queue_digests",
]
