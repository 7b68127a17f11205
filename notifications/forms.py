from django import forms
from django.utils.translation import gettext_lazy as _

from .categories import all_categories
from .models import NotificationPreference


class PreferenceForm(forms.Form):
    email_enabled = forms.BooleanField(
        label=_("Ik wil e-mail ontvangen over meldingen"),
        required=False,
        help_text=_("Zet u dit uit, dan ziet u meldingen alleen nog op het platform."),
    )
    categories = forms.MultipleChoiceField(
        label=_("Onderwerpen waarover ik e-mail wil ontvangen"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    digest = forms.ChoiceField(
        label=_("Hoe vaak wilt u e-mail ontvangen?"),
        choices=NotificationPreference.Digest.choices,
        widget=forms.RadioSelect,
        help_text=_("Dringende meldingen, zoals een naderende termijn, sturen we altijd direct."),
    )

    def __init__(self, *args, preference=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(c.key, c.label) for c in all_categories()]
        self.fields["categories"].choices = choices
        if preference is not None and not self.is_bound:
            muted = set(preference.muted_categories or [])
            self.initial = {
                "email_enabled": preference.email_enabled,
                "categories": [key for key, _label in choices if key not in muted],
                "digest": preference.digest,
            }

    def muted_categories(self) -> list[str]:
        chosen = set(self.cleaned_data["categories"])
        return [key for key, _label in self.fields["categories"].choices if key not in chosen]
