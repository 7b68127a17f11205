"""Hidden and closed community content never reaches non-members, whatever the path."""

import pytest
from django.core import mail

from accounts import roles
from communities import services
from communities.factories import EventFactory, add_membership
from communities.models import (
    CommunityPage,
    Document,
    Event,
    Membership,
    Opbrengst,
    Post,
    Thread,
)

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "professional",
    "requested",
    "member",
    "facilitator",
    "redacteur",
    "beheerder",
]
READS_CLOSED = {"member", "facilitator"}


@pytest.fixture
def world(closed_community, hidden_community, open_community, facilitator, member):
    data = {}
    for key, community in (
        ("open", open_community),
        ("closed", closed_community),
        ("hidden", hidden_community),
    ):
        label = community.title
        thread = services.start_thread(
            community, member, f"Draad in {label}", f"Geheim uit {label}"
        )
        services.reply(thread, facilitator, f"Reactie uit {label}")
        EventFactory(community=community, title=f"Bijeenkomst {label}")
        Opbrengst.objects.create(
            community=community, kind="finding", title=f"Opbrengst {label}", summary="s"
        )
        Document.objects.create(
            community=community,
            title=f"Document {label}",
            file="x.pdf",
            original_name="x.pdf",
            size=1,
            content_type="application/pdf",
        )
        data[key] = community
    return data


def _user_for(role, make_user, communities):
    if role == "anonymous":
        return None
    if role in ("redacteur", "beheerder"):
        return make_user(role=role)
    user = make_user(role=roles.PROFESSIONAL)
    for community in (communities["closed"], communities["hidden"]):
        if role == "requested":
            add_membership(community, user, status=Membership.Status.REQUESTED)
        elif role == "member":
            add_membership(community, user)
        elif role == "facilitator":
            add_membership(community, user, role=Membership.Role.FACILITATOR)
    return user


@pytest.mark.parametrize("role", ROLES)
def test_visibility_per_role(client, make_user, world, role):
    from django.contrib.auth.models import AnonymousUser

    user = _user_for(role, make_user, world)
    if user is not None:
        client.force_login(user)
    who = user or AnonymousUser()
    reads_closed = role in READS_CLOSED
    closed, hidden, open_ = world["closed"], world["hidden"], world["open"]

    # Index page: hidden community (and its member count) only for members.
    index_html = client.get("/communities/").content.decode()
    assert closed.title in index_html and open_.title in index_html
    assert (hidden.title in index_html) == reads_closed

    # The community pages themselves.
    assert client.get(closed.url).status_code == 200
    assert client.get(hidden.url).status_code == (200 if reads_closed else 404)
    closed_home = client.get(closed.url).content.decode()
    assert ("Draad in Besloten kring" in closed_home) == reads_closed

    # Lists and details of content.
    for sub in ("discussies/", "bijeenkomsten/", "documenten/", "opbrengsten/", "leden/"):
        status = client.get(closed.url + sub).status_code
        if reads_closed:
            assert status == 200, sub
        else:
            assert status in (302, 403), sub
        assert client.get(hidden.url + sub).status_code == (200 if reads_closed else 404)
    thread = Thread.objects.get(community=closed)
    response = client.get(thread.get_path())
    assert (response.status_code == 200) == reads_closed
    assert ("Geheim uit Besloten kring" in response.content.decode()) == reads_closed

    # One visible_to per model, used by every path.
    communities = set(CommunityPage.objects.live().visible_to(who).values_list("title", flat=True))
    assert (hidden.title in communities) == reads_closed
    for model in (Thread, Event, Opbrengst, Document):
        visible = set(model.objects.visible_to(who).values_list("community_id", flat=True))
        assert (closed.pk in visible) == reads_closed, model
        assert (hidden.pk in visible) == reads_closed, model
        assert (open_.pk in visible) == (user is not None), model
    posts = Post.objects.visible_to(who)
    assert posts.filter(thread__community=hidden).exists() == reads_closed
    assert set(Membership.objects.visible_to(who).values_list("community_id", flat=True)) >= (
        {closed.pk, hidden.pk} if reads_closed else set()
    )
    assert not (
        set(Membership.objects.visible_to(who).values_list("community_id", flat=True))
        & ({closed.pk, hidden.pk} if not reads_closed else set())
    )


def test_counts_of_hidden_communities_do_not_leak(client, world, outsider):
    client.force_login(outsider)
    html = client.get("/communities/").content.decode()
    # Three communities exist; an outsider sees two cards.
    assert html.count('class="card"') == 2


def test_digest_never_contains_content_the_recipient_may_not_read(
    world, member, make_user, facilitator
):
    """A former member keeps a digest preference, but the digest drops the community."""
    from datetime import timedelta

    from django.utils import timezone

    closed = world["closed"]
    Membership.objects.filter(user=member).update(notification_preference="daily")
    start, end = timezone.now() - timedelta(hours=1), timezone.now() + timedelta(hours=1)
    items = services.digest_items(facilitator, "daily", start, end)
    assert items == []  # the facilitator chose weekly
    items = services.digest_items(member, "daily", start, end)
    # Own posts are not repeated; the facilitator's replies are.
    titles = {item["community"].title for item in items}
    assert titles == {"Open kring", "Besloten kring", "Verborgen kring"}
    Membership.objects.filter(user=member, community=closed).update(status="removed")
    items = services.digest_items(member, "daily", start, end)
    assert "Besloten kring" not in {item["community"].title for item in items}
    assert mail.outbox == []


def test_shared_search_respects_community_visibility(world, member, outsider):
    from search import registry
    from search.indexing import index_source
    from search.services import search

    for name in ("communities.community", "communities.thread"):
        index_source(registry.get_source(name))

    def urls(user, q):
        return {hit.url for hit in search(user, q).hits}

    closed, hidden = world["closed"], world["hidden"]
    closed_thread = Thread.objects.get(community=closed)
    hidden_thread = Thread.objects.get(community=hidden)
    for q in ("Geheim", "Verborgen kring", "Besloten kring"):
        found = urls(outsider, q) | urls(None, q)
        assert closed_thread.get_path() not in found
        assert hidden_thread.get_path() not in found
        assert hidden.url not in found
    assert closed_thread.get_path() in urls(member, "Geheim Besloten")
    assert hidden.url in urls(member, "Verborgen kring")


def test_hidden_community_is_not_in_wagtail_search_index(world):
    from wagtail.models import Page

    found = {p.pk for p in Page.objects.live().search("kring")}
    assert world["closed"].pk in found and world["open"].pk in found
    assert world["hidden"].pk not in found
    # Turning an open community hidden removes it from the index.
    open_ = world["open"]
    open_.visibility = "hidden"
    open_.save_revision().publish()
    assert open_.pk not in {p.pk for p in Page.objects.live().search("kring")}
