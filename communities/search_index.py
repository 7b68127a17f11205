"""What the communities contribute to the site search (read by the ``search`` app).

Mirrors ``visible_to``/``readable_by``: a community page is findable unless hidden (then
only by members); discussions are readable by signed-in users for open communities and by
active members otherwise. Hidden posts are never indexed.
"""

from __future__ import annotations

from django.utils.html import strip_tags

from core import access

from .models import CommunityPage, Membership, Thread, Visibility


def user_tokens(user):
    """``community:<id>`` for every community the user is an active member of."""
    ids = Membership.objects.filter(user_id=user.pk, status=Membership.Status.ACTIVE).values_list(
        "community_id", flat=True
    )
    return [access.community_token(pk) for pk in ids]


def community_document(page: CommunityPage) -> dict:
    members = access.community_token(page.pk)
    return {
        "kind": "community",
        "title": page.title,
        "summary": page.intro,
        "body": " ".join(strip_tags(page.body or "").split()),
        "url": page.get_url() or page.url_path,
        "date": page.last_published_at or page.first_published_at,
        "themes": [t.name for t in page.themes.all()],
        "access": [members] if page.visibility == Visibility.HIDDEN else [access.PUBLIC, members],
    }


def thread_document(thread: Thread) -> dict | None:
    community = thread.community
    if not community.live:
        return None
    posts = [p for p in thread.posts.all() if not p.is_hidden]
    opening = next((p for p in posts if p.is_opening), posts[0] if posts else None)
    members = access.community_token(community.pk)
    readers = [access.LOGGED_IN, members] if community.visibility == Visibility.OPEN else [members]
    return {
        "kind": "thread",
        "title": thread.title,
        "summary": opening.body[:1000] if opening else "",
        "body": " ".join(p.body for p in posts if p is not opening)[:20000],
        "url": thread.get_path(),
        "date": thread.last_activity_at,
        "themes": [t.name for t in community.themes.all()],
        "organisations": [],
        "access": readers,
        "quality": 1.0 if thread.answer_id else 0.0,
    }


SOURCES = [
    {
        "name": "communities.community",
        "model": "communities.CommunityPage",
        "queryset": lambda: CommunityPage.objects.live().prefetch_related("themes"),
        "to_document": community_document,
        "depends_on": {},
    },
    {
        "name": "communities.thread",
        "model": "communities.Thread",
        "queryset": lambda: Thread.objects.select_related("community").prefetch_related(
            "posts", "community__themes"
        ),
        "to_document": thread_document,
        "depends_on": {
            "communities.Post": lambda post: [post.thread_id],
            "communities.CommunityPage": lambda page: list(
                Thread.objects.filter(community_id=page.pk).values_list("pk", flat=True)
            ),
        },
    },
]
