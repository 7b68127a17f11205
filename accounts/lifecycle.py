"""Deactivating accounts and organisation membership rules (one write path for both views
and the admin)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from rest_framework.authtoken.models import Token

from .identity_models import RoleChangeRequest
from .roles import BEHEERDER, ORGANISATIEBEHEERDER


def can_manage_members(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if user.has_role(BEHEERDER):
        return True
    return user.has_role(ORGANISATIEBEHEERDER) and user.organisation_id is not None


def members_visible_to(user):
    """The accounts a (organisation) beheerder may see and manage; nobody else sees any."""
    User = get_user_model()
    if not can_manage_members(user):
        return User.objects.none()
    if user.has_role(BEHEERDER):
        return User.objects.all()
    return User.objects.filter(organisation_id=user.organisation_id)


@transaction.atomic
def deactivate(user) -> None:
    """Switch an account off. The next request of any of its sessions is anonymous (Django
    checks ``is_active`` when it loads the user) and its API tokens are deleted."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    Token.objects.filter(user=user).delete()
    revoke_sessions(user)


def revoke_sessions(user) -> int:
    """Delete the database sessions of the user (sessions of other engines end by is_active)."""
    removed = 0
    user_id = str(user.pk)
    for session in Session.objects.iterator():
        if session.get_decoded().get("_auth_user_id") == user_id:
            session.delete()
            removed += 1
    return removed


def request_role_change(member, requested_by, role: str, action: str, reason: str = ""):
    return RoleChangeRequest.objects.create(
        user=member, requested_by=requested_by, role=role, action=action, reason=reason
    )
