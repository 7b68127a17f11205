"""What the person sees with their reference code, and the coordinators' answer.

The public status is derived from the append-only history: received, read by a
coordinator, turned into a signal (or linked to one), answered. An answer is written in
the moderation flow, goes through the personal-data guard, and is mailed through the
outbox when the person left an e-mail address. The handler reads the address when it
sends, so an address the retention job already removed is never used.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from core.sanitize import plain_text
from notifications import outbox
from privacy.validators import validate_no_personal_data

from . import reference, texts
from .models import Feedback, FeedbackAnswer, FeedbackContact, FeedbackEvent
from .services import FeedbackError, _require_moderator

STATES = ["received", "read", "signal", "answered"]
SEND_ANSWER = "feedback.send_answer"


def reference_days() -> int:
    """How long a reference code opens the status page."""
    return int(getattr(settings, "FEEDBACK_REFERENCE_DAYS", 365))


def find(code: str, now=None) -> Feedback | None:
    """The feedback with this code, or None when the code is malformed, unknown or expired."""
    stored = reference.normalise(code)
    if stored is None:
        return None
    since = (now or timezone.now()) - timedelta(days=reference_days())
    return Feedback.objects.filter(reference=stored, created_at__gte=since).first()


def public_state(feedback: Feedback) -> str:
    """One of STATES, from what coordinators did (archiving shows as 'read')."""
    actions = set(FeedbackEvent.objects.filter(feedback=feedback).values_list("action", flat=True))
    if FeedbackEvent.Action.ANSWERED in actions:
        return "answered"
    if feedback.status in (Feedback.Status.SIGNAL, Feedback.Status.LINKED):
        return "signal"
    if FeedbackEvent.Action.READ in actions or feedback.status != Feedback.Status.NEW:
        return "read"
    return "received"


def public_signal_url(feedback: Feedback) -> str:
    """The public follow-up page of the signal, once that signal is published."""
    if not feedback.signal_id:
        return ""
    from signals.models import Signal

    if not Signal.objects.published().filter(pk=feedback.signal_id).exists():
        return ""
    try:
        return reverse("signals:public_detail", args=["signaal", feedback.signal_id])
    except NoReverseMatch:
        return ""


def status_context(feedback: Feedback) -> dict:
    state = public_state(feedback)
    return {
        "feedback": feedback,
        "reference": reference.display(feedback.reference),
        "state": state,
        "steps": [{"key": key, "done": STATES.index(key) <= STATES.index(state)} for key in STATES],
        "signal_url": public_signal_url(feedback),
        "answers": list(FeedbackAnswer.objects.filter(feedback=feedback)),
    }


def mark_read(feedback: Feedback, *, coordinator) -> bool:
    """Record once that a coordinator read this feedback. Returns True when newly recorded."""
    _require_moderator(coordinator)
    if FeedbackEvent.objects.filter(feedback=feedback, action=FeedbackEvent.Action.READ).exists():
        return False
    FeedbackEvent.objects.create(
        feedback=feedback, action=FeedbackEvent.Action.READ, actor=coordinator
    )
    return True


def can_mail(feedback: Feedback) -> bool:
    contact = FeedbackContact.objects.filter(feedback=feedback).first()
    return contact is not None and "@" in contact.address


@transaction.atomic
def answer(feedback: Feedback, *, coordinator, text: str, language: str = "nl") -> FeedbackAnswer:
    """Answer the person; mailed in their language when they left an e-mail address."""
    _require_moderator(coordinator)
    if language not in texts.LANGUAGE_CODES:
        raise FeedbackError("Unknown language")
    cleaned = plain_text(text, max_length=texts.MAX_TEXT_LENGTH)
    validate_no_personal_data(cleaned)
    if not cleaned:
        raise FeedbackError(texts.text("nl", "err_required_text"))
    Feedback.objects.select_for_update().filter(pk=feedback.pk).first()
    item = FeedbackAnswer.objects.create(
        feedback=feedback, text=cleaned, language=language, author=coordinator
    )
    FeedbackEvent.objects.create(
        feedback=feedback, action=FeedbackEvent.Action.ANSWERED, actor=coordinator
    )
    if can_mail(feedback):
        outbox.enqueue(SEND_ANSWER, {"answer_id": item.pk}, dedupe_key=f"{SEND_ANSWER}:{item.pk}")
    return item


def status_url(feedback: Feedback) -> str:
    return reverse("feedback:status", args=[feedback.language]) + (
        f"?code={reference.display(feedback.reference)}"
    )
