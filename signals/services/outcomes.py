"""What happens with an outcome: the submitter's rating (which may reopen the signal), a
draft Q&A item for the editors and the link to the published answer.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from knowledge.services import create_question_draft

from .. import conf, workflow
from ..models import OutcomeRating, Signal
from ..workflow import Level, Status
from .common import SUGGESTION_MAX, _raise_if, _record, clean_text
from .errors import ActionForbidden, SignalError, TransitionNotAllowed
from .transitions import apply_action


def rate_outcome(signal: Signal, user, rating: str, comment: str = "") -> OutcomeRating:
    """The submitter says whether the outcome solved the problem.

    "nee" within ``SIGNAL_SUBMITTER_REOPEN_DAYS`` (30) days of the outcome reopens the signal
    for the coordinators of its level; later it is only recorded.
    """
    if signal.submitted_by_id is None or signal.submitted_by_id != getattr(user, "pk", None):
        raise ActionForbidden(_("Alleen de melder kan de uitkomst beoordelen."))
    if rating not in OutcomeRating.Rating.values:
        raise SignalError(_("Kies ja, gedeeltelijk of nee."), field="rating")
    errors: dict = {}
    comment = clean_text(comment, "comment", SUGGESTION_MAX, errors)
    _raise_if(errors)
    with transaction.atomic():
        locked = Signal.objects.select_for_update().get(pk=signal.pk)
        if locked.status not in workflow.CLOSED_STATES or not locked.outcome_at:
            raise TransitionNotAllowed(_("Er is nog geen uitkomst om te beoordelen."))
        if OutcomeRating.objects.filter(
            signal=locked, user=user, outcome_at=locked.outcome_at
        ).exists():
            raise TransitionNotAllowed(_("U heeft deze uitkomst al beoordeeld."))
        result = OutcomeRating.objects.create(
            signal=locked, user=user, rating=rating, comment=comment, outcome_at=locked.outcome_at
        )
        _record(locked, user, "rate", reason=comment, payload={"rating": rating})
        window = timedelta(days=conf.reopen_days())
        if rating == OutcomeRating.Rating.NEE and timezone.now() - locked.outcome_at <= window:
            apply_action(
                locked,
                "reopen",
                user,
                comment or _("De melder geeft aan dat het probleem niet is opgelost."),
                _via_rating=True,
            )
    return result


def outcome_to_question_draft(obj, actor):
    """Turn a generic outcome into a draft Q&A item for the editors (one action).

    Calls ``knowledge.services.create_question_draft``; returns the draft page.
    """
    if not workflow.is_coordinator(actor):
        raise ActionForbidden(_("Alleen coördinatoren kunnen een concept-antwoord maken."))
    if not obj.outcome or obj.status != Status.OPGELOST:
        raise TransitionNotAllowed(_("Er is nog geen uitkomst om als antwoord te gebruiken."))
    summary = (obj.public_summary or obj.outcome).strip()
    short = summary.split("\n")[0][:300]
    phases = [obj.phase] if getattr(obj, "phase", None) else []
    draft = create_question_draft(
        requested_by=actor,
        title=obj.title,
        short_answer=short,
        answer_text=obj.outcome,
        themes=list(obj.themes.all()),
        phases=phases,
        source_note=_("Uit %(ref)s op %(level)s")
        % {"ref": obj.reference, "level": Level(obj.level).label.lower()},
        source_url=obj.get_absolute_url(),
    )
    _record(obj, actor, "question_draft", payload={"page": getattr(draft, "pk", None)})
    return draft


def link_answer(obj, page, actor=None):
    """Link a signal or dossier to the published Q&A page that answers it."""
    if actor is not None and not workflow.is_coordinator(actor):
        raise ActionForbidden(_("Alleen coördinatoren kunnen een antwoord koppelen."))
    with transaction.atomic():
        obj.answer_page = page
        obj.save(update_fields=["answer_page", "updated_at"])
        _record(obj, actor, "link_answer", payload={"page": getattr(page, "pk", None)})
    return obj
