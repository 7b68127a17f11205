"""Admin form of a routing rule: friendly choices that become the rule's ``conditions``, and
the preview (which rule and team a signal would get)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from taxonomy.models import Organisation, Phase, Region, Theme

from .models import Signal, Source, Urgency

CONDITION_FIELDS = {
    "region": ("regions", Region),
    "organisation": ("organisations", Organisation),
    "theme": ("themes", Theme),
    "phase": ("phases", Phase),
}


class RoutingRuleForm(WagtailAdminModelForm):
    regions = forms.ModelMultipleChoiceField(
        Region.objects.all(), required=False, label=_("Regio's")
    )
    organisations = forms.ModelMultipleChoiceField(
        Organisation.objects.all(), required=False, label=_("Organisaties")
    )
    themes = forms.ModelMultipleChoiceField(Theme.objects.all(), required=False, label=_("Thema's"))
    phases = forms.ModelMultipleChoiceField(Phase.objects.all(), required=False, label=_("Fasen"))
    urgencies = forms.MultipleChoiceField(
        choices=Urgency.choices, required=False, label=_("Urgenties")
    )
    sources = forms.MultipleChoiceField(choices=Source.choices, required=False, label=_("Bronnen"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        conditions = self.instance.conditions or {}
        for key, (field, _model) in CONDITION_FIELDS.items():
            self.fields[field].initial = conditions.get(key, [])
        self.fields["urgencies"].initial = conditions.get("urgency", [])
        self.fields["sources"].initial = conditions.get("source", [])

    def clean(self):
        data = super().clean()
        conditions = {}
        for key, (field, _model) in CONDITION_FIELDS.items():
            values = [o.pk for o in data.get(field) or []]
            if values:
                conditions[key] = values
        for key, field in (("urgency", "urgencies"), ("source", "sources")):
            if data.get(field):
                conditions[key] = list(data[field])
        self.instance.conditions = conditions
        return data


def parse_reference(text: str) -> int | None:
    """``S-00012``, ``s12`` or ``12`` -> 12."""
    digits = "".join(ch for ch in (text or "") if ch.isascii() and ch.isdigit())
    return int(digits) if digits and len(digits) < 12 else None


def preview(reference: str) -> dict:
    """Which rule and team a signal would get at its level now (nothing is changed)."""
    from .services.routing import active_rules, decide

    pk = parse_reference(reference)
    signal = Signal.objects.filter(pk=pk).first() if pk else None
    if signal is None:
        return {"error": _("Geen signaal gevonden met kenmerk %(ref)s.") % {"ref": reference}}
    decision = decide(signal)
    return {
        "signal": signal,
        "decision": decision,
        "rules": active_rules(signal.level),
    }
