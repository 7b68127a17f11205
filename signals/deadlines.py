"""Working-day arithmetic with Dutch public holidays (``holidays.Netherlands``)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

from . import conf


@lru_cache(maxsize=64)
def _holidays_for(year: int) -> frozenset[date]:
    return frozenset(holidays.Netherlands(years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays_for(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when end < start)."""
    if end == start:
        return 0
    sign = 1 if end > start else -1
    low, high = (start, end) if sign == 1 else (end, start)
    count = 0
    current = low
    while current < high:
        current += timedelta(days=1)
        if is_working_day(current):
            count += 1
    return sign * count


def deadline_for(level: str, start: date) -> date:
    return add_working_days(start, conf.deadline_working_days()[str(level)])
