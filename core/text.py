"""The text policy: what every free-text field typed by a non-editor goes through.

Markup is removed (``core.sanitize.plain_text``), required fields must have text, and text
over the field's limit is refused with a message that says the limit and the current length.
Text is never cut off silently: the person decides what to leave out. The personal-data
guard (``privacy``) runs on the result in the app that owns the field.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .sanitize import plain_text


def too_long_message(max_length: int, length: int) -> str:
    return _("Gebruik maximaal %(max)d tekens (nu %(n)d).") % {"max": max_length, "n": length}


def clean_plain_text(
    value, *, max_length: int, required: bool = False, label: str | None = None
) -> str:
    """Plain text within ``max_length`` characters, or a ``ValidationError`` saying why not."""
    text = plain_text(value or "")
    if required and not text:
        raise ValidationError(
            _("Vul %(label)s in.") % {"label": label or _("dit veld")}, code="required"
        )
    if len(text) > max_length:
        raise ValidationError(too_long_message(max_length, len(text)), code="max_length")
    return text
