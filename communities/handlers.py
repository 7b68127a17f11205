"""Outbox handlers of communities: invitation e-mails and digests.

Both recompute what they send at delivery time, through ``visible_to``, so an e-mail never
contains content the recipient may (no longer) read.
"""

from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from notifications.outbox import handler

from . import services
from .models import Invitation, Membership


def _send(to: str, subject: str, template: str, context: dict, language: str) -> None:
    context = {**context, "site_name": settings.WAGTAIL_SITE_NAME}
    with translation.override(language or settings.LANGUAGE_CODE):
        text = render_to_string(f"communities/email/{template}.txt", context)
        html = render_to_string(f"communities/email/{template}.html", context)
        subject = str(subject)
    message = EmailMultiAlternatives(subject=subject[:200], body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()


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
    _send(invitation.email, subject, "invitation", context, language)


@handler(services.DIGEST_HANDLER)
def send_digest(payload: dict) -> None:
    user = get_user_model().objects.filter(pk=payload["user_id"], is_active=True).first()
    if user is None or not user.email:
        return
    start = datetime.fromisoformat(payload["start"])
    end = datetime.fromisoformat(payload["end"])
    kind = payload["kind"]
    items = services.digest_items(user, kind, start, end)
    if not items:
        return  # nothing (any longer) readable for this person
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = (
            _("Dagoverzicht van uw communities")
            if kind == Membership.Digest.DAILY
            else _("Weekoverzicht van uw communities")
        )
    context = {
        "user": user,
        "items": items,
        "kind": kind,
        "start": start,
        "end": end,
        "subject": subject,
        "preferences_hint": True,
    }
    _send(user.email, subject, "digest", context, language)
