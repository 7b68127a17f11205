"""A member removed from an open community cannot rejoin at once: the join becomes a
request a facilitator decides on."""

import pytest

from communities import services
from communities.models import Membership

pytestmark = pytest.mark.django_db


def test_removed_member_of_an_open_community_needs_a_facilitator_to_return(
    open_community, facilitator, member
):
    membership = Membership.objects.get(community=open_community, user=member)
    services.remove_member(membership, facilitator)
    again = services.join(open_community, member, "Ik wil graag weer meedoen.")
    assert again.status == Membership.Status.REQUESTED
    assert not open_community.is_member(member)
    services.approve(again, facilitator)
    assert Membership.objects.get(pk=again.pk).status == Membership.Status.ACTIVE


def test_someone_who_left_an_open_community_may_rejoin_at_once(open_community, member):
    services.leave(open_community, member)
    assert services.join(open_community, member).status == Membership.Status.ACTIVE
