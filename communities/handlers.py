"""Outbox handlers of communities: invitation e-mails and digests.

Both recompute what they send at delivery time, through ``visible_to``, so an e-mail never
contains content the recipient may (no longer) read.
"""

from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from django.utils.translation import gettext as _

from notifications import emails
from notifications.outbox import handler

from . import services
from .models import Invitation, Membership

# Digests go to members under the "communities" mail category: the same unsubscribe links,
# List-Unsubscribe and Message-ID headers as every other e-mail (notifications.emails).
MAIL_CATEGORY = "communities"


@handler(services.INVITATION_HANDLER)
def send_invitation(payload: dict) -> None:
    invitation = (
        Invitation.objects.select_related("community", "invited_by")
        .filter(pk=payload["invitation_id"])
        .first()
    )
    if invitation is None or not invitation.is_open:
        return
    token = services.invitation_token(invitation)
    context = {
        "invitation": invitation,
        "community": invitation.community,
        "inviter": invitation.invited_by.display_name if invitation.invited_by else "",
        "url": services.absolute(f"/communities/uitnodiging/{token}/"),
    }
    existing = get_user_model().objects.filter(email__iexact=invitation.email).first()
    language = existing.preferred_language if existing else settings.LANGUAGE_CODE
    with translation.override(language):
        subject = _("Uitnodiging voor de community %(name)s") % {"name": invitation.community.title}
    emails.build_for_address(
        invitation.email,
        template="communities/email/invitation",
        subject=subject,
        context=context,
        language=language,
    ).send()


@handler(services.DIGEST_HANDLER)
def send_digest(payload: dict) -> None:
    user = get_user_model().objects.filter(pk=payload["user_id"], is_active=True).first()
    if user is None or not user.email or not emails.wants_email(user, MAIL_CATEGORY):
        return
    start = datetime.fromisoformat(payload["start"])
    end = datetime.fromisoformat(payload["end"])
    kind = payload["kind"]
    items = services.digest_items(user, kind, start, end)
    if not items:
        return  # nothing (any longer) readable for this person

    def subject():
        if kind == Membership.Digest.DAILY:
            return _("Dagoverzicht van uw communities")
        return _("Weekoverzicht van uw communities")

    context = {
        "items": items,
        "kind": kind,
        "start": start,
        "end": end,
        "preferences_hint": True,
    }
    emails.build(
        user,
        template="communities/email/digest",
        subject=subject,
        context=context,
        category=MAIL_CATEGORY,
    ).send()
