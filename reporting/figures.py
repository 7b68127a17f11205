"""The figures of the dashboards, the quarterly report and the public page, as SQL aggregates.

Every function here runs a fixed, small number of aggregate queries (``COUNT ... FILTER``,
``GROUP BY``, ``TruncMonth``, ``percentile_cont``): nothing loops over signal rows in Python,
so the cost depends on the database, not on the number of signals in memory.

Each query reads only the rows it counts, through an index made for it (``signals`` app,
``signal_report_*_idx`` and ``signalevent_escalate_idx``; on PostgreSQL index-only scans):
signals created in the period, open signals, outcomes in the period, escalations in the
period. Filters that narrow nothing add no sub-queries.

Definitions (a period is ``[start, end)``; "now" is a parameter so results are reproducible):

- *scope*: the signals matching the filters (level, theme, phase, region). A level's figures
  cover the signals whose **current** level is that level (in its queue, or decided there:
  a signal keeps its level after the outcome).
- *instroom* (inflow): signals created in the period; per calendar month as well.
- *open*: signals created before the end of the period that are not closed now
  (status other than opgelost/afgewezen, so bundled signals count as open).
- *over de deadline* (overdue): signals created before the end of the period whose deadline
  has passed on ``now``'s date and whose status lets a deadline run (as
  ``Signal.objects.overdue``).
- *uitkomsten* (outcomes): signals that got an outcome in the period (``outcome_at`` in the
  period, status opgelost or afgewezen); ``resolved`` are those with status opgelost.
- *tijd tot uitkomst*: ``outcome_at - created_at`` of those outcomes, in days: the median
  and the 90th percentile (``percentile_cont``, linear interpolation; the same formula on
  SQLite, where the database orders the durations and we read only the one or two rows
  each percentile needs).
- *aandeel opgelost per niveau*: per level, opgelost / outcomes at that level; and
  (overall) the share of all outcomes that was reached at each level.
- *doorgezet*: escalations to the next level in the period (from the scope's level).
- *terugkoppeling*: of the inflow, the share that got an outcome with a reason or at least
  one update (``FollowUp``) on the signal or on its dossier.
- *tevredenheid*: ratings (``OutcomeRating``) given in the period on signals in scope:
  counts and shares of ja / deels / nee.
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import date, datetime, timedelta

from django.db.models import (
    Count,
    F,
    Q,
    Value,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from signals.models import FollowUp, OutcomeRating, Signal, SignalEvent
from signals.workflow import CLOSED_STATES, DEADLINE_STATES, LEVEL_ORDER, Level, Status
from taxonomy.models import Organisation, Phase, Region, Theme

from . import conf
from .aggregates import (
    OVERALL,  # noqa: F401  (imported from here by views)
    ReportFilter,
    _all_percentiles,
    _by_level,
    _days,
    _narrowed,
    _share,
    signal_scope,
)
from .periods import as_datetime

# --------------------------------------------------------------------------- the figures


def compute_figures(f: ReportFilter, now: datetime | None = None) -> dict:
    """All figures for ``f``, as a JSON-serialisable dict (see the module docstring)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    start, end = as_datetime(f.start), as_datetime(f.end)
    base = signal_scope(f)
    # Sorted, so the SQL is the same in every process (and matches the partial index).
    closed = sorted(CLOSED_STATES)
    created = base.filter(created_at__gte=start, created_at__lt=end)
    # ``IN (sub-query)``, not a correlated EXISTS: PostgreSQL hashes the sub-query once.
    has_feedback = (
        (Q(status__in=closed) & ~Q(outcome=""))
        | Q(pk__in=FollowUp.objects.filter(signal__isnull=False).values("signal_id"))
        | Q(dossier_id__in=FollowUp.objects.filter(dossier__isnull=False).values("dossier_id"))
    )
    outcomes_qs = base.filter(status__in=closed, outcome_at__gte=start, outcome_at__lt=end)

    levels = [f.level] if f.level else [str(level) for level in LEVEL_ORDER]
    counted = ("open", "overdue", "outcomes", "resolved", "declined")
    # Two queries grouped by level, each over only the rows it counts (an index range each);
    # the totals are the sums of the (at most three) level rows.
    per_level = [
        # Open: created before the end and not closed now. Over the deadline: open rows in a
        # state in which a deadline runs (DEADLINE_STATES holds no closed state).
        _by_level(
            base.filter(~Q(status__in=closed), created_at__lt=end),
            open=Count("pk"),
            overdue=Count("pk", filter=Q(status__in=sorted(DEADLINE_STATES), deadline__lt=today)),
        ),
        _by_level(
            outcomes_qs,
            outcomes=Count("pk"),
            resolved=Count("pk", filter=Q(status=Status.OPGELOST)),
            declined=Count("pk", filter=Q(status=Status.AFGEWEZEN)),
        ),
    ]
    level_rows: dict[str, dict] = {}
    for rows in per_level:
        for level, row in rows.items():
            level_rows.setdefault(level, dict.fromkeys(counted, 0)).update(
                {key: value for key, value in row.items() if key in counted}
            )
    # Inflow and terugkoppeling are only shown in total: one aggregate, no grouping.
    created_totals = created.aggregate(
        inflow=Count("pk"), with_feedback=Count("pk", filter=has_feedback)
    )
    totals = {
        "inflow": created_totals["inflow"],
        **{key: sum(row[key] for row in level_rows.values()) for key in counted},
        "with_feedback": created_totals["with_feedback"],
    }
    overall_pct, level_pct = _all_percentiles(
        outcomes_qs, levels, {level: row["outcomes"] for level, row in level_rows.items()}
    )

    escalations = SignalEvent.objects.filter(
        signal__isnull=False,
        action="escalate",
        created_at__gte=start,
        created_at__lt=end,
    )
    if f.level:
        escalations = escalations.filter(from_level=f.level)
    unleveled = replace(f, level=None)
    if _narrowed(unleveled):
        escalations = escalations.filter(signal__in=signal_scope(unleveled).values("pk"))
    escalated = escalations.count()

    months = _months(created, f, start, end)
    themes, phases, regions = _breakdowns(created, conf.top_n())
    org_types = list(
        created.order_by()
        .values("organisation__type")
        .annotate(count=Count("pk"))
        .order_by("-count", F("organisation__type").asc(nulls_last=True))
    )
    ratings = OutcomeRating.objects.filter(created_at__gte=start, created_at__lt=end)
    if _narrowed(f):
        ratings = ratings.filter(signal_id__in=base.values("pk"))
    ratings = ratings.aggregate(
        total=Count("pk"),
        ja=Count("pk", filter=Q(rating=OutcomeRating.Rating.JA)),
        deels=Count("pk", filter=Q(rating=OutcomeRating.Rating.DEELS)),
        nee=Count("pk", filter=Q(rating=OutcomeRating.Rating.NEE)),
    )

    type_labels = dict(Organisation.Type.choices)
    total_outcomes = sum(row["outcomes"] for row in level_rows.values())
    return {
        "scope": f.scope,
        "period": {
            "start": f.start.isoformat(),
            "end": f.end.isoformat(),
            "last_day": (f.end - timedelta(days=1)).isoformat(),
        },
        "computed_at": now.isoformat(),
        "filters": {"theme": f.theme, "phase": f.phase, "region": f.region},
        "totals": {
            **totals,
            "escalated": escalated,
            "feedback_share": _share(totals["with_feedback"], totals["inflow"]),
            "resolved_share": _share(totals["resolved"], totals["outcomes"]),
            "median_days": _days(overall_pct[0.5]),
            "p90_days": _days(overall_pct[0.9]),
        },
        "months": months,
        "levels": [
            {
                "level": level,
                "label": str(Level(level).label),
                "open": level_rows.get(level, {}).get("open", 0),
                "overdue": level_rows.get(level, {}).get("overdue", 0),
                "outcomes": level_rows.get(level, {}).get("outcomes", 0),
                "resolved": level_rows.get(level, {}).get("resolved", 0),
                "resolved_share": _share(
                    level_rows.get(level, {}).get("resolved", 0),
                    level_rows.get(level, {}).get("outcomes", 0),
                ),
                "share_of_outcomes": _share(
                    level_rows.get(level, {}).get("outcomes", 0), total_outcomes
                ),
                "median_days": _days(level_pct[level][0.5]),
                "p90_days": _days(level_pct[level][0.9]),
            }
            for level in levels
        ],
        "themes": themes,
        "phases": phases,
        "regions": regions,
        "organisation_types": [
            {
                "type": r["organisation__type"] or "",
                "name": str(type_labels.get(r["organisation__type"], "")),
                "count": r["count"],
            }
            for r in org_types
        ],
        "satisfaction": {
            **ratings,
            "ja_share": _share(ratings["ja"], ratings["total"]),
            "deels_share": _share(ratings["deels"], ratings["total"]),
            "nee_share": _share(ratings["nee"], ratings["total"]),
        },
    }


def _breakdowns(created, top: int) -> tuple[list[dict], list[dict], list[dict]]:
    """New signals per theme (the ``top`` most), per phase and per region.

    Each is counted by the id of the term (grouping on the index, without joining the
    taxonomy table to every row); one more query reads the names of the terms that occur,
    in the database's order of names, so the order is the same as with ``ORDER BY count
    DESC, name`` (phases: their number; no phase or region last).
    """
    theme_counts = dict(
        Signal.themes.through.objects.filter(signal_id__in=created.values("pk"))
        .order_by()
        .values_list("theme_id")
        .annotate(count=Count("signal_id"))
    )
    phase_counts = dict(created.order_by().values_list("phase_id").annotate(count=Count("pk")))
    region_counts = dict(created.order_by().values_list("region_id").annotate(count=Count("pk")))
    # kind -> {pk: (position in name order, name, number)}
    terms: dict[str, dict] = {"theme": {}, "phase": {}, "region": {}}
    parts = [
        model.objects.filter(pk__in=[pk for pk in counts if pk is not None])
        .order_by()
        .annotate(term_kind=Value(kind), term_number=number)
        .values_list("term_kind", "pk", "name", "term_number")
        for kind, model, counts, number in (
            ("theme", Theme, theme_counts, Value(0)),
            ("phase", Phase, phase_counts, F("number")),
            ("region", Region, region_counts, Value(0)),
        )
    ]
    if theme_counts or phase_counts or region_counts:
        for position, (kind, pk, name, number) in enumerate(
            parts[0].union(*parts[1:], all=True).order_by("name")
        ):
            terms[kind][pk] = (position, name, number)
    last = (math.inf, "", math.inf)  # no phase / no region (or a term that just vanished)

    def rows(kind, counts, key):
        ordered = sorted(counts, key=lambda pk: (-counts[pk], key(terms[kind].get(pk, last))))
        return [{"name": terms[kind].get(pk, last)[1], "count": counts[pk]} for pk in ordered]

    by_name, by_number = (lambda term: term[0]), (lambda term: term[2])
    return (
        rows("theme", theme_counts, by_name)[:top],
        rows("phase", phase_counts, by_number),
        rows("region", region_counts, by_name),
    )


def _months(created, f: ReportFilter, start, end) -> list[dict]:
    counts = {
        (row["month"].year, row["month"].month): row["count"]
        for row in created.order_by()
        .annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(count=Count("pk"))
        if row["month"] is not None
    }
    months = []
    current = date(f.start.year, f.start.month, 1)
    while current < f.end and len(months) < 120:
        key = (current.year, current.month)
        months.append({"month": f"{current.year}-{current.month:02d}", "count": counts.get(key, 0)})
        current = date(current.year + current.month // 12, current.month % 12 + 1, 1)
    return months


# Built on compute_figures; importable from here as before.
from .published import DOSSIER_ACTIONS, cached, dossier_events, public_figures  # noqa: E402, F401
