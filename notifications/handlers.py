"""Outbox handlers of the notifications app."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from .outbox import handler


def absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL.rstrip("/") + url


@handler("notifications.send_email")
def send_email(payload: dict) -> None:
    user = get_user_model().objects.filter(pk=payload["user_id"], is_active=True).first()
    if user is None or not user.email:
        return
    context = {
        **payload,
        "user": user,
        "url": absolute(payload.get("url", "")),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        text = render_to_string("notifications/email/notification.txt", context)
        html = render_to_string("notifications/email/notification.html", context)
    message = EmailMultiAlternatives(subject=payload["title"][:200], body=text, to=[user.email])
    message.attach_alternative(html, "text/html")
    message.send()


@handler("notifications.noop")
def noop(payload: dict) -> None:
    """In-site only: nothing to deliver."""
