import pytest

from accounts import roles
from communities.factories import add_membership, make_community
from communities.models import Membership, Visibility


@pytest.fixture
def facilitator(make_user):
    return make_user(role=roles.PROFESSIONAL, email="facilitator@example.org", first_name="Fien")


@pytest.fixture
def member(make_user):
    return make_user(role=roles.PROFESSIONAL, email="lid@example.org", first_name="Lars")


@pytest.fixture
def outsider(make_user):
    return make_user(role=roles.PROFESSIONAL, email="buiten@example.org", first_name="Bo")


@pytest.fixture
def open_community(db, facilitator, member):
    community = make_community(Visibility.OPEN, facilitator=facilitator, title="Open kring")
    add_membership(community, member)
    return community


@pytest.fixture
def closed_community(db, facilitator, member):
    community = make_community(Visibility.CLOSED, facilitator=facilitator, title="Besloten kring")
    add_membership(community, member)
    return community


@pytest.fixture
def hidden_community(db, facilitator, member):
    community = make_community(Visibility.HIDDEN, facilitator=facilitator, title="Verborgen kring")
    add_membership(community, member)
    return community


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


__all__ = ["Membership"]
