"""Forms of the routing and consultation features (workbench and "Vragen aan ons")."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import roles
from taxonomy.models import Organisation

from .models import Team

TEXT_MAX = 5000


class RerouteForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Naar team"), queryset=Team.objects.none())
    reason = forms.CharField(
        label=_("Reden"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, level=None, exclude=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Team.objects.at_level(level).order_by("name")
        if exclude:
            qs = qs.exclude(pk=exclude)
        self.fields["team"].queryset = qs


class ConsultForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisaties"),
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        help_text=_("U kunt meerdere organisaties tegelijk dezelfde vraag stellen."),
    )
    question = forms.CharField(
        label=_("Vraag"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )
    due_date = forms.DateField(
        label=_("Antwoord graag vóór"), widget=forms.DateInput(attrs={"type": "date"})
    )
    contact = forms.ModelChoiceField(
        label=_("Contactpersoon (optioneel)"),
        queryset=get_user_model().objects.none(),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        group = roles.ROLES[roles.KETENPARTNER].group_name
        self.fields["contact"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name=group)
            .select_related("organisation")
            .order_by("last_name")
        )
        self.fields["contact"].label_from_instance = lambda u: (
            f"{u.display_name} ({u.organisation.name if u.organisation_id else '—'})"
        )

    def clean_due_date(self):
        value = self.cleaned_data["due_date"]
        if value < timezone.localdate():
            raise forms.ValidationError(_("Kies een datum vanaf vandaag."))
        return value


class ConcernedForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Betrokken organisaties"),
        queryset=Organisation.objects.filter(is_active=True).order_by("name"),
        required=False,
    )


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Uw antwoord"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 6})
    )
