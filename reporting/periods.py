"""Reporting periods (quarters and months): parsing, labels, boundaries and neighbours."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone
from django.utils.translation import gettext as _

QUARTER = "kwartaal"
MONTH = "maand"

_QUARTER_RE = re.compile(r"^\s*([0-9]{4})\s*[-/ ]?\s*[KkQq]([1-4])\s*$")
_QUARTER_RE2 = re.compile(r"^\s*[KkQq]([1-4])\s*[-/ ]?\s*([0-9]{4})\s*$")
_MONTH_RE = re.compile(r"^\s*([0-9]{4})\s*-\s*([0-9]{1,2})\s*$")


MIN_YEAR, MAX_YEAR = 1900, 2199  # reports exist for these years; neighbours stay valid dates


def _check_year(year) -> None:
    if not MIN_YEAR <= int(year) <= MAX_YEAR:
        raise ValueError(
            _("Kies een jaar van %(min)s tot en met %(max)s.") % {"min": MIN_YEAR, "max": MAX_YEAR}
        )


@dataclass(frozen=True, order=True)
class Period:
    start: date
    kind: str = QUARTER

    # ------------------------------------------------------------------ constructors
    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= int(quarter) <= 4:
            raise ValueError(_("Een kwartaal is 1, 2, 3 of 4."))
        return cls(date(int(year), 3 * (int(quarter) - 1) + 1, 1), QUARTER)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        if not 1 <= int(month) <= 12:
            raise ValueError(_("Een maand is 1 tot en met 12."))
        return cls(date(int(year), int(month), 1), MONTH)

    @classmethod
    def containing(cls, day: date, kind: str = QUARTER) -> Period:
        if kind == MONTH:
            return cls.month(day.year, day.month)
        return cls.quarter(day.year, (day.month - 1) // 3 + 1)

    @classmethod
    def starting(cls, kind: str, start: date) -> Period:
        period = cls.containing(start, kind)
        if period.start != start:
            raise ValueError(_("Een periode begint op de eerste dag van het kwartaal of de maand."))
        return period

    @classmethod
    def parse(cls, text: str) -> Period:
        """'2025-K1', '2025-Q1', 'K1 2025' (quarter) or '2025-03' (month); ValueError otherwise."""
        text = (text or "").strip()
        match = _QUARTER_RE.match(text)
        if match:
            _check_year(match[1])
            return cls.quarter(int(match[1]), int(match[2]))
        match = _QUARTER_RE2.match(text)
        if match:
            _check_year(match[2])
            return cls.quarter(int(match[2]), int(match[1]))
        match = _MONTH_RE.match(text)
        if match:
            year, month = int(match[1]), int(match[2])
            if 1 <= month <= 12 and MIN_YEAR <= year <= MAX_YEAR:
                return cls.month(year, month)
        raise ValueError(
            _("Onbekende periode '%(p)s': gebruik bijvoorbeeld 2025-K1 of 2025-03.")
            % {"p": text[:40]}
        )

    # ------------------------------------------------------------------ properties
    @property
    def end(self) -> date:
        """The first day after the period."""
        step = 3 if self.kind == QUARTER else 1
        month = self.start.month + step
        year = self.start.year + (month - 1) // 12
        return date(year, (month - 1) % 12 + 1, 1)

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def number(self) -> int:
        """Quarter number (1-4) or month number (1-12)."""
        return (self.start.month - 1) // 3 + 1 if self.kind == QUARTER else self.start.month

    @property
    def label(self) -> str:
        if self.kind == QUARTER:
            return f"{self.year}-K{self.number}"
        return f"{self.year}-{self.number:02d}"

    @property
    def slug(self) -> str:
        return self.label

    def previous(self) -> Period:
        if self.kind == QUARTER:
            year, quarter = (self.year, self.number - 1) if self.number > 1 else (self.year - 1, 4)
            return Period.quarter(year, quarter)
        year, month = (self.year, self.number - 1) if self.number > 1 else (self.year - 1, 12)
        return Period.month(year, month)

    def start_dt(self) -> datetime:
        return as_datetime(self.start)

    def end_dt(self) -> datetime:
        return as_datetime(self.end)

    def __str__(self):
        return self.label


def as_datetime(day: date) -> datetime:
    """Midnight at the start of ``day`` in the site's time zone (aware)."""
    return timezone.make_aware(datetime.combine(day, time.min))


def last_complete_quarter(today: date) -> Period:
    return Period.containing(today).previous()
