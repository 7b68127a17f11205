"""Compose notification e-mails: Dutch or English (the recipient's ``preferred_language``),
HTML plus plain text, unsubscribe links and the ``List-Unsubscribe`` headers (RFC 2369/8058)."""

from __future__ import annotations

import hashlib
from urllib.parse import urlparse

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from . import outbox
from .categories import label_for
from .tokens import ALL, make_token


def absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL.rstrip("/") + "/" + url.lstrip("/")


def unsubscribe_url(user, kind: str = ALL) -> str:
    return absolute(reverse("notifications:unsubscribe", args=[make_token(user, kind)]))


def language_for(user) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    lang = (getattr(user, "preferred_language", "") or "").split("-")[0].lower()
    return lang if lang in codes else settings.LANGUAGE_CODE


def _message_id() -> str | None:
    """A Message-ID derived from the outbox message: a retried send carries the same id."""
    message = outbox.current_message()
    if message is None:
        return None
    domain = urlparse(settings.SITE_URL).hostname or "localhost"
    digest = hashlib.sha256(message.dedupe_key.encode()).hexdigest()[:24]
    return f"<outbox.{message.pk}.{digest}@{domain}>"


def build(user, *, template: str, subject: str, context: dict, category: str | None = None):
    """Render ``notifications/email/<template>.txt/.html`` in the user's language.

    ``subject`` may be a callable; it is then evaluated in the user's language.
    """
    all_url = unsubscribe_url(user, ALL)
    category_url = unsubscribe_url(user, category) if category else ""
    with translation.override(language_for(user)):
        context = {
            **context,
            "user": user,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "site_url": settings.SITE_URL,
            "preferences_url": absolute(reverse("notifications:preferences")),
            "unsubscribe_all_url": all_url,
            "unsubscribe_category_url": category_url,
            "category_label": label_for(category) if category else "",
            "LANGUAGE_CODE": translation.get_language(),
        }
        text = render_to_string(f"notifications/email/{template}.txt", context)
        html = render_to_string(f"notifications/email/{template}.html", context)
        subject = str(subject() if callable(subject) else subject)
    headers = {
        "List-Unsubscribe": f"<{category_url or all_url}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }
    message_id = _message_id()
    if message_id:
        headers["Message-ID"] = message_id
    subject = " ".join(subject.split())[:200]
    message = EmailMultiAlternatives(subject=subject, body=text, to=[user.email], headers=headers)
    message.attach_alternative(html, "text/html")
    return message
