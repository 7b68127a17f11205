"""Forms of "Mijn volgopdrachten"."""

from django import forms
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Organisation, Phase, Region, Theme

from .subscription_models import QUERY_MAX, Frequency


class SubscriptionForm(forms.Form):
    theme = forms.ModelChoiceField(
        label=_("Thema"), queryset=Theme.objects.all(), required=False, empty_label=_("Alle")
    )
    region = forms.ModelChoiceField(
        label=_("Regio"), queryset=Region.objects.all(), required=False, empty_label=_("Alle")
    )
    phase = forms.ModelChoiceField(
        label=_("Fase"), queryset=Phase.objects.all(), required=False, empty_label=_("Alle")
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("Alle"),
    )
    q = forms.CharField(
        label=_("Zoekterm"),
        required=False,
        max_length=QUERY_MAX,
        help_text=_("Alleen signalen met deze tekst in de titel of omschrijving."),
    )
    frequency = forms.ChoiceField(
        label=_("Hoe vaak wilt u bericht?"),
        choices=Frequency.choices,
        initial=Frequency.DAILY,
        widget=forms.RadioSelect,
    )


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(label=_("Hoe vaak"), choices=Frequency.choices)
