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

from core.urls import absolute_url

from . import outbox
from .categories import label_for
from .tokens import ALL, make_token

absolute = absolute_url  # the one definition lives in core.urls


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


def wants_email(user, category: str) -> bool:
    """Whether ``user`` takes e-mail about ``category`` (their notification preference)."""
    from .models import NotificationPreference

    pref = NotificationPreference.objects.filter(user=user).first()
    return pref is None or pref.wants_email(category)


def _template_path(template: str) -> str:
    """``digest`` -> ``notifications/email/digest``; ``communities/email/digest`` as is."""
    return template if "/" in template else f"notifications/email/{template}"


def _send_headers(extra: dict | None = None) -> dict:
    headers = {"Auto-Submitted": "auto-generated", **(extra or {})}
    message_id = _message_id()
    if message_id:
        headers["Message-ID"] = message_id
    return headers


def _message(to: str, subject: str, text: str, html: str, headers: dict):
    subject = " ".join(subject.split())[:200]
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to], headers=headers)
    message.attach_alternative(html, "text/html")
    return message


def build_for_address(to: str, *, template: str, subject, context: dict, language: str):
    """A one-off e-mail to an address without (or before) an account, e.g. an invitation:
    the same rendering, Message-ID and headers as ``build``, but no unsubscribe links."""
    path = _template_path(template)
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {
            **context,
            "site_name": settings.WAGTAIL_SITE_NAME,
            "site_url": settings.SITE_URL,
            "LANGUAGE_CODE": translation.get_language(),
        }
        text = render_to_string(f"{path}.txt", context)
        html = render_to_string(f"{path}.html", context)
        subject = str(subject() if callable(subject) else subject)
    return _message(to, subject, text, html, _send_headers())


def build(user, *, template: str, subject, context: dict, category: str | None = None):
    """Render ``<template>.txt/.html`` (``notifications/email/`` unless the name has a folder)
    in the user's language, with unsubscribe links and List-Unsubscribe headers.

    ``subject`` may be a callable; it is then evaluated in the user's language.
    """
    path = _template_path(template)
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
        text = render_to_string(f"{path}.txt", context)
        html = render_to_string(f"{path}.html", context)
        subject = str(subject() if callable(subject) else subject)
    headers = _send_headers(
        {
            "List-Unsubscribe": f"<{category_url or all_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        }
    )
    return _message(user.email, subject, text, html, headers)
