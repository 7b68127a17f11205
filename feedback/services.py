"""The one write path for inburgeraar feedback: submit, moderate, and forget contact data.

Views, admin, demo and scheduled jobs all call these functions, so every rule
(personal-data guard, length limits, who may moderate, append-only history) holds
for every path.
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.sanitize import plain_text
from core.text import clean_plain_text
from privacy.guard import find_personal_data
from privacy.validators import validate_no_personal_data
from signals.services import create_signal

from . import texts
from .models import Feedback, FeedbackContact, FeedbackEvent
from .roles import can_moderate

SIGNAL_SOURCE = "feedback"
SIGNAL_SOURCE_LABEL = "Platform van inburgeraars"
MAX_REASON_LENGTH = 2000
_PHONE = re.compile(r"^\+?[\d\s\-().]{8,24}$")


class FeedbackError(ValueError):
    """A moderation action that is not possible now (message is safe to show)."""


def retention_days() -> int:
    return int(getattr(settings, "FEEDBACK_CONTACT_RETENTION_DAYS", 90))


def contact_is_valid(address: str) -> bool:
    """An e-mail address or a phone number (8 to 15 digits, optional +, spaces and dashes)."""
    address = (address or "").strip()
    if "@" in address:
        try:
            validate_email(address)
        except ValidationError:
            return False
        return True
    digits = re.sub(r"\D", "", address)
    return bool(_PHONE.match(address)) and 8 <= len(digits) <= 15


def clean_feedback_text(text: str, language: str) -> str:
    """Sanitise and check free text; raises ValidationError with a message in ``language``."""
    t = texts.texts_for(language)
    cleaned = plain_text(text)
    if not cleaned:
        raise ValidationError(t["err_required_text"], code="required")
    if len(cleaned) > texts.MAX_TEXT_LENGTH:
        raise ValidationError(t["err_too_long"], code="max_length")
    findings = find_personal_data(cleaned)
    if findings:
        raise ValidationError(
            texts.personal_data_message(language, findings),
            code="personal_data",
            params={"kinds": [f.kind for f in findings]},
        )
    return cleaned


@transaction.atomic
def submit_feedback(
    *,
    language: str,
    kind: str,
    topic: str,
    text: str,
    contact_address: str = "",
    named_user=None,
) -> Feedback:
    """Store one piece of feedback. Anonymous unless ``named_user`` is given.

    Pass ``named_user`` only when the person is signed in and explicitly chose to give
    their name. ``contact_address`` (optional) is stored apart in ``FeedbackContact``.
    Nothing is stored when the text contains personal data (ValidationError).
    """
    if language not in texts.LANGUAGE_CODES:
        raise ValidationError("Unknown language", code="invalid")
    t = texts.texts_for(language)
    if kind not in texts.KINDS or topic not in texts.TOPICS:
        raise ValidationError(t["err_invalid_choice"], code="invalid_choice")
    cleaned = clean_feedback_text(text, language)
    contact_address = plain_text(contact_address, max_length=254)
    if contact_address and not contact_is_valid(contact_address):
        raise ValidationError(t["err_contact_invalid"], code="invalid")
    if named_user is not None and not named_user.is_authenticated:
        named_user = None
    feedback = Feedback.objects.create(
        language=language, kind=kind, topic=topic, text=cleaned, user=named_user
    )
    if contact_address:
        FeedbackContact.objects.create(feedback=feedback, address=contact_address)
    FeedbackEvent.objects.create(feedback=feedback, action=FeedbackEvent.Action.RECEIVED)
    return feedback


def _require_moderator(user) -> None:
    if not can_moderate(user):
        raise PermissionDenied(_("Alleen coördinatoren mogen feedback behandelen."))


def _lock_new(feedback: Feedback) -> Feedback:
    locked = Feedback.objects.select_for_update().get(pk=feedback.pk)
    if locked.status != Feedback.Status.NEW:
        raise FeedbackError(
            _("Deze feedback is al behandeld (%(status)s).")
            % {"status": locked.get_status_display()}
        )
    return locked


def _guarded(value: str, max_length: int) -> str:
    cleaned = clean_plain_text(value, max_length=max_length)
    validate_no_personal_data(cleaned)
    return cleaned


def convert_to_signal(
    feedback: Feedback, *, coordinator, title: str, description: str, **signal_fields
):
    """Turn feedback into a new signal (submitted by the coordinator). Returns the signal.

    Extra keyword arguments (themes, phase, region, urgency, ...) go to
    ``signals.services.create_signal``.
    """
    _require_moderator(coordinator)
    with transaction.atomic():
        locked = _lock_new(feedback)
        signal = create_signal(
            submitted_by=coordinator,
            title=title,
            description=description,
            source=SIGNAL_SOURCE,
            source_label=SIGNAL_SOURCE_LABEL,
            source_url="",
            **signal_fields,
        )
        _close(locked, Feedback.Status.SIGNAL, signal_id=signal.pk)
        FeedbackEvent.objects.create(
            feedback=locked,
            action=FeedbackEvent.Action.TO_SIGNAL,
            actor=coordinator,
            signal_id=signal.pk,
        )
    _refresh(feedback, locked)
    return signal


def signal_exists(signal_id: int, user=None) -> bool | None:
    """Whether a signal with this id exists (None when the signals app has no Signal model)."""
    from django.apps import apps

    try:
        Signal = apps.get_model("signals", "Signal")
    except LookupError:
        return None
    manager = Signal._default_manager
    queryset = manager.visible_to(user) if hasattr(manager, "visible_to") else manager.all()
    return queryset.filter(pk=signal_id).exists()


@transaction.atomic
def link_to_signal(feedback: Feedback, *, coordinator, signal_id: int, note: str = "") -> Feedback:
    """Link feedback to an existing signal; ``note`` is an optional internal remark."""
    _require_moderator(coordinator)
    try:
        signal_id = int(signal_id)
    except (TypeError, ValueError):
        raise FeedbackError(_("Vul een geldig signaalnummer in."))
    if signal_id <= 0 or signal_exists(signal_id, coordinator) is False:
        raise FeedbackError(_("Er is geen signaal met nummer %(id)s.") % {"id": signal_id})
    note = _guarded(note, MAX_REASON_LENGTH)
    locked = _lock_new(feedback)
    _close(locked, Feedback.Status.LINKED, signal_id=signal_id)
    FeedbackEvent.objects.create(
        feedback=locked,
        action=FeedbackEvent.Action.LINKED,
        actor=coordinator,
        signal_id=signal_id,
        reason=note,
    )
    _refresh(feedback, locked)
    return feedback


@transaction.atomic
def archive(feedback: Feedback, *, coordinator, reason: str) -> Feedback:
    """Archive feedback; a reason is required and recorded in the history."""
    _require_moderator(coordinator)
    reason = _guarded(reason, MAX_REASON_LENGTH)
    if not reason:
        raise FeedbackError(_("Geef een reden om deze feedback te archiveren."))
    locked = _lock_new(feedback)
    _close(locked, Feedback.Status.ARCHIVED, archive_reason=reason)
    FeedbackEvent.objects.create(
        feedback=locked, action=FeedbackEvent.Action.ARCHIVED, actor=coordinator, reason=reason
    )
    _refresh(feedback, locked)
    return feedback


def _close(feedback: Feedback, status: str, **fields) -> None:
    feedback.status = status
    feedback.moderated_at = timezone.now()
    for name, value in fields.items():
        setattr(feedback, name, value)
    names = ["signal" if name == "signal_id" else name for name in fields]
    feedback.save(update_fields=["status", "moderated_at", *names])


def _refresh(target: Feedback, source: Feedback) -> None:
    for name in ("status", "moderated_at", "signal_id", "archive_reason"):
        setattr(target, name, getattr(source, name))


@transaction.atomic
def strip_expired_contacts(now=None) -> int:
    """Delete contact addresses older than FEEDBACK_CONTACT_RETENTION_DAYS. Returns how many.

    Idempotent; the feedback itself stays, and its history records that the contact was wiped.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=retention_days())
    expired = FeedbackContact.objects.filter(created_at__lt=cutoff)
    feedback_ids = list(expired.values_list("feedback_id", flat=True))
    if not feedback_ids:
        return 0
    FeedbackContact.objects.filter(feedback_id__in=feedback_ids).delete()
    FeedbackEvent.objects.bulk_create(
        FeedbackEvent(feedback_id=pk, action=FeedbackEvent.Action.CONTACT_REMOVED)
        for pk in feedback_ids
    )
    return len(feedback_ids)
