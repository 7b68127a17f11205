"""The building blocks of the figures: the report filter, its scope and SQL aggregates
(durations, percentiles) that work on PostgreSQL and SQLite alike."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from django.db import connection
from django.db.models import (
    Aggregate,
    DurationField,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    Q,
)

from signals.models import Signal

from .periods import Period

OVERALL = "alle"


@dataclass(frozen=True)
class ReportFilter:
    """What a set of figures covers. ``end`` is exclusive; ``level`` None means all levels."""

    start: date
    end: date
    level: str | None = None
    theme: int | None = None
    phase: int | None = None
    region: int | None = None
    published_only: bool = False
    extra: dict = field(default_factory=dict, compare=False)

    @classmethod
    def for_period(cls, period: Period, scope: str = OVERALL, **kwargs) -> ReportFilter:
        level = None if scope in (None, "", OVERALL) else scope
        return cls(start=period.start, end=period.end, level=level, **kwargs)

    @property
    def scope(self) -> str:
        return self.level or OVERALL

    def shifted_back(self) -> ReportFilter:
        """The previous period of the same length (for comparisons)."""
        length = self.end - self.start
        return replace(self, start=self.start - length, end=self.start)


# --------------------------------------------------------------------------- building blocks


def _duration():
    return ExpressionWrapper(F("outcome_at") - F("created_at"), output_field=DurationField())


class EpochSeconds(Func):
    """PostgreSQL: seconds in an interval, as ``double precision``.

    ``date_part`` rather than ``EXTRACT``, which returns ``numeric`` (PostgreSQL 14+): the
    percentiles sort these values, and sorting doubles is several times faster.
    """

    template = "DATE_PART('epoch', %(expressions)s)"
    output_field = FloatField()


class PercentileCont(Aggregate):
    """PostgreSQL's ordered-set aggregate ``percentile_cont(p) WITHIN GROUP (ORDER BY x)``."""

    function = "PERCENTILE_CONT"
    name = "PercentileCont"
    template = "%(function)s(%(percentile)s) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()

    def __init__(self, expression, percentile: float, **extra):
        super().__init__(expression, percentile=repr(float(percentile)), **extra)


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _narrowed(f: ReportFilter) -> bool:
    """Whether the filter leaves out any signal (otherwise ``signal_scope`` is all signals)."""
    return bool(f.level or f.theme or f.phase or f.region or f.published_only)


def signal_scope(f: ReportFilter):
    """Signals matching the filter's level, theme, phase, region (not the period)."""
    qs = Signal.objects.all()
    if f.level:
        qs = qs.filter(level=f.level)
    if f.theme:
        qs = qs.filter(themes__id=f.theme)
    if f.phase:
        qs = qs.filter(phase_id=f.phase)
    if f.region:
        qs = qs.filter(region_id=f.region)
    if f.published_only:
        qs = qs.filter(is_published=True)
    return qs


def _days(seconds) -> float | None:
    if seconds is None:
        return None
    return round(float(seconds) / 86400, 1)


def _share(part, whole) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None


def _percentiles_in_sql(qs, percentiles=(0.5, 0.9), n=None) -> dict[float, float | None]:
    """Percentiles of the duration (seconds) over ``qs``, computed by the database.

    PostgreSQL: ``percentile_cont``. Elsewhere: the database orders the durations and returns
    only the (at most two) rows each percentile needs (``LIMIT 2 OFFSET k``), which we
    interpolate exactly like ``percentile_cont``. ``n`` is ``qs.count()`` when the caller
    already knows it.
    """
    if _is_postgres():
        result = qs.aggregate(
            **{
                f"p{int(p * 100)}": PercentileCont(EpochSeconds(_duration()), p)
                for p in percentiles
            }
        )
        return {p: result[f"p{int(p * 100)}"] for p in percentiles}
    ordered = qs.annotate(d=_duration()).order_by("d").values_list("d", flat=True)
    if n is None:
        n = qs.count()
    out: dict[float, float | None] = {}
    for p in percentiles:
        if not n:
            out[p] = None
            continue
        position = p * (n - 1)
        low = math.floor(position)
        picked = list(ordered[low : low + 2])
        seconds = [_seconds(v) for v in picked]
        if len(seconds) == 1 or position == low:
            out[p] = seconds[0]
        else:
            out[p] = seconds[0] + (position - low) * (seconds[1] - seconds[0])
    return out


def _seconds(value) -> float:
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value) / 1_000_000  # microseconds (some backends)


def _all_percentiles(outcomes, levels, counts):
    """(overall, {level: ...}) median and p90 of the durations of ``outcomes``.

    PostgreSQL: one query, ``percentile_cont ... FILTER (WHERE level = ...)`` per level (the
    median and p90 of the same rows share one sort). ``counts`` holds the number of outcomes
    per level (the SQLite fallback needs them and so skips counting again).
    """
    if _is_postgres():
        seconds = EpochSeconds(_duration())
        aggregates = {
            "all_50": PercentileCont(seconds, 0.5),
            "all_90": PercentileCont(seconds, 0.9),
        }
        for i, level in enumerate(levels):
            aggregates[f"l{i}_50"] = PercentileCont(seconds, 0.5, filter=Q(level=level))
            aggregates[f"l{i}_90"] = PercentileCont(seconds, 0.9, filter=Q(level=level))
        row = outcomes.aggregate(**aggregates)
        overall = {0.5: row["all_50"], 0.9: row["all_90"]}
        per_level = {
            level: {0.5: row[f"l{i}_50"], 0.9: row[f"l{i}_90"]} for i, level in enumerate(levels)
        }
        return overall, per_level
    overall = _percentiles_in_sql(outcomes, n=sum(counts.values()))
    return overall, {
        level: _percentiles_in_sql(outcomes.filter(level=level), n=counts.get(level, 0))
        for level in levels
    }


def _by_level(qs, **aggregates) -> dict[str, dict]:
    """``{level: {name: value}}``: the aggregates over ``qs`` grouped by level (one query)."""
    return {row["level"]: row for row in qs.order_by().values("level").annotate(**aggregates)}
