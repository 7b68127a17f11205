"""'Wat we met jullie feedback doen': per theme, what was done, in B1 Dutch plus translations.

One write path (``save_outcome``); every text a coordinator writes goes through the
personal-data guard. Readers get the text in their language, or the B1 Dutch text with a
notice when that translation is missing.
"""

from __future__ import annotations

from django.db import transaction

from core.sanitize import plain_text
from privacy.validators import validate_no_personal_data

from . import texts
from .models import FeedbackOutcome, FeedbackOutcomeTranslation
from .services import _require_moderator

TRANSLATED_LANGUAGES = [code for code in texts.LANGUAGE_CODES if code != "nl"]


def _guarded(value: str, max_length: int) -> str:
    cleaned = plain_text(value, max_length=max_length)
    validate_no_personal_data(cleaned)
    return cleaned


@transaction.atomic
def save_outcome(
    *, coordinator, theme, title, body, is_published=False, translations=None, outcome=None
) -> FeedbackOutcome:
    """Create or update an outcome; ``translations`` maps language -> (title, body).

    A language with an empty title and body has no translation (it is removed).
    """
    _require_moderator(coordinator)
    outcome = outcome or FeedbackOutcome()
    outcome.theme = theme
    outcome.title = _guarded(title, 200)
    outcome.body = _guarded(body, 4000)
    outcome.is_published = bool(is_published)
    outcome.save()
    for language, (t_title, t_body) in (translations or {}).items():
        if language not in TRANSLATED_LANGUAGES:
            continue
        t_title, t_body = _guarded(t_title, 200), _guarded(t_body, 4000)
        if t_title and t_body:
            FeedbackOutcomeTranslation.objects.update_or_create(
                outcome=outcome, language=language, defaults={"title": t_title, "body": t_body}
            )
        else:
            FeedbackOutcomeTranslation.objects.filter(outcome=outcome, language=language).delete()
    return outcome


def for_reader(language: str):
    """Published outcomes for a reader in ``language``: text, its language and a fallback flag.

    Two queries, whatever the number of outcomes.
    """
    items = []
    queryset = FeedbackOutcome.objects.published().select_related("theme")
    outcomes = list(queryset)
    translated = {}
    if language != "nl":
        translated = {
            row.outcome_id: row
            for row in FeedbackOutcomeTranslation.objects.filter(
                outcome__in=outcomes, language=language
            )
        }
    for outcome in outcomes:
        row = translated.get(outcome.pk)
        if row is not None or language == "nl":
            source = row or outcome
            items.append(
                {
                    "outcome": outcome,
                    "title": source.title,
                    "body": source.body,
                    "language": language,
                    "fallback": False,
                }
            )
        else:
            items.append(
                {
                    "outcome": outcome,
                    "title": outcome.title,
                    "body": outcome.body,
                    "language": "nl",
                    "fallback": True,
                }
            )
    for item in items:
        item["direction"] = texts.DIRECTIONS.get(item["language"], "ltr")
    return items
