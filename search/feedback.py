"""'Heeft u gevonden wat u zocht?' on the search page: anonymous, guarded, rate limited."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core import ratelimit
from core.sanitize import plain_text
from privacy.validators import PersonalDataGuardMixin, validate_no_personal_data

from .models import SearchFeedback
from .text import clean_query, normalise_for_log

COMMENT_MAX = 500
RATE_SCOPE = "search-feedback"


class RateLimited(Exception):
    pass


class SearchFeedbackForm(PersonalDataGuardMixin, forms.Form):
    q = forms.CharField(required=False, max_length=400, widget=forms.HiddenInput)
    found = forms.TypedChoiceField(
        label=_("Heeft u gevonden wat u zocht?"),
        choices=[("ja", _("Ja")), ("nee", _("Nee"))],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee.")},
    )
    comment = forms.CharField(
        label=_("Wat zocht u? (optioneel)"),
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": COMMENT_MAX}),
        help_text=_("Noem geen namen of andere persoonsgegevens. We slaan niet op wie u bent."),
        error_messages={
            "max_length": _("Maximaal %(limit_value)d tekens (u gebruikte er %(show_value)d).")
        },
    )
    personal_data_fields = ["comment"]


def submit(request, *, query: str, found: bool, comment: str = "") -> SearchFeedback:
    """Store one answer. Raises ValidationError (personal data, length) or RateLimited."""
    text = plain_text(comment or "")
    if len(text) > COMMENT_MAX:
        raise ValidationError(_("Uw toelichting is te lang."), code="max_length")
    validate_no_personal_data(text)
    if ratelimit.is_limited(RATE_SCOPE, request):
        raise RateLimited
    ratelimit.record(RATE_SCOPE, request)
    return SearchFeedback.objects.create(
        query=normalise_for_log(clean_query(query)), found=bool(found), comment=text
    )
