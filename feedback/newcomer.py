"""What every newcomer page shares: its language from the URL, the offer of the browser's
language (never forced), the five-language switch, and rendering in that language."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation.trans_real import parse_accept_lang_header

from . import texts


def check_language(language: str) -> None:
    if language not in texts.LANGUAGE_CODES:
        raise Http404("Unknown language")


def remembered_language(request) -> str:
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in texts.LANGUAGE_CODES else texts.DEFAULT_LANGUAGE


def offered_language(request, language: str) -> str | None:
    """A supported browser language other than the page's, unless the visitor already chose."""
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) in texts.LANGUAGE_CODES:
        return None
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in parse_accept_lang_header(header):
        base = code.split("-")[0].lower()
        if base in texts.LANGUAGE_CODES:
            return None if base == language else base
    return None


def context(request, language: str, url_name: str) -> dict:
    """Texts, direction, the offer banner and the language switch for one newcomer page."""
    t = texts.texts_for(language)
    switch = [
        {
            "code": code,
            "name": name,
            "direction": direction,
            "url": reverse(url_name, args=[code]),
            "current": code == language,
        }
        for code, name, direction in texts.LANGUAGES
    ]
    offer = None
    offered = offered_language(request, language)
    if offered:
        offer = {
            "code": offered,
            "direction": texts.DIRECTIONS[offered],
            "url": reverse(url_name, args=[offered]),
            "text_page": t["offer"][offered],
            "text_own": texts.texts_for(offered)["offer"][offered],
        }
    return {
        "language": language,
        "direction": texts.DIRECTIONS[language],
        "t": t,
        "languages": texts.LANGUAGES,
        "newcomer_switch": switch,
        "offer": offer,
        "script_font": {"ar": "arabic", "ti": "ethiopic"}.get(language, ""),
    }


def render_in(request, language: str, template: str, ctx: dict, status: int = 200):
    """Render with ``language`` active, so the shell (header, lang/dir) follows the page."""
    with translation.override(language):
        response = render(request, template, ctx, status=status)
    response.headers["Content-Language"] = language
    return response
