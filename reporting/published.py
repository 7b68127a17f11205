"""Figures built on ``compute_figures``: dossier decisions, the public page, and the cache."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from django.db.models import (
    Count,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from signals.models import Dossier, SignalEvent

from . import conf
from .aggregates import ReportFilter, signal_scope
from .figures import compute_figures
from .periods import as_datetime

# --------------------------------------------------------------------------- dossiers


DOSSIER_ACTIONS = ("escalate", "resolve", "decline")


def dossier_events(f: ReportFilter, limit: int = 200) -> list[dict]:
    """Dossiers escalated or decided in the period (from the scope's level), with outcome."""
    start, end = as_datetime(f.start), as_datetime(f.end)
    events = SignalEvent.objects.filter(
        dossier__isnull=False,
        signal__isnull=True,
        action__in=DOSSIER_ACTIONS,
        created_at__gte=start,
        created_at__lt=end,
    )
    if f.level:
        events = events.filter(from_level=f.level)
    if f.published_only:
        events = events.filter(dossier__is_published=True)
    if f.theme:
        events = events.filter(dossier__themes__id=f.theme)
    rows = events.select_related("dossier").order_by("created_at", "pk")[:limit]
    labels = {
        "escalate": _("Doorgezet"),
        "resolve": _("Opgelost"),
        "decline": _("Afgewezen"),
    }
    return [
        {
            "reference": e.dossier.reference,
            "title": e.dossier.title,
            "action": e.action,
            "action_label": labels[e.action],
            "date": timezone.localdate(e.created_at).isoformat(),
            "from_level": e.from_level,
            "to_level": e.to_level,
            "status": e.dossier.status,
            "outcome": (e.reason if e.action != "escalate" else e.dossier.outcome or "")[:1000],
        }
        for e in rows
    ]


# --------------------------------------------------------------------------- public


def public_figures(f: ReportFilter, now: datetime | None = None) -> dict:
    """Figures for everyone: published signals and dossiers only, small groups suppressed.

    Regions, organisation types and organisations with fewer than
    ``REPORTING_PUBLIC_MIN_COUNT`` published signals are left out (and counted in
    ``suppressed``); time to outcome and satisfaction are only shown when enough signals
    carry them.
    """
    f = replace(f, published_only=True)
    minimum = conf.public_min_count()
    figures = compute_figures(f, now=now)
    start, end = as_datetime(f.start), as_datetime(f.end)
    created = signal_scope(f).filter(created_at__gte=start, created_at__lt=end)
    organisations = list(
        created.filter(organisation__isnull=False)
        .order_by()
        .values("organisation__name")
        .annotate(count=Count("pk"))
        .order_by("-count", "organisation__name")
    )
    suppressed = {}
    for key, rows in (
        ("regions", figures["regions"]),
        ("organisation_types", figures["organisation_types"]),
        (
            "organisations",
            [{"name": r["organisation__name"], "count": r["count"]} for r in organisations],
        ),
    ):
        kept = [r for r in rows if r["name"] and r["count"] >= minimum]
        suppressed[key] = len(rows) - len(kept)
        figures[key] = kept
    if figures["totals"]["outcomes"] < minimum:
        figures["totals"]["median_days"] = figures["totals"]["p90_days"] = None
    for row in figures["levels"]:
        if row["outcomes"] < minimum:
            row["median_days"] = row["p90_days"] = None
    if figures["satisfaction"]["total"] < minimum:
        figures["satisfaction"] = {"total": figures["satisfaction"]["total"], "suppressed": True}
    figures["suppressed"] = suppressed
    figures["minimum"] = minimum
    figures["published_dossiers"] = Dossier.objects.published().count()
    return figures


# --------------------------------------------------------------------------- caching


def cached(fn, f: ReportFilter) -> dict:
    """``fn(f)`` cached for ``REPORTING_CACHE_SECONDS`` (default 300; 0 turns it off).

    Dashboards show aggregates over months, so figures a few minutes old are fine and a
    busy dashboard costs the database one computation per filter per interval. The key
    holds the filter and today's date (overdue depends on it).
    """
    seconds = conf.cache_seconds()
    if seconds <= 0:
        return fn(f)
    from django.core.cache import cache

    key = f"reporting:{fn.__name__}:{f.scope}:{f.start}:{f.end}:{f.theme}:{f.phase}:{f.region}:{f.published_only}:{timezone.localdate()}"
    figures = cache.get(key)
    if figures is None:
        figures = fn(f)
        cache.set(key, figures, seconds)
    return figures
