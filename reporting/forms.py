from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Phase, Region, Theme

from .periods import Period
from .roles import SCOPES

MAX_SPAN_DAYS = 5 * 366


def default_range(today: date) -> tuple[date, date]:
    """The last twelve months including the current one: (first day, last day)."""
    month = today.month - 11
    year = today.year + (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1), today


class DashboardFilterForm(forms.Form):
    """Period and filters of a dashboard (GET). Empty fields mean: no filter / the default."""

    start = forms.DateField(
        label=_("Van"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Eerste dag van de periode."),
    )
    end = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Laatste dag van de periode."),
    )
    theme = forms.ModelChoiceField(
        label=_("Thema"),
        queryset=Theme.objects.active(),
        required=False,
        empty_label=_("Alle thema's"),
    )
    phase = forms.ModelChoiceField(
        label=_("Fase"),
        queryset=Phase.objects.active(),
        required=False,
        empty_label=_("Alle fasen"),
    )
    region = forms.ModelChoiceField(
        label=_("Regio"),
        queryset=Region.objects.active(),
        required=False,
        empty_label=_("Alle regio's"),
    )

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def clean(self):
        data = super().clean()
        default_start, default_end = default_range(self.today)
        start = data.get("start") or default_start
        end = data.get("end") or default_end
        if start > end:
            raise forms.ValidationError(_("De begindatum ligt na de einddatum."))
        if (end - start).days > MAX_SPAN_DAYS:
            raise forms.ValidationError(_("Kies een periode van hoogstens vijf jaar."))
        data["start"], data["end"] = start, end
        return data

    def range(self) -> tuple[date, date]:
        """(start, exclusive end) for the figures; the default when the form is invalid."""
        if self.is_valid():
            return self.cleaned_data["start"], self.cleaned_data["end"] + timedelta(days=1)
        start, end = default_range(self.today)
        return start, end + timedelta(days=1)

    def ids(self) -> dict:
        if not self.is_valid():
            return {"theme": None, "phase": None, "region": None}
        return {
            key: getattr(self.cleaned_data.get(key), "pk", None)
            for key in ("theme", "phase", "region")
        }


def quarter_choices(today: date, count: int = 8):
    period = Period.containing(today)
    choices = []
    for _i in range(count):
        choices.append((period.label, period.label))
        period = period.previous()
    return choices


class GenerateReportForm(forms.Form):
    """On-demand (re)generation of a quarterly report snapshot."""

    scope = forms.ChoiceField(label=_("Niveau"), choices=())
    period = forms.ChoiceField(label=_("Kwartaal"), choices=())

    def __init__(self, *args, scopes=SCOPES, scope_labels=None, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        labels = scope_labels or {}
        self.fields["scope"].choices = [(s, labels.get(s, s)) for s in scopes]
        self.fields["period"].choices = quarter_choices(today or timezone.localdate())

    def clean_period(self):
        return Period.parse(self.cleaned_data["period"])


class IndicatorImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV-bestand"),
        help_text=_(
            "Kolommen: indicator;periode;regio;waarde (toelichting mag). Periode als 2025-K1 "
            "of 2025-03; regio leeg of 'landelijk' voor het landelijke cijfer. Maximaal 2 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("Het bestand is groter dan 2 MB."))
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".txt")):
            raise forms.ValidationError(_("Kies een CSV-bestand (.csv)."))
        return upload
