"""Subscriptions ("volgopdrachten") and saved workbench filters: the one write path for each,
and delivery with the frequency each subscription chose.

Matching a new signal against subscriptions reads signal fields and lives in
``signals.subscriptions``; it hands ``deliver_chosen`` a mapping person -> frequency.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.sanitize import plain_text
from privacy.validators import PERSONAL_DATA, guard_error

from . import outbox
from .categories import category_for
from .models import Notification, NotificationPreference
from .services import EMAIL_HANDLER, _email_payload, _normalise_event_key
from .subscription_models import NAME_MAX, QUERY_MAX, Frequency, SavedFilter, Subscription

CRITERIA = ("theme", "region", "phase", "organisation")
# When several subscriptions of one person match, the most frequent choice wins.
_RANK = {Frequency.IMMEDIATE: 0, Frequency.DAILY: 1, Frequency.WEEKLY: 2}


def strongest(frequencies) -> str:
    return min(frequencies, key=lambda f: _RANK.get(f, 1))


# Subscriptions ---------------------------------------------------------------------------


def _guard(text: str, field: str) -> str:
    """Refuse personal data (a BSN, an e-mail address ...) in a kept search text or name."""
    error = guard_error(text)
    if error is not None and error.code == PERSONAL_DATA:
        raise ValidationError({field: error.messages})
    return text


def _clean_query(query) -> str:
    query = " ".join(plain_text(query or "", QUERY_MAX + 50).split())[:QUERY_MAX]
    return _guard(query, "query")


@transaction.atomic
def subscribe(user, *, frequency=Frequency.DAILY, query="", **criteria) -> Subscription:
    """Create (or, when the same criteria exist, update the frequency of) a subscription.

    Raises ``ValidationError`` when nothing is chosen or the frequency is unknown.
    """
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": _("Kies direct, dagelijks of wekelijks.")})
    values = {name: criteria.get(name) or None for name in CRITERIA}
    query = _clean_query(query)
    if not query and not any(values.values()):
        raise ValidationError(
            _("Kies minstens een thema, regio, fase, organisatie of zoekterm om te volgen.")
        )
    lookup = {f"{name}__isnull" if v is None else name: True if v is None else v
              for name, v in values.items()}  # fmt: skip
    existing = (
        Subscription.objects.select_for_update().filter(user=user, query=query, **lookup).first()
    )
    if existing is not None:
        existing.frequency = frequency
        existing.save(update_fields=["frequency"])
        return existing
    return Subscription.objects.create(user=user, query=query, frequency=frequency, **values)


def change_frequency(subscription: Subscription, frequency: str) -> Subscription:
    if frequency not in Frequency.values:
        raise ValidationError({"frequency": _("Kies direct, dagelijks of wekelijks.")})
    subscription.frequency = frequency
    subscription.save(update_fields=["frequency"])
    return subscription


def unsubscribe(subscription: Subscription) -> None:
    subscription.delete()


# Delivery ---------------------------------------------------------------------------------


def deliver_chosen(frequencies: dict[int, str], content: dict) -> int:
    """Notify each person once about an event, by the frequency their subscription chose.

    Immediate: an e-mail through the outbox now. Daily/weekly: the notification waits for
    that digest (``digest_mode``). The person's notification settings still apply (e-mail
    off, the category muted). A constant number of queries, however many people.
    """
    event_key = _normalise_event_key(content["event_key"])
    content = {**content, "event_key": event_key}
    ids = sorted(frequencies)
    if not ids:
        return 0
    User = get_user_model()
    active = list(User.objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True))
    already = set(
        Notification.objects.filter(event_key=event_key, recipient_id__in=active).values_list(
            "recipient_id", flat=True
        )
    )
    fresh = [pk for pk in active if pk not in already]
    if not fresh:
        return 0
    category = category_for(content["verb"])
    prefs = {p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=fresh)}
    now = timezone.now()
    notifications, mails = [], []
    for pk in fresh:
        pref = prefs.get(pk)
        wants = pref is None or pref.wants_email(category)
        chosen = frequencies[pk]
        waiting = wants and chosen != Frequency.IMMEDIATE
        notifications.append(
            Notification(
                recipient_id=pk,
                verb=content["verb"],
                title=content["title"][:240],
                body=content.get("body", ""),
                url=content.get("url", "")[:500],
                event_key=event_key,
                digest_pending=waiting,
                digest_mode=chosen if waiting else "",
                created_at=now,
            )
        )
        if wants and chosen == Frequency.IMMEDIATE:
            payload = {**_email_payload(pk, content), "chosen": True}
            mails.append((payload, f"notify:{event_key}:{pk}"[:255]))
    Notification.objects.bulk_create(notifications, ignore_conflicts=True)
    if mails:
        outbox.enqueue_many(EMAIL_HANDLER, mails)
    return len(fresh)


# Saved workbench filters -------------------------------------------------------------------


def _clean_name(name) -> str:
    name = " ".join(plain_text(name or "", NAME_MAX * 2).split())
    if not name:
        raise ValidationError({"name": _("Geef het filter een naam.")})
    if len(name) > NAME_MAX:
        raise ValidationError(
            {"name": _("Een naam is hoogstens %(max)d tekens lang.") % {"max": NAME_MAX}}
        )
    return _guard(name, "name")


def _save_filter(saved: SavedFilter) -> SavedFilter:
    try:
        with transaction.atomic():
            saved.save()
    except IntegrityError:
        raise ValidationError(
            {"name": _("U heeft al een filter met deze naam. Kies een andere naam.")}
        ) from None
    return saved


def save_filter(user, name, query: str) -> SavedFilter:
    """Keep the workbench's current query string under a name (unique per person)."""
    query = (query or "")[:1000]
    return _save_filter(SavedFilter(user=user, name=_clean_name(name), query=query))


def rename_filter(saved: SavedFilter, name) -> SavedFilter:
    saved.name = _clean_name(name)
    return _save_filter(saved)


def delete_filter(saved: SavedFilter) -> None:
    saved.delete()
