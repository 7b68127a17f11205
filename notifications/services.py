"""Tell people that something happened: in-site notification plus an e-mail via the outbox.

Other apps call ``notify``; they never send mail themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from . import outbox
from .models import Notification

EMAIL_HANDLER = "notifications.send_email"


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
) -> int:
    """Create an in-site notification for each recipient and queue one e-mail each.

    ``event_key`` identifies the event (e.g. ``signal:12:resolved:3``): notifying the same
    person twice about the same event does nothing the second time. Returns how many
    people were notified.
    """
    User = get_user_model()
    ids = {getattr(r, "pk", r) for r in recipients if r is not None}
    if exclude is not None:
        ids.discard(getattr(exclude, "pk", exclude))
    if not ids:
        return 0
    users = list(User.objects.filter(pk__in=ids, is_active=True).only("pk"))
    now = timezone.now()
    count = 0
    for user in users:
        queued = outbox.enqueue(
            EMAIL_HANDLER if email else "notifications.noop",
            {"user_id": user.pk, "verb": verb, "title": title, "url": url, "body": body},
            dedupe_key=f"notify:{event_key}:{user.pk}",
        )
        if queued is None:
            continue  # already notified about this event
        Notification.objects.create(
            recipient=user, verb=verb, title=title, body=body, url=url, created_at=now
        )
        count += 1
    return count


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.for_user(user).unread().count()


def mark_read(user, notification_ids=None) -> int:
    qs = Notification.objects.for_user(user).unread()
    if notification_ids is not None:
        qs = qs.filter(pk__in=notification_ids)
    return qs.update(read_at=timezone.now())
