"""Community events and opbrengsten are findable by their community's readers only: results,
counts, facets, snippets, autocomplete and suggestions never show them to anyone else."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from communities.factories import add_membership, make_community
from communities.models import Membership, Visibility
from communities.services.events import save_event
from communities.services.opbrengsten import save_opbrengst
from search import services

pytestmark = pytest.mark.django_db


def _content(visibility, facilitator, capture):
    community = make_community(visibility=visibility, facilitator=facilitator)
    starts = timezone.now() + timedelta(days=3)
    with capture(execute=True):
        save_event(
            community,
            facilitator,
            title="Intervisie kwartiermakers",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            agenda="Ervaringen met de kwartiermakersaanpak in de regio.",
        )
        save_opbrengst(
            community,
            facilitator,
            kind="finding",
            title="Bevinding kwartiermakers",
            summary="Kwartiermakers versnellen de start van de leerroute.",
        )
    return community


@pytest.mark.parametrize("visibility", [Visibility.CLOSED, Visibility.HIDDEN])
def test_closed_and_hidden_community_content_is_for_members_only(
    visibility, make_user, django_capture_on_commit_callbacks
):
    facilitator, member, outsider = make_user(), make_user(), make_user()
    community = _content(visibility, facilitator, django_capture_on_commit_callbacks)
    add_membership(community, member)
    found = services.search(member, "kwartiermakers")
    assert {h.kind for h in found.hits} >= {"event", "opbrengst"}
    assert any("<mark>" in h.snippet for h in found.hits)
    for user in (outsider, AnonymousUser()):
        result = services.search(user, "kwartiermakers")
        assert result.hits == [] and result.total == 0 and result.facets == {}
        assert services.autocomplete(user, "kwartier") == []
        assert "kwartiermakers" not in services.suggest("kwartiermaker", ["public", "logged_in"])
    # A member who left loses access at once.
    Membership.objects.filter(community=community, user=member).update(
        status=Membership.Status.LEFT
    )
    member = type(member).objects.get(pk=member.pk)  # a new request: tokens are per request
    assert services.search(member, "kwartiermakers").total == 0


def test_open_community_content_is_for_signed_in_users(
    make_user, django_capture_on_commit_callbacks
):
    facilitator = make_user()
    _content(Visibility.OPEN, facilitator, django_capture_on_commit_callbacks)
    assert services.search(make_user(), "kwartiermakers").total >= 2
    assert services.search(AnonymousUser(), "kwartiermakers").total == 0
