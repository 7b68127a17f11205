"""The content apps' real sources (knowledge, signals, communities) through the demo content."""

import pytest

from accounts import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    for name in (
        "taxonomy.demo",
        "accounts.demo",
        "website.demo",
        "knowledge.demo",
        "communities.demo",
        "signals.demo",
        "search.demo",
    ):
        pytest.importorskip(name).seed()


def _results(client, q, **params):
    return client.get("/api/v1/search/", {"q": q, "page_size": 50, **params}).json()["results"]


def test_restricted_knowledge_only_for_chain_professionals(client, client_for, demo):
    restricted = "Hoe weeg ik de uitslag van de leerbaarheidstoets mee?"
    assert restricted not in [r["title"] for r in _results(client, "leerbaarheidstoets")]
    chain, _ = client_for(roles.PROFESSIONAL)
    assert restricted in [r["title"] for r in _results(chain, "leerbaarheidstoets")]
    inburgeraar, _ = client_for(roles.INBURGERAAR)
    assert restricted not in [r["title"] for r in _results(inburgeraar, "leerbaarheidstoets")]


def test_signals_public_summary_for_outsiders_full_text_for_the_chain(client, client_for, demo):
    from signals.models import Signal

    published = Signal.objects.filter(is_published=True).first()
    unpublished = Signal.objects.filter(is_published=False).first()
    assert published is not None and unpublished is not None
    anonymous = _results(client, published.title, type="signal")
    urls = {r["url"] for r in anonymous}
    assert f"/signalen/opvolging/signaal/{published.pk}/" in urls
    assert all(u.startswith("/signalen/opvolging/") for u in urls)
    assert unpublished.title not in [r["title"] for r in _results(client, unpublished.title)]
    chain, _ = client_for(roles.KETENPARTNER)
    chain_urls = {r["url"] for r in _results(chain, published.title, type="signal")}
    assert f"/signalen/{published.pk}/" in chain_urls
    assert f"/signalen/opvolging/signaal/{published.pk}/" not in chain_urls


def test_closed_community_discussions_only_for_members(client_for, demo):
    from communities.models import Membership, Thread, Visibility

    thread = Thread.objects.exclude(community__visibility=Visibility.OPEN).first()
    if thread is None:
        pytest.skip("the communities demo has no closed community with a discussion")
    outsider, _ = client_for(roles.PROFESSIONAL)
    assert thread.title not in [r["title"] for r in _results(outsider, thread.title)]
    member = Membership.objects.filter(
        community=thread.community, status=Membership.Status.ACTIVE
    ).first()
    from django.test import Client

    client = Client()
    client.force_login(member.user)
    assert thread.title in [r["title"] for r in _results(client, thread.title)]
