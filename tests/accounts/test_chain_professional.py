"""One definition of "chain professional", the same for signals, knowledge and search.

A staff flag (Django admin access) is not a role: a staff user without a chain role sees
in search exactly what the signal lists show them, never a signal's full text.
"""

import pytest

from accounts import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    for name in ("taxonomy.demo", "accounts.demo", "website.demo", "signals.demo", "search.demo"):
        __import__(name, fromlist=["seed"]).seed()


def _signal_results(client, q):
    response = client.get("/api/v1/search/", {"q": q, "type": "signal", "page_size": 50})
    assert response.status_code == 200
    return {r["url"] for r in response.json()["results"]}


def test_staff_without_a_role_gets_no_signal_full_text_in_search(client_for, demo):
    from signals.models import Signal

    published = Signal.objects.filter(is_published=True).first()
    unpublished = Signal.objects.filter(is_published=False).first()
    staff, user = client_for(None, is_staff=True)
    assert not Signal.objects.visible_to(user).filter(pk=unpublished.pk).exists()

    urls = _signal_results(staff, published.title)
    assert f"/signalen/{published.pk}/" not in urls
    assert f"/signalen/opvolging/signaal/{published.pk}/" in urls
    assert f"/signalen/{unpublished.pk}/" not in _signal_results(staff, unpublished.title)


@pytest.mark.parametrize(
    "role, expected",
    [
        (roles.PROFESSIONAL, True),
        (roles.KETENPARTNER, True),
        (roles.REDACTEUR, True),
        (roles.COORDINATOR_SCHAKEL, True),
        (roles.BEHEERDER, True),
        (roles.INBURGERAAR, False),
        (None, False),
    ],
)
def test_one_definition_for_every_app(make_user, role, expected):
    from knowledge.models import can_see_restricted
    from search.permissions import CHAIN, tokens_for
    from signals.models import is_chain_professional

    user = make_user(role=role)
    assert roles.is_chain_professional(user) is expected
    assert is_chain_professional(user) is expected
    assert can_see_restricted(user) is expected
    assert (CHAIN in tokens_for(user)) is expected


def test_staff_flag_alone_is_not_a_chain_role(make_user):
    from knowledge.models import can_see_restricted

    user = make_user(role=None, is_staff=True)
    assert roles.is_chain_professional(user) is False
    assert can_see_restricted(user) is False


def test_superuser_counts_as_beheerder(make_user):
    user = make_user(role=None, is_superuser=True, is_staff=True)
    assert roles.is_chain_professional(user) is True
