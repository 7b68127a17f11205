"""Signals (knelpunten from practice), dossiers that bundle them, and their append-only history.

Every change goes through ``signals.services``; the models only hold data, the
visibility rules (``visible_to``) and the refusal to edit history. The models are
split by concern; every name stays importable from ``signals.models``.
"""

from accounts.roles import CHAIN_ROLES, is_chain_professional  # noqa: F401  (one definition)

# Teams, routing rules and consultations live in their own modules (imported for the registry).
from ..consultation_models import Consultation, SolvedVote  # noqa: E402, I001
from ..routing_models import RoutingRule, ServiceLevel, Team  # noqa: E402
from ..template_models import ReplyTemplate  # noqa: E402
from ..workflow import Level, Status  # noqa: F401
from .history import PUBLIC_EVENT_ACTIONS, HistoryIsAppendOnly, SignalEvent, SignalEventQuerySet
from .items import (
    Dossier,
    DossierQuerySet,
    Frequency,
    Milestone,
    Signal,
    SignalQuerySet,
    Source,
    Urgency,
    WorkflowItem,
    WorkflowQuerySet,
    can_see_submitter,
)
from .participation import (
    Follow,
    FollowUp,
    FollowUpQuerySet,
    Note,
    NoteQuerySet,
    OutcomeRating,
    Support,
)

__all__ = [
    "CHAIN_ROLES",
    "PUBLIC_EVENT_ACTIONS",
    "Consultation",
    "Dossier",
    "DossierQuerySet",
    "Follow",
    "FollowUp",
    "FollowUpQuerySet",
    "Frequency",
    "HistoryIsAppendOnly",
    "Level",
    "Milestone",
    "Note",
    "NoteQuerySet",
    "OutcomeRating",
    "ReplyTemplate",
    "RoutingRule",
    "ServiceLevel",
    "Signal",
    "SignalEvent",
    "SignalEventQuerySet",
    "SignalQuerySet",
    "SolvedVote",
    "Source",
    "Status",
    "Support",
    "Team",
    "Urgency",
    "WorkflowItem",
    "WorkflowQuerySet",
    "can_see_submitter",
    "is_chain_professional",
]
