from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.sanitize import plain_text
from privacy.validators import PersonalDataGuardMixin
from taxonomy.models import Phase, Theme

from .services import EXPLANATION_MAX, FEEDBACK_COMMENT_MAX, QUESTION_MAX


class KnowledgeFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoek in titels"), required=False, max_length=100)
    theme = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.active(),
        required=False,
        empty_label=_("Alle thema's"),
        to_field_name="slug",
    )
    phase = forms.ModelChoiceField(
        label=_("Fase"),
        queryset=Phase.objects.active(),
        required=False,
        empty_label=_("Alle fasen"),
        to_field_name="slug",
    )


class FeedbackForm(PersonalDataGuardMixin, forms.Form):
    helpful = forms.TypedChoiceField(
        label=_("Was dit nuttig?"),
        choices=[("ja", _("Ja")), ("nee", _("Nee"))],
        coerce=lambda v: v == "ja",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee.")},
    )
    comment = forms.CharField(
        label=_("Toelichting (optioneel)"),
        required=False,
        max_length=FEEDBACK_COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": FEEDBACK_COMMENT_MAX}),
        help_text=_("Noem geen namen of andere persoonsgegevens. We slaan niet op wie u bent."),
        error_messages={
            "max_length": _("Maximaal %(limit_value)d tekens (u gebruikte er %(show_value)d).")
        },
    )
    personal_data_fields = ["comment"]

    def clean_comment(self):
        return plain_text(self.cleaned_data.get("comment", ""))


class AskQuestionForm(PersonalDataGuardMixin, forms.Form):
    question = forms.CharField(
        label=_("Uw vraag"),
        max_length=QUESTION_MAX,
        widget=forms.TextInput(attrs={"maxlength": QUESTION_MAX}),
        help_text=_(
            "Stel uw vraag zo algemeen mogelijk; het gaat om het stelsel, niet om een persoon."
        ),
        error_messages={
            "required": _("Vul uw vraag in."),
            "max_length": _("Maximaal %(limit_value)d tekens (u gebruikte er %(show_value)d)."),
        },
    )
    explanation = forms.CharField(
        label=_("Toelichting (optioneel)"),
        required=False,
        max_length=EXPLANATION_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": EXPLANATION_MAX}),
        help_text=_("Waarom is dit een vraag voor u? Noem geen gegevens van inburgeraars."),
        error_messages={
            "max_length": _("Maximaal %(limit_value)d tekens (u gebruikte er %(show_value)d)."),
        },
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's (optioneel)"),
        queryset=Theme.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    personal_data_fields = ["question", "explanation"]

    def clean_question(self):
        value = plain_text(self.cleaned_data.get("question", ""))
        if not value:
            raise ValidationError(_("Vul uw vraag in."), code="required")
        return value

    def clean_explanation(self):
        return plain_text(self.cleaned_data.get("explanation", ""))
