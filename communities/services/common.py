"""Helpers the service modules of communities share: absolute links and community paths,
the titles every object has (validated and sanitised), and who facilitates or may read a
community (the recipients of notifications).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.text import clean_plain_text
from core.urls import absolute_url
from privacy.validators import validate_no_personal_data

from ..models import CommunityPage, Membership

absolute = absolute_url  # the one definition lives in core.urls


def community_path(community: CommunityPage) -> str:
    return community.get_url() or community.url_path


def _facilitators(community):
    return [m.user_id for m in Membership.objects.facilitators().filter(community=community)]


def clean_title(raw: str, max_length: int = 200) -> str:
    title = clean_plain_text(raw, max_length=max_length)
    if not title:
        raise ValidationError(_("Geef een onderwerp op."), code="required")
    validate_no_personal_data(title)
    return title


def _readers(community: CommunityPage, user_ids):
    """The subset of ``user_ids`` that may read the community's content."""
    User = get_user_model()
    ids = set(user_ids)
    if not ids:
        return set()
    if community.is_open:
        return set(User.objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True))
    return set(
        Membership.objects.active()
        .filter(community=community, user_id__in=ids)
        .values_list("user_id", flat=True)
    )
