"""Dates in normalised text, and whether they are somebody's birth date.

* birth words about a person ("geboren op", "geboortedatum", "DOB", "de 34-jarige") next
  to the date: certain personal data;
* a birth word followed by a cohort word ("geboren na 1 januari 2000"), or a date in a
  law, decision, period or event ("de wet van 1-7-2021", "van 1-1-2010 t/m 31-12-2012"):
  not personal data;
* any other date whose year could be an adult's birth year: *possibly* a birth date, a
  warning the writer may confirm ("dit gaat niet over een persoon").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from . import context
from .numbers import Hit

MONTHS = {
    "januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "february": 2,
    "maart": 3, "mrt": 3, "march": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6, "juli": 7, "jul": 7, "july": 7, "augustus": 8,
    "aug": 8, "august": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_M = "|".join(sorted(MONTHS, key=len, reverse=True))
_SEP = r"\s?([\-/.])\s?"
_PATTERNS = [
    # 12-03-1985, 12/03/85, 12.3.1985 (same separator twice)
    (re.compile(rf"(?<![\d.\-/])(\d{{1,2}}){_SEP}(\d{{1,2}})\s?\2\s?(\d{{4}}|\d{{2}})(?![\d\-/]|\.\d)"), "dmy"),
    # 1985-03-12, 1985/03/12
    (re.compile(rf"(?<![\d.\-/])(\d{{4}}){_SEP}(\d{{1,2}})\s?\2\s?(\d{{1,2}})(?![\d\-/]|\.\d)"), "ymd"),
    # 12 03 1985
    (re.compile(r"(?<![\d.\-/])(\d{1,2})( )(\d{1,2}) (\d{4})(?![\d\-/])"), "dmy"),
    # 12 maart 1985, 12e maart '85, 12-mrt-1985
    (re.compile(rf"(?i)(?<!\d)(\d{{1,2}})(?:e|ste|de)?[\s\-/.]*({_M})\b\.?[\s\-/.,]*('?\d{{4}}|'\d{{2}})(?!\d)"), "d_month_y"),
    # March 12, 1985
    (re.compile(rf"(?i)\b({_M})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?!\d)"), "month_d_y"),
]  # fmt: skip


def _year(raw: str) -> int:
    raw = raw.lstrip("'")
    if len(raw) == 2:
        value = int(raw)
        return 2000 + value if value <= date.today().year % 100 else 1900 + value
    return int(raw)


def _parse(match, shape: str) -> date | None:
    g = match.groups()
    try:
        if shape == "dmy":
            return date(_year(g[3]), int(g[2]), int(g[0]))
        if shape == "ymd":
            return date(int(g[0]), int(g[2]), int(g[3]))
        if shape == "d_month_y":
            return date(_year(g[2]), MONTHS[g[1].lower()], int(g[0]))
        return date(_year(g[2]), MONTHS[g[0].lower()], int(g[1]))
    except (ValueError, KeyError):
        return None


_COHORT_WORD = re.compile(r"^(?:na|voor|v[oó][oó]r|vanaf|tussen|sinds|after|before|since|between)$")


def _birth_context(text: str, start: int, end: int) -> str | None:
    """'person', 'cohort' or None, from the words around the date."""
    prefix = context.before(text, start, 45)
    last_word = re.findall(r"[\wáó]+", prefix.lower())[-1:]
    if last_word and _COHORT_WORD.match(last_word[0]):
        return "cohort"  # "(geboren) na 31-12-1999", "born before 1-1-1990"
    birth = next(reversed(list(context.BIRTH_WORDS.finditer(prefix))), None)
    if birth is not None:
        between = prefix[birth.end() :]
        return "cohort" if context.COHORT.search(between) else "person"
    suffix = context.after(text, end, 30)
    if re.match(r"(?i)^\W{0,3}\(?\s*(?:geboortedatum|geb\.?|geboren|dob|date of birth)\b", suffix):
        return "person"
    if context.PERSON_BEFORE.search(context.before(text, start, 45)):
        return "person"
    near = context.before(text, start, 60) + " " + context.after(text, end, 40)
    if context.AGE_OF_PERSON.search(near):
        return "person"
    return None


_PREPOSITIONS = re.compile(
    r"(?i)^(?:op|van|in|na|voor|v[oó][oó]r|per|vanaf|sinds|tot|tijdens|d\.d|dd|from|since|until|on|of)$"
)


def _is_period(text: str, start: int, end: int) -> bool:
    prefix = context.before(text, start, 30)
    words = [w.strip(".:,") for w in re.findall(r"[\w/.:]+", prefix.lower())]
    if words and _PREPOSITIONS.match(words[-1]):
        return True  # "op 12-03-1985", "per 1-7-1999", "van 1-1-2010"
    if any(context.LEGAL_OR_PERIOD.fullmatch(w) for w in words[-4:]):
        return True
    # A range: "1-1-2010 t/m 31-12-2012", "1 januari – 30 juni 1990", "tussen ... en ...".
    suffix = context.after(text, end, 14)
    return bool(re.match(r"(?i)^\s*(?:t/m|tot|-|–|—|en|to|until|through)\s*\d", suffix)) or bool(
        re.search(r"(?i)(?:t/m|tot|–|—|\ben)\s*$", prefix)
    )


def plausible_birth_year(year: int) -> bool:
    return 1920 <= year <= date.today().year - 14


def find_dates(text: str) -> Iterator[Hit]:
    taken: list[tuple[int, int]] = []
    for pattern, shape in _PATTERNS:
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            value = _parse(match, shape)
            if value is None:
                continue
            taken.append((match.start(), match.end()))
            where = _birth_context(text, match.start(), match.end())
            if where == "person":
                yield Hit("birth_date", match.start(), match.end(), "certain")
            elif where is None and plausible_birth_year(value.year):
                if not _is_period(text, match.start(), match.end()):
                    yield Hit("birth_date", match.start(), match.end(), "possible")
