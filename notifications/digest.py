"""Daily and weekly digests for people who chose to bundle their e-mail.

``queue_digests(mode)`` is run by beat (``notifications.send_daily_digest`` and
``notifications.send_weekly_digest``). Each person gets one outbox message per
period (dedupe key ``digest:<mode>:<period>:<user>``), so running the job twice in
the same period sends nothing new.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from . import outbox
from .models import Notification, NotificationPreference

Digest = NotificationPreference.Digest
MAX_ITEMS = 200


def period_key(mode: str, now=None) -> str:
    day = timezone.localdate(now or timezone.now())
    if mode == Digest.WEEKLY:
        year, week, _weekday = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()


@transaction.atomic
def queue_digests(mode: str, now=None) -> int:
    """Queue one digest e-mail per person with waiting notifications. Returns how many."""
    from .services import DIGEST_HANDLER

    now = now or timezone.now()
    period = period_key(mode, now)
    pending = Notification.objects.filter(digest_pending=True, created_at__lte=now)
    # A subscription's own choice (``digest_mode``) wins over the person's preference.
    if mode == Digest.WEEKLY:
        pending = pending.filter(
            Q(digest_mode=Digest.WEEKLY)
            | Q(digest_mode="", recipient__notification_preference__digest=Digest.WEEKLY)
        )
    else:
        # Daily also sweeps up people who switched back to immediate e-mail.
        pending = pending.filter(
            Q(digest_mode=Digest.DAILY)
            | Q(
                Q(digest_mode=""),
                ~Q(recipient__notification_preference__digest=Digest.WEEKLY)
                | Q(recipient__notification_preference__isnull=True),
            )
        )
    per_user: dict[int, list[int]] = defaultdict(list)
    for user_id, pk in pending.order_by("recipient_id", "created_at", "pk").values_list(
        "recipient_id", "pk"
    ):
        if len(per_user[user_id]) < MAX_ITEMS:
            per_user[user_id].append(pk)
    queued = 0
    for user_id, ids in per_user.items():
        message = outbox.enqueue(
            DIGEST_HANDLER,
            {"user_id": user_id, "notification_ids": ids, "mode": mode, "period": period},
            dedupe_key=f"digest:{mode}:{period}:{user_id}",
        )
        queued += message is not None
    return queued
