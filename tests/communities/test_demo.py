import pytest

from communities.models import CommunityPage, Event, Membership, Opbrengst, Post, Thread

pytestmark = pytest.mark.django_db


def _seed():
    # Only the modules communities builds on, so other apps' demo content cannot interfere.
    from accounts.demo import seed as seed_accounts
    from communities.demo import seed as seed_communities
    from taxonomy.demo import seed as seed_taxonomy
    from website.demo import seed as seed_site

    seed_taxonomy()
    seed_accounts()
    seed_site()
    seed_communities()


def test_demo_content_is_complete_and_idempotent(client):
    _seed()
    counts = [
        m.objects.count() for m in (CommunityPage, Membership, Thread, Post, Event, Opbrengst)
    ]
    assert counts[0] == 3
    assert set(CommunityPage.objects.values_list("visibility", flat=True)) == {
        "open",
        "closed",
        "hidden",
    }
    assert all(counts)
    _seed()
    assert [
        m.objects.count() for m in (CommunityPage, Membership, Thread, Post, Event, Opbrengst)
    ] == counts
    html = client.get("/communities/").content.decode()
    assert "Brede intake en PIP" in html and "Z-route in de praktijk" in html
    assert "Regie en inkoop" not in html  # hidden
    assert 'href="/communities/"' in client.get("/").content.decode()  # in the main menu
