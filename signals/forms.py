"""Forms of the signal pages. They collect input; the services validate and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from privacy.validators import GuardWarningsMixin, PersonalDataGuardMixin
from taxonomy.choices import cached_model_choices
from taxonomy.models import Organisation, Phase, Region, Theme

from .models import Dossier, Frequency, OutcomeRating, Urgency
from .queries import SORTS
from .services import SUGGESTION_MAX, TEXT_MAX, TITLE_MAX
from .workflow import Level, Status


def apply_errors(form, error) -> None:
    """Put a service ``ValidationError`` or ``SignalError`` onto the form's fields."""
    if hasattr(error, "message_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    elif getattr(error, "field", None) in form.fields:
        form.add_error(error.field, error.message)
    else:
        form.add_error(None, getattr(error, "message", str(error)))


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Refuses ids beyond the database's integer range (SQLite raises OverflowError on them)."""

    def _check_values(self, value):
        for pk in value or ():
            if str(pk).strip().lstrip("-").isdigit() and abs(int(pk)) > 2**63 - 1:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class SignalForm(PersonalDataGuardMixin, forms.Form):
    personal_data_fields = ["title", "description", "suggestion"]

    title = forms.CharField(
        label=_("Titel"),
        max_length=TITLE_MAX,
        help_text=_("Beschrijf het knelpunt in één zin."),
        widget=forms.TextInput(attrs={"data-similar-source": "title", "autocomplete": "off"}),
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        max_length=TEXT_MAX,
        help_text=_(
            "Wat gaat er mis in het stelsel, en wat is het gevolg? Noem geen namen, "
            "BSN's, V-nummers, telefoonnummers of andere gegevens van personen."
        ),
        widget=forms.Textarea(attrs={"rows": 6, "data-similar-source": "description"}),
    )
    themes = BoundedModelMultipleChoiceField(
        label=_("Thema's"),
        queryset=Theme.objects.active(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    phase = forms.ModelChoiceField(
        label=_("Fase van het traject"),
        queryset=Phase.objects.active(),
        required=False,
        empty_label=_("Weet ik niet / niet van toepassing"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.active(),
        required=False,
        help_text=_("Standaard de organisatie uit uw profiel."),
    )
    region = forms.ModelChoiceField(
        label=_("Regio"),
        queryset=Region.objects.active(),
        required=False,
        empty_label=_("Regio van mijn organisatie"),
    )
    frequency = forms.ChoiceField(
        label=_("Hoe vaak komt het voor?"),
        choices=Frequency.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    affected_count = forms.IntegerField(
        label=_("Hoeveel inburgeraars raakt het ongeveer?"),
        min_value=0,
        max_value=10_000_000,
        required=False,
    )
    urgency = forms.ChoiceField(
        label=_("Urgentie"),
        choices=Urgency.choices,
        initial=Urgency.NORMAAL,
        widget=forms.RadioSelect,
    )
    suggestion = forms.CharField(
        label=_("Suggestie voor een oplossing (optioneel)"),
        max_length=SUGGESTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, model in (
            ("themes", Theme),
            ("phase", Phase),
            ("organisation", Organisation),
            ("region", Region),
        ):
            # Options of active terms without a query; a submitted id is still validated
            # against the field's queryset.
            cached_model_choices(self.fields[name], model, active=True)


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Zoekterm"), required=False, max_length=200)
    level = forms.ChoiceField(
        label=_("Niveau"), choices=[("", _("Alle niveaus")), *Level.choices], required=False
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Alle statussen")), *Status.choices], required=False
    )
    theme = forms.ModelChoiceField(
        label=_("Thema"), queryset=Theme.objects.all(), required=False, empty_label=_("Alle")
    )
    phase = forms.ModelChoiceField(
        label=_("Fase"), queryset=Phase.objects.all(), required=False, empty_label=_("Alle")
    )
    region = forms.ModelChoiceField(
        label=_("Regio"), queryset=Region.objects.all(), required=False, empty_label=_("Alle")
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("Alle"),
    )
    overdue = forms.BooleanField(label=_("Alleen over de deadline"), required=False)
    sort = forms.ChoiceField(
        label=_("Sorteren op"),
        required=False,
        choices=[
            ("nieuw", _("Nieuwste eerst")),
            ("oud", _("Oudste eerst")),
            ("deadline", _("Deadline")),
            ("herkend", _("Meest herkend")),
            ("titel", _("Titel")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, model in (
            ("theme", Theme),
            ("phase", Phase),
            ("region", Region),
            ("organisation", Organisation),
        ):
            cached_model_choices(self.fields[name], model)  # options without a query

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = dict(self.cleaned_data)
        if data.get("sort") not in SORTS:
            data["sort"] = None
        return data


class ActionForm(GuardWarningsMixin, forms.Form):
    """The reason text of one workflow action (the action name is posted separately)."""

    reason = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class BundleForm(GuardWarningsMixin, forms.Form):
    dossier = forms.ModelChoiceField(
        label=_("Bestaand dossier"),
        queryset=Dossier.objects.open(),
        required=False,
        empty_label=_("Kies een dossier"),
    )
    new_title = forms.CharField(
        label=_("Of maak een nieuw dossier met titel"), required=False, max_length=TITLE_MAX
    )
    reason = forms.CharField(
        label=_("Toelichting (optioneel)"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("dossier") and not (cleaned.get("new_title") or "").strip():
            raise forms.ValidationError(_("Kies een dossier of geef een titel voor een nieuw."))
        return cleaned


class AssignForm(forms.Form):
    assigned_to = forms.ModelChoiceField(
        label=_("Behandelaar"), queryset=None, required=False, empty_label=_("Niemand")
    )

    def __init__(self, *args, level=None, **kwargs):
        super().__init__(*args, **kwargs)
        from .services import coordinators_of

        self.fields["assigned_to"].queryset = coordinators_of(level).order_by("first_name")


class BulkForm(GuardWarningsMixin, forms.Form):
    ACTIONS = [
        ("classify", _("In behandeling nemen")),
        ("escalate", _("Doorzetten naar het volgende niveau")),
        ("decline", _("Afwijzen")),
        ("bundle", _("Bundelen in een dossier")),
    ]
    action = forms.ChoiceField(label=_("Handeling voor de geselecteerde signalen"), choices=ACTIONS)
    reason = forms.CharField(
        label=_("Toelichting of motivering"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    dossier = forms.ModelChoiceField(
        label=_("Dossier (bij bundelen)"),
        queryset=Dossier.objects.open(),
        required=False,
        empty_label=_("Nieuw dossier"),
    )
    new_title = forms.CharField(
        label=_("Titel van het nieuwe dossier"), required=False, max_length=TITLE_MAX
    )


class NoteForm(GuardWarningsMixin, forms.Form):
    text = forms.CharField(
        label=_("Interne notitie"),
        max_length=TEXT_MAX,
        help_text=_("Alleen zichtbaar voor coördinatoren."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FollowUpForm(GuardWarningsMixin, forms.Form):
    text = forms.CharField(
        label=_("Update voor melders en volgers"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_public = forms.BooleanField(
        label=_("Ook tonen op de publieke opvolgingspagina"), required=False
    )


class RatingForm(GuardWarningsMixin, forms.Form):
    rating = forms.ChoiceField(
        label=_("Heeft deze uitkomst uw probleem opgelost?"),
        choices=OutcomeRating.Rating.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Toelichting (optioneel)"),
        required=False,
        max_length=SUGGESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ProvideInfoForm(GuardWarningsMixin, forms.Form):
    reason = forms.CharField(
        label=_("Uw aanvulling"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )


class DossierForm(GuardWarningsMixin, forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=TITLE_MAX)
    analysis = forms.CharField(
        label=_("Gezamenlijke analyse"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class MilestoneForm(GuardWarningsMixin, forms.Form):
    title = forms.CharField(label=_("Mijlpaal"), max_length=TITLE_MAX)
    due_date = forms.DateField(
        label=_("Gepland op"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
