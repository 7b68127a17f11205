from django import forms
from django.core.exceptions import ValidationError

from .guard import describe, find_personal_data


def validate_no_personal_data(value: str) -> None:
    findings = find_personal_data(value)
    if findings:
        raise ValidationError(
            describe(findings), code="personal_data", params={"kinds": [f.kind for f in findings]}
        )


class PersonalDataGuardMixin:
    """Form mixin: refuse personal data in the fields listed in ``personal_data_fields`` (default: all text)."""

    personal_data_fields: list[str] | None = None

    def _guarded_fields(self):
        if self.personal_data_fields is not None:
            return self.personal_data_fields
        return [name for name, field in self.fields.items() if isinstance(field, forms.CharField)]

    def clean(self):
        cleaned = super().clean()
        for name in self._guarded_fields():
            value = cleaned.get(name)
            if isinstance(value, str) and value:
                try:
                    validate_no_personal_data(value)
                except ValidationError as error:
                    self.add_error(name, error)
        return cleaned
