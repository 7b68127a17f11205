"""Membership flows: joining (open) or asking to join (closed), the facilitator's decision,
removing and leaving, handing over the facilitator role, direct (administrative) membership,
notification preferences, and invitations by e-mail (signed tokens, sent through the outbox).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.text import clean_plain_text
from notifications import outbox
from notifications.services import notify
from privacy.validators import validate_no_personal_data

from ..models import CommunityPage, Invitation, Membership
from .common import _facilitators, community_path

INVITATION_SALT = "communities.invitation"
INVITATION_MAX_AGE = 60 * 60 * 24 * 14
INVITATION_HANDLER = "communities.send_invitation"


def _uid(user):
    return getattr(user, "pk", user)


@transaction.atomic
def join(community: CommunityPage, user, motivation: str = "") -> Membership:
    """Join an open community, or ask to join a closed one. Hidden ones need an invitation."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    if community.is_hidden:
        raise PermissionDenied(_("Deze community is alleen toegankelijk op uitnodiging."))
    motivation = clean_plain_text(motivation, max_length=1000)
    if motivation:
        validate_no_personal_data(motivation)
    membership, _created = Membership.objects.select_for_update().get_or_create(
        community=community, user=user
    )
    if membership.status == Membership.Status.ACTIVE:
        return membership
    if membership.status == Membership.Status.REMOVED and not community.is_open:
        raise PermissionDenied(_("U bent uit deze community verwijderd."))
    # Someone a facilitator removed cannot walk straight back into an open community:
    # their join becomes a request a facilitator decides on.
    was_removed = membership.status == Membership.Status.REMOVED
    membership.motivation = motivation
    membership.created_at = timezone.now()
    if community.is_open and not was_removed:
        membership.status = Membership.Status.ACTIVE
        membership.joined_at = timezone.now()
    else:
        membership.status = Membership.Status.REQUESTED
        notify(
            _facilitators(community),
            verb="community-request",
            title=_("Nieuwe aanvraag voor %(community)s") % {"community": community.title},
            url=community_path(community) + "leden/",
            body=_("%(name)s wil lid worden.") % {"name": user.display_name},
            event_key=f"community-request:{membership.pk}:{membership.created_at.isoformat()}",
        )
    membership.save()
    community.forget_membership(user)
    return membership


def _decide(membership: Membership, actor, approve: bool) -> Membership:
    community = membership.community
    community.require_facilitator(actor)
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.status != Membership.Status.REQUESTED:
        raise ValidationError(_("Over deze aanvraag is al besloten."))
    locked.status = Membership.Status.ACTIVE if approve else Membership.Status.DECLINED
    locked.decided_by = actor
    if approve:
        locked.joined_at = timezone.now()
    locked.save()
    notify(
        [locked.user_id],
        verb="community-decision",
        title=(
            _("U bent lid van %(community)s")
            if approve
            else _("Uw aanvraag voor %(community)s is niet toegekend")
        )
        % {"community": community.title},
        url=community_path(community),
        event_key=f"community-decision:{locked.pk}:{timezone.now().isoformat()}",
    )
    return locked


@transaction.atomic
def approve(membership: Membership, actor) -> Membership:
    return _decide(membership, actor, True)


@transaction.atomic
def decline(membership: Membership, actor) -> Membership:
    return _decide(membership, actor, False)


@transaction.atomic
def remove_member(membership: Membership, actor) -> Membership:
    community = membership.community
    community.require_facilitator(actor)
    if membership.user_id == _uid(actor):
        raise ValidationError(_("U kunt uzelf niet verwijderen; draag eerst de rol over."))
    membership.status = Membership.Status.REMOVED
    membership.role = Membership.Role.MEMBER
    membership.decided_by = actor
    membership.save()
    return membership


@transaction.atomic
def leave(community: CommunityPage, user) -> Membership:
    membership = Membership.objects.select_for_update().get(community=community, user=user)
    if (
        membership.is_active_facilitator
        and Membership.objects.facilitators().filter(community=community).count() == 1
    ):
        raise ValidationError(
            _("U bent de enige facilitator. Draag de rol eerst over aan een ander lid.")
        )
    membership.status = Membership.Status.LEFT
    membership.role = Membership.Role.MEMBER
    membership.save()
    community.forget_membership(user)
    return membership


@transaction.atomic
def hand_over_facilitator(community: CommunityPage, actor, to_membership: Membership) -> None:
    """Make another active member facilitator; the current facilitator becomes a member."""
    community.require_facilitator(actor)
    target = Membership.objects.select_for_update().get(pk=to_membership.pk)
    if target.community_id != community.pk or target.status != Membership.Status.ACTIVE:
        raise ValidationError(_("Alleen een actief lid kan facilitator worden."))
    if target.user_id == _uid(actor):
        raise ValidationError(_("U bent al facilitator."))
    target.role = Membership.Role.FACILITATOR
    target.save(update_fields=["role"])
    Membership.objects.filter(community=community, user=actor).update(role=Membership.Role.MEMBER)
    community.forget_membership(actor)
    notify(
        [target.user_id],
        verb="community-facilitator",
        title=_("U bent nu facilitator van %(community)s") % {"community": community.title},
        url=community_path(community),
        event_key=f"community-facilitator:{target.pk}:{timezone.now().isoformat()}",
    )


@transaction.atomic
def add_member(community: CommunityPage, user, role=Membership.Role.MEMBER) -> Membership:
    """Direct (administrative) membership, e.g. for demo content and the first facilitator."""
    membership, _created = Membership.objects.get_or_create(community=community, user=user)
    membership.status = Membership.Status.ACTIVE
    membership.role = role
    membership.joined_at = membership.joined_at or timezone.now()
    membership.save()
    community.forget_membership(user)
    return membership


def set_notification_preference(membership: Membership, preference: str) -> Membership:
    if preference not in Membership.Digest.values:
        raise ValidationError(_("Kies een geldige voorkeur."))
    membership.notification_preference = preference
    membership.save(update_fields=["notification_preference"])
    return membership


# Invitations ---------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "e": invitation.email.lower()}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation | None:
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:
        return None
    invitation = Invitation.objects.select_related("community").filter(pk=data.get("i")).first()
    if invitation is None or invitation.email.lower() != data.get("e") or not invitation.is_open:
        return None
    return invitation


@transaction.atomic
def invite(community: CommunityPage, actor, email: str, message: str = "") -> Invitation:
    community.require_facilitator(actor)
    email = email.strip().lower()
    message = clean_plain_text(message, max_length=1000)
    existing = get_user_model().objects.filter(email__iexact=email).first()
    if existing and community.is_member(existing):
        raise ValidationError(_("Deze persoon is al lid."))
    invitation = Invitation.objects.create(
        community=community, email=email, invited_by=actor, message=message
    )
    if existing:
        membership, _created = Membership.objects.get_or_create(
            community=community, user=existing, defaults={"status": Membership.Status.INVITED}
        )
        if membership.status != Membership.Status.ACTIVE:
            membership.status = Membership.Status.INVITED
            membership.save(update_fields=["status"])
    outbox.enqueue(
        INVITATION_HANDLER,
        {"invitation_id": invitation.pk},
        dedupe_key=f"communities:invitation:{invitation.pk}",
    )
    return invitation


@transaction.atomic
def accept_invitation(invitation: Invitation, user) -> Membership:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    if user.email.lower() != invitation.email.lower():
        raise PermissionDenied(
            _("Deze uitnodiging is voor een ander e-mailadres. Log in met %(email)s.")
            % {"email": invitation.email}
        )
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_open:
        raise ValidationError(_("Deze uitnodiging is al gebruikt."))
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    membership, _created = Membership.objects.get_or_create(community=locked.community, user=user)
    if membership.status != Membership.Status.ACTIVE:
        membership.status = Membership.Status.ACTIVE
        membership.joined_at = timezone.now()
        membership.decided_by = locked.invited_by
        membership.save()
    locked.community.forget_membership(user)
    return membership
