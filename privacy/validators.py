"""Validators and the form mixin of the personal-data guard, with its two tiers.

* certain personal data: ``ValidationError`` code ``personal_data`` (always refused);
* a possible birth date: ``ValidationError`` code ``possible_personal_data`` unless the
  request carries the confirmation ("dit gaat niet over een persoon"), see
  ``privacy.confirmation``. A form that shows this warning grows the checkbox.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from . import confirmation
from .guard import GuardWarning, certain, describe, describe_possible, find_personal_data, possible

PERSONAL_DATA = "personal_data"
POSSIBLE_PERSONAL_DATA = "possible_personal_data"


def guard_error(value: str) -> ValidationError | None:
    """The guard's error for ``value`` (or None): a refusal first, else a warning."""
    findings = find_personal_data(value)
    sure = certain(findings)
    if sure:
        # No ``params``: Django would %-format the message, which quotes what was typed.
        return ValidationError(describe(sure), code=PERSONAL_DATA)
    maybe = possible(findings)
    if not maybe:
        return None
    if confirmation.is_confirmed():
        confirmation.note_accepted(maybe)
        return None
    return ValidationError(describe_possible(value, maybe), code=POSSIBLE_PERSONAL_DATA)


def validate_no_personal_data(value: str) -> None:
    error = guard_error(value)
    if error is not None:
        raise error


def is_warning(error) -> bool:
    """True when ``error`` (a ValidationError, message or list of them) holds a warning."""
    if isinstance(error, ValidationError):
        return any(isinstance(m, GuardWarning) for m in error.messages)
    if isinstance(error, (list, tuple)):
        return any(is_warning(e) for e in error)
    if isinstance(error, dict):
        return any(is_warning(e) for e in error.values())
    return isinstance(error, GuardWarning)


def _codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def api_error_body(error: ValidationError) -> dict:
    """JSON for a 400: field messages as plain text; a warning gets its own code and the
    name of the confirmation field, so a client can ask its user and send it again."""
    if hasattr(error, "error_dict"):
        body = {
            field: [strip_tags(str(m)) for m in ValidationError(errs).messages]
            for field, errs in error.error_dict.items()
        }
    else:
        body = {"detail": [strip_tags(str(m)) for m in error.messages]}
    codes = _codes(error)
    if is_warning(error) and PERSONAL_DATA not in codes:
        body["code"] = POSSIBLE_PERSONAL_DATA
        body["confirm_field"] = confirmation.FIELD
    elif PERSONAL_DATA in codes:
        body["code"] = PERSONAL_DATA
    return body


class GuardWarningsMixin:
    """Form mixin for forms whose text the services guard: when a guard warning lands on
    the form, the "dit gaat niet over een persoon" checkbox appears."""

    def add_error(self, field, error):
        if is_warning(error):
            if getattr(self, "_guard_cleaning", False):
                self._guard_wants_field = True  # fields are being iterated: add it after
            else:
                add_confirmation_field(self)
        super().add_error(field, error)

    def full_clean(self):
        self._guard_cleaning = True
        try:
            super().full_clean()
        finally:
            self._guard_cleaning = False
        if getattr(self, "_guard_wants_field", False):
            add_confirmation_field(self)


class PersonalDataGuardMixin(GuardWarningsMixin):
    """Form mixin: refuse personal data in the fields listed in ``personal_data_fields``
    (default: all text fields), warn about possible birth dates, and show the
    "dit gaat niet over een persoon" checkbox when a warning is shown."""

    personal_data_fields: list[str] | None = None

    def _guarded_fields(self):
        if self.personal_data_fields is not None:
            return self.personal_data_fields
        return [name for name, field in self.fields.items() if isinstance(field, forms.CharField)]

    def _confirmed(self) -> bool:
        return bool(self.is_bound and confirmation.truthy(self.data.get(confirmation.FIELD, "")))

    def clean(self):
        cleaned = super().clean()
        with confirmation.confirmed(self._confirmed()):
            for name in self._guarded_fields():
                value = cleaned.get(name)
                if isinstance(value, str) and value:
                    error = guard_error(value)
                    if error is not None:
                        self.add_error(name, error)
        return cleaned


def add_confirmation_field(form) -> None:
    if confirmation.FIELD not in form.fields:
        form.fields[confirmation.FIELD] = forms.BooleanField(
            required=False,
            label=_("Dit gaat niet over een persoon"),
            help_text=_(
                "Vink dit aan als de gemarkeerde datum niet iemands geboortedatum is, maar "
                "bijvoorbeeld de datum van een wet, besluit of periode. We bewaren dat u dit "
                "hebt bevestigd."
            ),
        )
