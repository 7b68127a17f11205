"""Big threads and big communities render with a constant number of queries, paginated."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.factories import UserFactory
from communities import services
from communities.factories import add_membership
from communities.models import Membership, Post, Thread
from taxonomy.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx), response


def _add_replies(thread, authors, n):
    now = timezone.now()
    Post.objects.bulk_create(
        Post(
            thread=thread,
            author=authors[i % len(authors)],
            body=f"<p>Reactie {i}</p>",
            created_at=now,
        )
        for i in range(n)
    )
    Thread.objects.filter(pk=thread.pk).update(reply_count=n)


def _add_members(community, n):
    org = OrganisationFactory()
    users = UserFactory.create_batch(n, organisation=org)
    Membership.objects.bulk_create(
        Membership(community=community, user=u, status="active", joined_at=timezone.now())
        for u in users
    )
    return users


def test_thread_with_500_replies_constant_queries(client, closed_community, facilitator, member):
    small = services.start_thread(closed_community, member, "Klein", "Start")
    big = services.start_thread(closed_community, member, "Groot", "Start")
    authors = [facilitator, member] + _add_members(closed_community, 8)
    _add_replies(small, authors, 3)
    _add_replies(big, authors, 500)
    client.force_login(member)
    client.get(small.get_path())  # warm caches (site root paths, content types)
    n_small, _ = _queries(client, small.get_path())
    n_big, response = _queries(client, big.get_path())
    assert n_big <= n_small
    html = response.content.decode()
    assert html.count('<li class="post') == 25  # one page of posts
    assert "Pagina 1 van 21" in html
    n_last, response = _queries(client, big.get_path() + "?page=21")
    assert n_last <= n_small
    assert "Reactie 499" in response.content.decode()


def test_community_with_1000_members_constant_queries(
    client, closed_community, hidden_community, facilitator, member
):
    _add_members(hidden_community, 5)
    _add_members(closed_community, 1000)
    client.force_login(facilitator)
    client.get(hidden_community.url + "leden/")
    n_small, _ = _queries(client, hidden_community.url + "leden/")
    n_big, response = _queries(client, closed_community.url + "leden/")
    assert n_big <= n_small
    html = response.content.decode()
    assert "1002 leden" in html
    assert html.count('<tr class="utrecht-table__row">') == 51  # header + 50 members
    assert "Pagina 1 van 21" in html


def test_lists_do_not_grow_with_data(client, closed_community, member, facilitator):
    client.force_login(member)
    services.start_thread(closed_community, member, "Eerste", "Tekst")
    urls = ["discussies/", "bijeenkomsten/", "documenten/", "opbrengsten/", ""]
    client.get(closed_community.url)
    before = {u: _queries(client, closed_community.url + u)[0] for u in urls}
    for i in range(30):
        services.start_thread(closed_community, facilitator, f"Draad {i}", "Tekst")
    index_before = _queries(client, "/communities/")[0]
    add_membership(closed_community, UserFactory())
    after = {u: _queries(client, closed_community.url + u)[0] for u in urls}
    assert after == before
    assert _queries(client, "/communities/")[0] == index_before
