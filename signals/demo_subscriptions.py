"""Demo subscriptions ("volgopdrachten") and saved workbench filters (called by
``signals.demo.seed``). Idempotent: the same criteria only set the frequency again, saved
filters are matched on name."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from notifications import subscriptions
from notifications.models import SavedFilter
from taxonomy.models import Organisation, Region, Theme

# (e-mail, {criterion: slug or text}, frequency)
SUBSCRIPTIONS = [
    ("schakel@example.org", {"theme": "overdracht-coa-gemeente"}, "daily"),
    ("schakel@example.org", {"region": "groot-amsterdam", "query": "leerbaarheidstoets"}, "weekly"),
    ("coa@example.org", {"organisation": "coa-locatie-ter-apel"}, "immediate"),
    ("vng@example.org", {"theme": "financieel-ontzorgen"}, "weekly"),
]  # fmt: skip

# (e-mail, name, workbench query string)
SAVED_FILTERS = [
    ("schakel@example.org", "Over de deadline (hele niveau)", "level=schakel&overdue=on&scope=niveau"),
    ("schakel@example.org", "Overdracht, meest herkend", "level=schakel&q=overdracht&sort=herkend"),
]  # fmt: skip

_MODELS = {"theme": Theme, "region": Region, "organisation": Organisation}


def seed(stdout=None) -> int:
    users = {u.email: u for u in get_user_model().objects.filter(email__contains="@example.org")}
    made = 0
    for email, criteria, frequency in SUBSCRIPTIONS:
        user = users.get(email)
        if user is None:
            continue
        values = {}
        for key, value in criteria.items():
            if key == "query":
                values[key] = value
            else:
                values[key] = _MODELS[key].objects.filter(slug=value).first()
        if not any(values.values()):
            continue
        subscriptions.subscribe(user, frequency=frequency, **values)
        made += 1
    for email, name, query in SAVED_FILTERS:
        user = users.get(email)
        if user is not None and not SavedFilter.objects.filter(user=user, name=name).exists():
            subscriptions.save_filter(user, name, query)
    if stdout:
        stdout.write(f"  subscriptions: {made}, saved filters: {len(SAVED_FILTERS)}")
    return made
