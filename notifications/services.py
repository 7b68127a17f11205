"""Tell people that something happened: in-site notification plus an e-mail via the outbox.

Other apps call ``notify``; they never send mail themselves.

Scale: up to ``NOTIFICATIONS_FANOUT_THRESHOLD`` recipients (default 50) are handled in
the caller's transaction with a constant number of queries (bulk inserts). Larger
audiences (a dossier outcome to 5,000 followers) are recorded as one ``fanout`` outbox
message; a worker expands it to notifications and one e-mail message per person. The
request stays fast, and exactly-once holds because every notification is unique per
(person, event) and every e-mail message per ``notify:<event_key>:<user id>``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from . import outbox, unread
from .categories import category_for
from .models import Notification, NotificationPreference
from .tokens import ALL

EMAIL_HANDLER = "notifications.send_email"
FANOUT_HANDLER = "notifications.fanout"
DIGEST_HANDLER = "notifications.send_digest"
BATCH_SIZE = 500


def fanout_threshold() -> int:
    return int(getattr(settings, "NOTIFICATIONS_FANOUT_THRESHOLD", 50))


def _normalise_event_key(event_key: str) -> str:
    event_key = str(event_key)
    if len(event_key) <= 180:
        return event_key
    return event_key[:130] + ":" + hashlib.sha256(event_key.encode()).hexdigest()[:40]


@transaction.atomic
def notify(
    recipients: Iterable,
    *,
    verb: str,
    title: str,
    url: str = "",
    body: str = "",
    event_key: str,
    email: bool = True,
    exclude=None,
    urgent: bool = False,
) -> int:
    """Create an in-site notification for each recipient and queue one e-mail each.

    ``event_key`` identifies the event (e.g. ``signal:12:resolved:3``): notifying the same
    person twice about the same event does nothing the second time. ``urgent`` e-mails
    (deadlines, escalations) are sent at once even to people who chose a digest.
    Returns how many people were notified (for large audiences, handled in the
    background, how many active people were addressed).
    """
    ids = {getattr(r, "pk", r) for r in recipients if r is not None}
    if exclude is not None:
        ids.discard(getattr(exclude, "pk", exclude))
    if not ids:
        return 0
    content = {
        "verb": verb,
        "title": str(title)[:240],
        "url": str(url or "")[:500],
        "body": str(body or ""),
        "event_key": _normalise_event_key(event_key),
        "email": bool(email),
        "urgent": bool(urgent),
    }
    if len(ids) <= fanout_threshold():
        return deliver(ids, content)
    user_ids = sorted(ids)
    digest = hashlib.sha256(",".join(map(str, user_ids)).encode()).hexdigest()[:16]
    outbox.enqueue(
        FANOUT_HANDLER,
        {**content, "user_ids": user_ids},
        dedupe_key=f"fanout:{content['event_key']}:{digest}"[:255],
    )
    User = get_user_model()
    return sum(
        User.objects.filter(pk__in=user_ids[i : i + BATCH_SIZE], is_active=True).count()
        for i in range(0, len(user_ids), BATCH_SIZE)
    )


def deliver(user_ids: Iterable[int], content: dict) -> int:
    """Create notifications and queue e-mails for ``user_ids`` (bulk, idempotent per event).

    Called by ``notify`` for small audiences and by the fan-out handler for large ones.
    """
    User = get_user_model()
    event_key = content["event_key"]
    category = category_for(content["verb"])
    ids = sorted(set(user_ids))
    created = 0
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        active = list(
            User.objects.filter(pk__in=batch, is_active=True).values_list("pk", flat=True)
        )
        already = set(
            Notification.objects.filter(event_key=event_key, recipient_id__in=active).values_list(
                "recipient_id", flat=True
            )
        )
        fresh = [pk for pk in active if pk not in already]
        if not fresh:
            continue
        prefs = {}
        if content.get("email", True):
            prefs = {p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=fresh)}
        now = timezone.now()
        notifications, mails = [], []
        for pk in fresh:
            mode = _email_mode(prefs.get(pk), category, content)
            notifications.append(
                Notification(
                    recipient_id=pk,
                    verb=content["verb"],
                    title=content["title"],
                    body=content["body"],
                    url=content["url"],
                    event_key=event_key,
                    urgent=content.get("urgent", False),
                    digest_pending=mode == "digest",
                    created_at=now,
                )
            )
            if mode == "now":
                mails.append((_email_payload(pk, content), f"notify:{event_key}:{pk}"[:255]))
        Notification.objects.bulk_create(notifications, ignore_conflicts=True)
        unread.forget(fresh)
        if mails:
            outbox.enqueue_many(EMAIL_HANDLER, mails)
        created += len(fresh)
    return created


def _email_mode(pref, category: str, content: dict) -> str:
    """``now`` (send an e-mail), ``digest`` (include in the next digest) or ``none``."""
    if not content.get("email", True):
        return "none"
    if pref is None:
        return "now"
    if not pref.wants_email(category):
        return "none"
    if pref.digest != NotificationPreference.Digest.IMMEDIATE and not content.get("urgent"):
        return "digest"
    return "now"


def _email_payload(user_id: int, content: dict) -> dict:
    return {
        "user_id": user_id,
        "verb": content["verb"],
        "title": content["title"],
        "url": content["url"],
        "body": content["body"],
        "event_key": content["event_key"],
        "urgent": content.get("urgent", False),
    }


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return unread.cached_count(
        user.pk, lambda: Notification.objects.for_user(user).unread().count()
    )


def mark_read(user, notification_ids=None) -> int:
    qs = Notification.objects.for_user(user).unread()
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    updated = qs.update(read_at=timezone.now())
    unread.forget([user.pk])
    return updated


# Preferences ---------------------------------------------------------------------------


def preference_for(user) -> NotificationPreference:
    """The person's preferences (unsaved defaults when they never changed them)."""
    pref = NotificationPreference.objects.filter(user=user).first()
    return pref or NotificationPreference(user=user)


@transaction.atomic
def save_preferences(user, *, email_enabled: bool, muted_categories, digest: str):
    pref, _created = NotificationPreference.objects.select_for_update().get_or_create(user=user)
    pref.email_enabled = bool(email_enabled)
    pref.muted_categories = sorted(set(muted_categories))
    pref.digest = digest
    pref.save()
    return pref


@transaction.atomic
def unsubscribe(user_id: int, kind: str = ALL) -> NotificationPreference:
    """Stop e-mail for one category (``kind``) or all e-mail (``"all"``). Idempotent."""
    pref, _created = NotificationPreference.objects.select_for_update().get_or_create(
        user_id=user_id
    )
    if kind == ALL:
        pref.email_enabled = False
    elif kind not in pref.muted_categories:
        pref.muted_categories = sorted({*pref.muted_categories, kind})
    pref.save()
    return pref
