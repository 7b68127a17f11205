"""What the communities contribute to the site search (read by the ``search`` app).

Mirrors ``visible_to``/``readable_by``: a community page is findable unless hidden (then
only by members); discussions are readable by signed-in users for open communities and by
active members otherwise. Hidden posts are never indexed.
"""

from __future__ import annotations

from django.utils.html import strip_tags

from core import access

from .models import CommunityPage, Document, Event, Membership, Opbrengst, Thread, Visibility


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


def _readers(community: CommunityPage) -> list[str]:
    """Who may read a community's content (mirrors ``_readable_ids``)."""
    members = access.community_token(community.pk)
    return [access.LOGGED_IN, members] if community.visibility == Visibility.OPEN else [members]


def _content_document(item, community: CommunityPage, **fields) -> dict | None:
    if not community.live:
        return None
    return {
        "themes": [t.name for t in community.themes.all()],
        "organisations": [],
        "access": _readers(community),
        **fields,
    }


def event_document(event: Event) -> dict | None:
    community = event.community
    return _content_document(
        event,
        community,
        kind="event",
        title=event.title,
        summary=" ".join(filter(None, [event.location, event.agenda[:1000]])),
        body=event.report or "",
        url=f"{community.url}bijeenkomsten/{event.pk}/",
        date=event.starts_at,
    )


def opbrengst_document(opbrengst: Opbrengst) -> dict | None:
    community = opbrengst.community
    return _content_document(
        opbrengst,
        community,
        kind="opbrengst",
        title=opbrengst.title,
        summary=opbrengst.summary,
        body=opbrengst.body,
        url=f"{community.url}opbrengsten/{opbrengst.pk}/",
        date=opbrengst.created_at,
    )


def file_document(document: Document) -> dict | None:
    """A community file: its title and name. The search app adds the text inside the file
    once it has extracted it (``search.extract``), so this module needs nothing of search."""
    community = document.community
    return _content_document(
        document,
        community,
        kind="document",
        title=document.title,
        summary=document.original_name,
        body="",
        url=f"{community.url}documenten/{document.pk}/download/",
        date=document.created_at,
    )


def _community_items(model):
    def items(page):
        return list(model.objects.filter(community_id=page.pk).values_list("pk", flat=True))

    return items


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
    {
        "name": "communities.event",
        "model": "communities.Event",
        "queryset": lambda: Event.objects.select_related("community").prefetch_related(
            "community__themes"
        ),
        "to_document": event_document,
        "depends_on": {"communities.CommunityPage": _community_items(Event)},
    },
    {
        "name": "communities.opbrengst",
        "model": "communities.Opbrengst",
        "queryset": lambda: Opbrengst.objects.select_related("community").prefetch_related(
            "community__themes"
        ),
        "to_document": opbrengst_document,
        "depends_on": {"communities.CommunityPage": _community_items(Opbrengst)},
    },
    {
        "name": "communities.document",
        "model": "communities.Document",
        "queryset": lambda: Document.objects.select_related("community").prefetch_related(
            "community__themes"
        ),
        "to_document": file_document,
        "depends_on": {"communities.CommunityPage": _community_items(Document)},
    },
]
