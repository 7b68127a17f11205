"""Digests: the period a daily or weekly digest covers, what it contains for one member (only
what they may read), and queueing one digest e-mail per member through the outbox.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from core.sanitize import plain_text
from notifications import outbox

from ..models import CommunityPage, Event, Membership, Post
from .common import absolute, community_path

DIGEST_HANDLER = "communities.send_digest"


def digest_period(kind: str, now: datetime | None = None) -> tuple[datetime, datetime, str]:
    """The period a digest covers: the previous local day, or the previous ISO week."""
    now = timezone.localtime(now or timezone.now())
    midnight = timezone.make_aware(datetime.combine(now.date(), time.min))
    if kind == Membership.Digest.DAILY:
        start = midnight - timedelta(days=1)
        return start, midnight, start.date().isoformat()
    monday = midnight - timedelta(days=now.weekday())
    start = monday - timedelta(days=7)
    year, week, _wd = start.isocalendar()
    return start, monday, f"{year}-W{week:02d}"


def digest_items(user, kind: str, start: datetime, end: datetime) -> list[dict]:
    """What a digest for ``user`` contains: readable, visible new posts and events, per community."""
    memberships = Membership.objects.active().filter(user=user, notification_preference=kind)
    community_ids = list(memberships.values_list("community_id", flat=True))
    posts = (
        Post.objects.visible_to(user)
        .filter(thread__community_id__in=community_ids, created_at__gte=start, created_at__lt=end)
        .exclude(author=user)
        .select_related("thread", "author")
        .order_by("thread__community_id", "thread_id", "created_at")
    )
    events = (
        Event.objects.visible_to(user)
        .filter(community_id__in=community_ids, created_at__gte=start, created_at__lt=end)
        .order_by("starts_at")
    )
    communities = {
        c.pk: c for c in CommunityPage.objects.live().readable_by(user).filter(pk__in=community_ids)
    }
    grouped: dict[int, dict] = {}
    for post in posts:
        community = communities.get(post.thread.community_id)
        if community is None:
            continue
        entry = grouped.setdefault(
            community.pk, {"community": community, "threads": {}, "events": []}
        )
        thread = entry["threads"].setdefault(
            post.thread_id, {"thread": post.thread, "posts": [], "url": ""}
        )
        thread["url"] = absolute(community_path(community) + f"discussies/{post.thread_id}/")
        thread["posts"].append(
            {
                "author": post.author.display_name if post.author else "",
                "excerpt": plain_text(post.body, 280),
                "created_at": post.created_at,
            }
        )
    for event in events:
        community = communities.get(event.community_id)
        if community is None:
            continue
        entry = grouped.setdefault(
            community.pk, {"community": community, "threads": {}, "events": []}
        )
        entry["events"].append(
            {
                "title": event.title,
                "starts_at": event.starts_at,
                "url": absolute(community_path(community) + f"bijeenkomsten/{event.pk}/"),
            }
        )
    result = []
    for entry in grouped.values():
        entry["threads"] = list(entry["threads"].values())
        entry["url"] = absolute(community_path(entry["community"]))
        result.append(entry)
    return sorted(result, key=lambda e: e["community"].title)


def queue_digests(kind: str, now: datetime | None = None) -> int:
    """Queue one digest e-mail per member who chose ``kind`` and has something new to read.

    Idempotent per period: the outbox dedupe key holds the period, so running twice sends once.
    """
    if kind not in (Membership.Digest.DAILY, Membership.Digest.WEEKLY):
        raise ValueError(kind)
    start, end, key = digest_period(kind, now)
    active_communities = set(
        Post.objects.filter(created_at__gte=start, created_at__lt=end, is_hidden=False)
        .values_list("thread__community_id", flat=True)
        .distinct()
    ) | set(
        Event.objects.filter(created_at__gte=start, created_at__lt=end)
        .values_list("community_id", flat=True)
        .distinct()
    )
    user_ids = set(
        Membership.objects.active()
        .filter(community_id__in=active_communities, notification_preference=kind)
        .filter(user__is_active=True)
        .values_list("user_id", flat=True)
    )
    count = 0
    for user_id in sorted(user_ids):
        with transaction.atomic():
            queued = outbox.enqueue(
                DIGEST_HANDLER,
                {
                    "user_id": user_id,
                    "kind": kind,
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                },
                dedupe_key=f"communities:digest:{kind}:{key}:{user_id}",
            )
        count += queued is not None
    return count
