import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.html import escape

from communities import services
from communities.models import Invitation, Membership
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_anyone_signed_in_joins_an_open_community(client, open_community, outsider):
    client.force_login(outsider)
    response = client.post(open_community.url + "lid-worden/", follow=True)
    assert "U bent nu lid" in response.content.decode()
    membership = Membership.objects.get(community=open_community, user=outsider)
    assert membership.status == Membership.Status.ACTIVE
    assert membership.role == Membership.Role.MEMBER


def test_closed_community_request_is_approved_by_facilitator(
    client, closed_community, outsider, facilitator, django_capture_on_commit_callbacks
):
    client.force_login(outsider)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            closed_community.url + "lid-worden/",
            {"motivation": "Ik werk aan de Z-route in onze gemeente."},
            follow=True,
        )
    assert "Uw aanvraag is verstuurd" in response.content.decode()
    membership = Membership.objects.get(community=closed_community, user=outsider)
    assert membership.status == Membership.Status.REQUESTED
    # The facilitator is told, by in-site notification and by e-mail.
    assert Notification.objects.filter(recipient=facilitator, verb="community-request").exists()
    assert any(facilitator.email in m.to for m in mail.outbox)
    # Content stays closed while the request waits.
    assert client.get(closed_community.url + "discussies/").status_code == 403

    client.force_login(facilitator)
    page = client.get(closed_community.url + "leden/").content.decode()
    assert "Ik werk aan de Z-route" in page
    client.post(closed_community.url + f"leden/{membership.pk}/goedkeuren/")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE
    assert membership.decided_by == facilitator
    assert Notification.objects.filter(recipient=outsider, verb="community-decision").exists()

    client.force_login(outsider)
    assert client.get(closed_community.url + "discussies/").status_code == 200


def test_facilitator_declines_a_request(client, closed_community, outsider, facilitator):
    membership = services.join(closed_community, outsider)
    client.force_login(facilitator)
    client.post(closed_community.url + f"leden/{membership.pk}/afwijzen/")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.DECLINED
    client.force_login(outsider)
    assert client.get(closed_community.url + "discussies/").status_code == 403


def test_members_cannot_approve_requests(client, closed_community, outsider, member):
    membership = services.join(closed_community, outsider)
    client.force_login(member)
    response = client.post(closed_community.url + f"leden/{membership.pk}/goedkeuren/")
    assert response.status_code == 403
    membership.refresh_from_db()
    assert membership.status == Membership.Status.REQUESTED


def test_hidden_community_cannot_be_joined_without_invitation(client, hidden_community, outsider):
    with pytest.raises(PermissionDenied):
        services.join(hidden_community, outsider)
    client.force_login(outsider)
    assert client.post(hidden_community.url + "lid-worden/").status_code == 404
    assert not Membership.objects.filter(user=outsider).exists()


def test_invitation_for_a_person_without_account(
    client, hidden_community, facilitator, make_user, django_capture_on_commit_callbacks
):
    client.force_login(facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            hidden_community.url + "uitnodigen/",
            {"email": "Nieuw@Gemeente.example", "message": "Doe je mee?"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.email == "nieuw@gemeente.example"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nieuw@gemeente.example"]
    assert "Verborgen kring" in message.subject
    link = re.search(r"http://testserver(/communities/uitnodiging/\S+/)", message.body).group(1)

    # Without an account: the link explains how to log in or register first.
    client.logout()
    page = client.get(link).content.decode()
    assert "Registreer u eerst" in page
    assert client.post(link).status_code == 200  # anonymous POST accepts nothing
    assert (
        not Membership.objects.filter(community=hidden_community, status="active")
        .exclude(user__in=[facilitator])
        .filter(user__email="nieuw@gemeente.example")
        .exists()
    )

    # Someone else cannot use the link.
    other = make_user(email="ander@example.org")
    client.force_login(other)
    client.post(link)
    assert not Membership.objects.filter(user=other).exists()

    # After registering with the invited address the invitee accepts.
    invitee = make_user(email="nieuw@gemeente.example")
    client.force_login(invitee)
    response = client.post(link, follow=True)
    assert "Welkom" in response.content.decode()
    assert Membership.objects.get(community=hidden_community, user=invitee).status == "active"
    assert client.get(hidden_community.url).status_code == 200
    # The link is single-use and tampering is refused.
    assert client.get(link).status_code == 400
    assert client.get(link.replace(":", "x", 1)).status_code == 400


def test_invitation_for_an_existing_user_marks_them_invited(
    hidden_community, facilitator, outsider
):
    services.invite(hidden_community, facilitator, outsider.email)
    membership = Membership.objects.get(community=hidden_community, user=outsider)
    assert membership.status == Membership.Status.INVITED
    assert not hidden_community.is_visible_to(outsider)
    invitation = Invitation.objects.get()
    services.accept_invitation(invitation, outsider)
    membership.refresh_from_db()
    assert membership.status == Membership.Status.ACTIVE


def test_only_facilitators_invite(hidden_community, member):
    with pytest.raises(PermissionDenied):
        services.invite(hidden_community, member, "x@example.org")


def test_facilitator_removes_a_member(client, closed_community, facilitator, member):
    membership = Membership.objects.get(community=closed_community, user=member)
    client.force_login(facilitator)
    client.post(closed_community.url + f"leden/{membership.pk}/verwijderen/")
    membership.refresh_from_db()
    assert membership.status == Membership.Status.REMOVED
    client.force_login(member)
    assert client.get(closed_community.url + "discussies/").status_code == 403
    # A removed member cannot simply ask again.
    with pytest.raises(PermissionDenied):
        services.join(closed_community, member)


def test_hand_over_facilitator_role(client, closed_community, facilitator, member):
    membership = Membership.objects.get(community=closed_community, user=member)
    client.force_login(facilitator)
    client.post(closed_community.url + f"leden/{membership.pk}/facilitator/")
    membership.refresh_from_db()
    assert membership.role == Membership.Role.FACILITATOR
    old = Membership.objects.get(community=closed_community, user=facilitator)
    assert old.role == Membership.Role.MEMBER and old.status == Membership.Status.ACTIVE
    # The former facilitator has lost the facilitator pages.
    assert client.get(closed_community.url + "moderatie/").status_code == 403
    assert Notification.objects.filter(recipient=member, verb="community-facilitator").exists()


def test_last_facilitator_cannot_leave(closed_community, facilitator, member):
    with pytest.raises(ValidationError):
        services.leave(closed_community, facilitator)
    services.leave(closed_community, member)
    assert not closed_community.is_member(member)


def test_members_list_shows_organisation(client, open_community, member):
    client.force_login(member)
    html = client.get(open_community.url + "leden/").content.decode()
    assert escape(member.display_name) in html
    assert escape(member.organisation.name) in html
    assert "2 leden" in html


def test_notification_preference(client, open_community, member):
    client.force_login(member)
    client.post(open_community.url + "instellingen/", {"notification_preference": "daily"})
    assert (
        Membership.objects.get(community=open_community, user=member).notification_preference
        == "daily"
    )
