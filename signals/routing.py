"""Routing rules as data: which conditions exist, how a rule is checked, which team it picks.

A rule's ``conditions`` maps a condition name to the values it allows. Routing loads the
active rules of a level once (one query, the team joined), evaluates them in order in
memory against the signal and takes the first match; with none, the level's default team.
So the cost of routing does not grow with the number of rules.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# condition name -> (label, how to read the values from a signal)
CONDITIONS = {
    "region": gettext_lazy("regio"),
    "organisation": gettext_lazy("organisatie"),
    "theme": gettext_lazy("thema"),
    "phase": gettext_lazy("fase"),
    "urgency": gettext_lazy("urgentie"),
    "source": gettext_lazy("bron"),
}
ID_CONDITIONS = {"region", "organisation", "theme", "phase"}


def _known_values(name: str, values: list) -> set:
    from taxonomy.models import Organisation, Phase, Region, Theme

    from .models import Source, Urgency

    if name == "urgency":
        return set(Urgency.values)
    if name == "source":
        return set(Source.values)
    model = {"region": Region, "organisation": Organisation, "theme": Theme, "phase": Phase}[name]
    ids = [v for v in values if isinstance(v, int) and not isinstance(v, bool)]
    return set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))


def validate_rule(level: str, conditions, team) -> None:
    """Refuse unknown, empty and contradictory conditions with a message that says why."""
    errors: list[str] = []
    if not isinstance(conditions, dict):
        raise ValidationError({"conditions": _("De voorwaarden moeten een object zijn.")})
    for name, values in conditions.items():
        if name not in CONDITIONS:
            errors.append(
                _("Onbekende voorwaarde '%(name)s'. Kies uit: %(known)s.")
                % {"name": name, "known": ", ".join(CONDITIONS)}
            )
            continue
        if not isinstance(values, list) or not values:
            errors.append(
                _("De voorwaarde %(label)s heeft geen waarden; laat haar weg voor 'elke'.")
                % {"label": CONDITIONS[name]}
            )
            continue
        unknown = [v for v in values if v not in _known_values(name, values)]
        if unknown:
            errors.append(
                _("Onbekende waarde(n) voor %(label)s: %(values)s.")
                % {"label": CONDITIONS[name], "values": ", ".join(map(str, unknown))}
            )
    if not errors and conditions.get("organisation") and conditions.get("region"):
        from taxonomy.models import Organisation

        regions = set(conditions["region"])
        outside = Organisation.objects.filter(pk__in=conditions["organisation"]).exclude(
            region_id__in=regions
        )
        if outside.filter(region__isnull=False).exists():
            errors.append(
                _(
                    "Tegenstrijdig: organisatie %(names)s ligt niet in de gekozen regio's, "
                    "dus deze regel kan nooit gelden."
                )
                % {"names": ", ".join(o.name for o in outside.filter(region__isnull=False))}
            )
    if team is not None and team.level != level:
        errors.append(
            _("Het team %(team)s hoort bij een ander niveau dan de regel.") % {"team": team.name}
        )
    if errors:
        raise ValidationError({"conditions": errors})


def signal_facts(signal) -> dict[str, set]:
    """The values of a signal the conditions look at (themes read once)."""
    theme_ids = getattr(signal, "_routing_theme_ids", None)
    if theme_ids is None:
        theme_ids = set(signal.themes.values_list("pk", flat=True)) if signal.pk else set()
    return {
        "region": {signal.region_id} - {None},
        "organisation": {signal.organisation_id} - {None},
        "theme": set(theme_ids),
        "phase": {signal.phase_id} - {None},
        "urgency": {signal.urgency},
        "source": {signal.source},
    }


def rule_matches(conditions: dict, facts: dict[str, set]) -> bool:
    return all(facts.get(name, set()) & set(values) for name, values in conditions.items())


def choose(rules, facts):
    """The first rule (in order) whose conditions all hold, or None."""
    for rule in rules:
        if rule_matches(rule.conditions, facts):
            return rule
    return None
