"""Domain logic of reporting: the quarterly report (build, store, compare) and the import of
ketenindicator values. Views, the Celery task, the management command and the admin call
these functions; the aggregate queries live in ``reporting.figures``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.sanitize import plain_text
from signals.workflow import Level
from taxonomy.models import Region

from .figures import OVERALL, ReportFilter, compute_figures, dossier_events
from .models import Indicator, IndicatorValue, PeriodKind, QuarterlyReport
from .periods import MONTH, Period, last_complete_quarter
from .roles import SCOPES

# Scalar figures compared with the previous period: (key in totals, Dutch label, unit).
COMPARED = [
    ("inflow", gettext_lazy("Instroom (nieuwe signalen)"), ""),
    ("open", gettext_lazy("Open signalen"), ""),
    ("overdue", gettext_lazy("Over de deadline"), ""),
    ("outcomes", gettext_lazy("Uitkomsten in de periode"), ""),
    ("resolved", gettext_lazy("Opgelost"), ""),
    ("declined", gettext_lazy("Afgewezen"), ""),
    ("escalated", gettext_lazy("Doorgezet naar een hoger niveau"), ""),
    ("resolved_share", gettext_lazy("Aandeel opgelost van de uitkomsten"), "%"),
    ("feedback_share", gettext_lazy("Aandeel met terugkoppeling"), "%"),
    ("median_days", gettext_lazy("Mediane tijd tot uitkomst"), gettext_lazy("dagen")),
    ("p90_days", gettext_lazy("Tijd tot uitkomst, 90e percentiel"), gettext_lazy("dagen")),
]


def scope_label(scope: str) -> str:
    if scope == OVERALL:
        return _("Alle niveaus")
    return str(Level(scope).label)


def _difference(current, previous):
    if current is None or previous is None:
        return None
    return round(current - previous, 1)


def comparison(current: dict, previous: dict) -> list[dict]:
    """Rows of (figure, current, previous, difference) for the scalar totals."""
    rows = []
    for key, label, unit in COMPARED:
        now_value = current["totals"].get(key)
        before = previous["totals"].get(key)
        rows.append(
            {
                "key": key,
                "label": str(label),
                "unit": str(unit),
                "current": now_value,
                "previous": before,
                "difference": _difference(now_value, before),
            }
        )
    for key, label in (("ja_share", gettext_lazy("Tevreden met de uitkomst (ja)")),):
        now_value = current["satisfaction"].get(key)
        before = previous["satisfaction"].get(key)
        rows.append(
            {
                "key": key,
                "label": str(label),
                "unit": "%",
                "current": now_value,
                "previous": before,
                "difference": _difference(now_value, before),
            }
        )
    return rows


def build_report_data(scope: str, period: Period, now: datetime | None = None) -> dict:
    """Everything in a quarterly report of ``scope`` for ``period`` (JSON-serialisable)."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}")
    now = now or timezone.now()
    f = ReportFilter.for_period(period, scope)
    current = compute_figures(f, now=now)
    previous = compute_figures(ReportFilter.for_period(period.previous(), scope), now=now)
    return {
        "scope": scope,
        "scope_label": scope_label(scope),
        "period": period.label,
        "previous_period": period.previous().label,
        "start": period.start.isoformat(),
        "last_day": current["period"]["last_day"],
        "generated_at": now.isoformat(),
        "figures": current,
        "previous": previous,
        "comparison": comparison(current, previous),
        "dossiers": dossier_events(f),
    }


def generate_quarterly_report(
    scope: str, period: Period, *, now: datetime | None = None, user=None, replace=True
) -> tuple[QuarterlyReport, bool]:
    """Store (or refresh) the snapshot of ``scope`` for ``period``. Returns (report, created).

    With ``replace=False`` an existing snapshot is left as it is (the scheduled job), so
    running it twice changes nothing.
    """
    existing = QuarterlyReport.objects.filter(
        scope=scope, year=period.year, quarter=period.number
    ).first()
    if existing and not replace:
        return existing, False
    now = now or timezone.now()
    data = build_report_data(scope, period, now=now)
    try:
        with transaction.atomic():
            report, created = QuarterlyReport.objects.update_or_create(
                scope=scope,
                year=period.year,
                quarter=period.number,
                defaults={
                    "data": data,
                    "generated_at": now,
                    "generated_by": user if getattr(user, "pk", None) else None,
                },
            )
    except IntegrityError:  # a concurrent run stored it first
        return QuarterlyReport.objects.get(
            scope=scope, year=period.year, quarter=period.number
        ), False
    return report, created


def generate_due_reports(today: date | None = None, now: datetime | None = None) -> list:
    """The scheduled job: the last complete quarter for every scope, once (idempotent)."""
    today = today or timezone.localdate()
    period = last_complete_quarter(today)
    return [generate_quarterly_report(scope, period, now=now, replace=False) for scope in SCOPES]


def report_data(scope: str, period: Period, now: datetime | None = None) -> tuple[dict, object]:
    """The stored snapshot when there is one, otherwise a live computation (not stored)."""
    stored = QuarterlyReport.objects.filter(
        scope=scope, year=period.year, quarter=period.number
    ).first()
    if stored is not None and stored.data:
        return stored.data, stored
    return build_report_data(scope, period, now=now), None


# --------------------------------------------------------------------------- indicator import

MAX_IMPORT_ROWS = 20_000
MAX_IMPORT_BYTES = 2 * 1024 * 1024
COLUMNS = ("indicator", "periode", "regio", "waarde")
_ALIASES = {
    "indicator": "indicator",
    "code": "indicator",
    "periode": "periode",
    "period": "periode",
    "regio": "regio",
    "region": "regio",
    "waarde": "waarde",
    "value": "waarde",
    "toelichting": "toelichting",
    "note": "toelichting",
}


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged


class ImportFileError(Exception):
    """The whole file is unusable (no header, wrong columns, too large)."""


def parse_number(text: str) -> Decimal:
    """'12,5', '12.5', '1.234,5' and '1 234' (Dutch or English notation) -> Decimal."""
    cleaned = (text or "").strip().replace("\u00a0", "").replace(" ", "").rstrip("%")
    if not cleaned:
        raise ValueError
    if "," in cleaned and "." in cleaned:
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError
    if not value.is_finite() or abs(value) >= Decimal("1e12"):
        raise ValueError
    return value.quantize(Decimal("0.01"))


def _decode(data: bytes | str) -> str:
    if isinstance(data, str):
        return data
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportFileError(_("Het bestand is groter dan 2 MB."))
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(_("Het bestand is geen leesbaar CSV-bestand."))


def import_indicator_values(data: bytes | str) -> ImportResult:
    """Import values from CSV with the columns indicator;periode;regio;waarde[;toelichting].

    ``indicator`` is the code (slug) or name, ``periode`` e.g. 2025-K1 or 2025-03, ``regio``
    the name or slug of a region (empty or 'landelijk': the national figure), ``waarde`` a
    number (12,5 or 12.5). Separator ; or , (detected). Good rows are stored (a second
    import of the same indicator, period and region updates the value); every bad row gets
    an error with its line number and nothing of it is stored.
    """
    text = _decode(data)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise ImportFileError(_("Het bestand is leeg."))
    delimiter = ";" if lines[0].count(";") >= lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [_ALIASES.get(h.strip().lower().lstrip("\ufeff")) for h in next(reader)]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ImportFileError(
            _("De kopregel mist de kolom(men): %(cols)s. Verwacht: indicator;periode;regio;waarde.")
            % {"cols": ", ".join(missing)}
        )
    index = {name: header.index(name) for name in (*COLUMNS, "toelichting") if name in header}
    indicators = {}
    for ind in Indicator.objects.all():
        indicators[ind.slug.lower()] = ind
        indicators[ind.name.lower()] = ind
    regions = {}
    for region in Region.objects.all():
        regions[region.slug.lower()] = region
        regions[region.name.lower()] = region

    result = ImportResult()
    for line_no, row in enumerate(reader, start=2):
        if line_no > MAX_IMPORT_ROWS + 1:
            result.errors.append((line_no, _("Te veel regels: maximaal %d.") % MAX_IMPORT_ROWS))
            break
        if not any(cell.strip() for cell in row):
            continue

        def cell(name, row=row):
            i = index.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""

        problems = []
        indicator = indicators.get(cell("indicator").lower())
        if indicator is None:
            problems.append(
                _("onbekende indicator '%(v)s'") % {"v": plain_text(cell("indicator"), 80)}
            )
        try:
            period = Period.parse(cell("periode"))
        except ValueError:
            period = None
            problems.append(
                _("onbekende periode '%(v)s' (gebruik bijvoorbeeld 2025-K1 of 2025-03)")
                % {"v": plain_text(cell("periode"), 40)}
            )
        region_text = cell("regio")
        region = None
        if region_text and region_text.lower() not in ("landelijk", "nederland", "nl"):
            region = regions.get(region_text.lower())
            if region is None:
                problems.append(_("onbekende regio '%(v)s'") % {"v": plain_text(region_text, 80)})
        try:
            value = parse_number(cell("waarde"))
        except ValueError:
            value = None
            problems.append(_("'%(v)s' is geen getal") % {"v": plain_text(cell("waarde"), 40)})
        if problems:
            message = "; ".join(problems)
            result.errors.append((line_no, message[:1].upper() + message[1:] + "."))
            continue
        note = plain_text(cell("toelichting"), 300)
        kind = PeriodKind.MONTH if period.kind == MONTH else PeriodKind.QUARTER
        outcome = upsert_value(indicator, kind, period.start, region, value, note)
        setattr(result, outcome, getattr(result, outcome) + 1)
    return result


def upsert_value(indicator, kind, start, region, value, note="") -> str:
    """Create or update one value; returns 'created', 'updated' or 'unchanged'."""
    with transaction.atomic():
        existing = (
            IndicatorValue.objects.select_for_update()
            .filter(indicator=indicator, period_kind=kind, period_start=start, region=region)
            .order_by("pk")  # no join to region for the default ordering (FOR UPDATE)
            .first()
        )
        if existing is None:
            IndicatorValue.objects.create(
                indicator=indicator,
                period_kind=kind,
                period_start=start,
                region=region,
                value=value,
                note=note,
            )
            return "created"
        if existing.value == value and existing.note == note:
            return "unchanged"
        existing.value = value
        existing.note = note
        existing.save(update_fields=["value", "note", "updated_at"])
        return "updated"


# --------------------------------------------------------------------------- indicator trends


def indicator_trends(phase, region=None, kind=PeriodKind.QUARTER, limit_periods: int = 12):
    """Per active indicator of ``phase``: its values per period (national or one region).

    Two queries in all (indicators, values), whatever the number of indicators.
    """
    indicators = list(
        Indicator.objects.active().filter(phase=phase).select_related("source", "phase")
    )
    values = IndicatorValue.objects.filter(
        indicator__in=indicators, period_kind=kind, region=region
    ).order_by("period_start")
    by_indicator: dict[int, list] = {ind.pk: [] for ind in indicators}
    for value in values:
        by_indicator[value.indicator_id].append(value)
    return [
        {"indicator": ind, "values": by_indicator[ind.pk][-limit_periods:]} for ind in indicators
    ]
