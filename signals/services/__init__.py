"""The one write path for signals and dossiers.

Views, the API, the admin, other apps (feedback, communities) and management
commands change signals only through these functions. Each change runs in one
transaction: the row is locked, the workflow table (``signals.workflow``) is
checked, an append-only history row is written, the state is updated, and the
notifications are written to the outbox in the same transaction (they are handed
to the broker after commit, and re-dispatched later if the broker is down).

One module per concern; this package re-exports their public names, so callers keep using
``from signals import services`` and ``services.create_signal(...)``:

- ``submission``: submitting a signal and editing its text;
- ``transitions``: workflow actions (checks, state change, dossier cascade, notifications);
- ``dossiers``: creating, editing, bundling and resolving dossiers, milestones;
- ``participation``: support ("ik herken dit"), following, internal notes, follow-up updates;
- ``outcomes``: rating an outcome, a Q&A draft from it, linking the published answer;
- ``errors``: the domain errors (``SignalError`` and its kinds);
- ``common``: text limits and cleaning, interested users, history rows, links.

``ValidationError`` (Django's) is re-exported too: callers catch it as
``services.ValidationError``. A test that patches a name patches it where it is used: the
submodule, not this package.
"""

from django.core.exceptions import ValidationError

from .common import (
    SUGGESTION_MAX,
    TEXT_MAX,
    TITLE_MAX,
    clean_text,
    coordinators_of,
    interested,
    interested_in_dossier,
    interested_in_signal,
)
from .dossiers import (
    add_milestone,
    bundle,
    complete_milestone,
    create_dossier,
    resolve_dossier,
    update_dossier,
)
from .errors import (
    ActionForbidden,
    ReasonRequired,
    SignalError,
    TransitionNotAllowed,
    UnknownAction,
)
from .outcomes import link_answer, outcome_to_question_draft, rate_outcome
from .participation import add_followup, add_note, follow, support, unsupport
from .submission import create_signal, update_signal_text
from .transitions import apply_action, check_action

__all__ = [
    "ValidationError",
    # common
    "SUGGESTION_MAX",
    "TEXT_MAX",
    "TITLE_MAX",
    "clean_text",
    "coordinators_of",
    "interested",
    "interested_in_dossier",
    "interested_in_signal",
    # errors
    "ActionForbidden",
    "ReasonRequired",
    "SignalError",
    "TransitionNotAllowed",
    "UnknownAction",
    # submission
    "create_signal",
    "update_signal_text",
    # transitions
    "apply_action",
    "check_action",
    # dossiers
    "add_milestone",
    "bundle",
    "complete_milestone",
    "create_dossier",
    "resolve_dossier",
    "update_dossier",
    # participation
    "add_followup",
    "add_note",
    "follow",
    "support",
    "unsupport",
    # outcomes
    "link_answer",
    "outcome_to_question_draft",
    "rate_outcome",
]
