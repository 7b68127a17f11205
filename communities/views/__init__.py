"""Views of a community (routed by ``CommunityPage``, see ``communities.routes``), split by concern."""

from .discussions import (  # noqa: F401
    moderation,
    post_answer,
    post_edit,
    post_moderate,
    post_report,
    thread_detail,
    thread_follow,
    thread_new,
    thread_signal,
    threads,
)
from .documents import (  # noqa: F401
    document_delete,
    document_download,
    documents,
)
from .events import (  # noqa: F401
    event_cancel,
    event_detail,
    event_edit,
    event_ics,
    event_report,
    event_rsvp,
    events,
)
from .membership import (  # noqa: F401
    accept_invitation,
    community_home,
    invite,
    join,
    leave,
    member_action,
    members,
    preferences,
)
from .opbrengsten import (  # noqa: F401
    opbrengst_detail,
    opbrengst_edit,
    opbrengst_offer,
    opbrengsten,
)
