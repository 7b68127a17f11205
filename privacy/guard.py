"""Personal-data guard: find personal data in free text before anything is stored.

Signals and feedback are about the system, never about a person's case. This
module detects the identifiers the AVG rules of the platform name: BSN (only
numbers that pass the 11-proef), V-numbers, e-mail addresses, phone numbers
(Dutch and international notations), IBANs (checked with mod-97) and dates of
birth (a date next to a birth keyword, or a full numeric date of a plausible
birth year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Finding:
    kind: str
    label: str
    excerpt: str  # masked, safe to show back to the user
    start: int
    end: int


LABELS = {
    "bsn": _("een burgerservicenummer (BSN)"),
    "v_number": _("een V-nummer (vreemdelingennummer)"),
    "email": _("een e-mailadres"),
    "phone": _("een telefoonnummer"),
    "iban": _("een bankrekeningnummer (IBAN)"),
    "birth_date": _("een geboortedatum"),
}


def mask(value: str) -> str:
    value = value.strip()
    if len(value) <= 4:
        return "•" * len(value)
    keep = 2 if len(value) < 10 else 3
    return value[:keep] + "•" * (len(value) - 2 * keep) + value[-keep:]


def passes_elfproef(digits: str) -> bool:
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(
        digits[8]
    )
    return total % 11 == 0


def iban_is_valid(candidate: str) -> bool:
    compact = re.sub(r"\s+", "", candidate).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    rearranged = compact[4:] + compact[:4]
    numeric = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(numeric) % 97 == 1


_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")
_IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?:\s?[A-Za-z0-9]{4}){2,7}(?:\s?[A-Za-z0-9]{1,4})?\b")
_BSN = re.compile(
    r"(?<![\d.\-/])(\d{4}[ .]?\d{2}[ .]?\d{3}|\d{3}[ .]\d{3}[ .]\d{3}|\d{8,9})(?![\d\-/]|\.\d)"
)
_V_NUMBER = re.compile(
    r"(?i)\b(?:v[- ]?(?:nummer|nr\.?)|vreemdelingennummer)\s*:?\s*(\d[\d .]{5,13}\d)"
    r"|\bV\d{9,10}\b"
)
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?\d{1,3}[\s\-]?(?:\(0\)[\s\-]?)?|\(?0\d{1,3}\)?[\s\-]?)\d(?:[\s\-]?\d){5,10}(?!\w)"
)
_MONTHS = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec|"
    "january|february|march|may|june|july|october"
)
_DATE = re.compile(
    rf"(?i)\b(?:(\d{{1,2}})[\-/.](\d{{1,2}})[\-/.](\d{{4}})|(\d{{4}})-(\d{{1,2}})-(\d{{1,2}})|(\d{{1,2}})\s+(?:{_MONTHS})\.?\s+(\d{{4}}))\b"
)
_BIRTH_WORDS = re.compile(
    r"(?i)\b(?:(?:geboren|geboortedatum|geboortedag|date of birth|dob|born|birthday)\b|geb\.)"
)


def _phone_is_plausible(raw: str) -> bool:
    digits = re.sub(r"\D", "", raw)
    stripped = raw.strip()
    if stripped.startswith("+") or stripped.startswith("00"):
        digits = digits[2:] if stripped.startswith("00") else digits
        return 8 <= len(digits) <= 15
    # Dutch national notation: 0 followed by nine digits.
    return digits.startswith("0") and len(digits) == 10 and not digits.startswith("00")


def _is_birth_year(year: int) -> bool:
    return 1900 <= year <= date.today().year - 12


def find_personal_data(text: str | None) -> list[Finding]:
    """Return every piece of personal data found in ``text`` (empty list when clean)."""
    if not text:
        return []
    findings: list[Finding] = []
    taken: list[tuple[int, int]] = []

    def add(kind, match_text, start, end):
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        findings.append(Finding(kind, str(LABELS[kind]), mask(match_text), start, end))

    for m in _EMAIL.finditer(text):
        add("email", m.group(0), m.start(), m.end())
    for m in _IBAN.finditer(text):
        if iban_is_valid(m.group(0)):
            add("iban", m.group(0), m.start(), m.end())
        else:
            # An IBAN-shaped code that fails mod-97 is not personal data; its digits must
            # not be reported as a phone number or BSN either.
            taken.append((m.start(), m.end()))
    for m in _V_NUMBER.finditer(text):
        add("v_number", m.group(0), m.start(), m.end())
    for m in _DATE.finditer(text):
        groups = m.groups()
        year = int(groups[2] or groups[3] or groups[7])
        window = text[max(0, m.start() - 40) : m.end() + 15]
        numeric = groups[2] or groups[3]
        if _BIRTH_WORDS.search(window) or (numeric and _is_birth_year(year)):
            add("birth_date", m.group(0), m.start(), m.end())
    for m in _BSN.finditer(text):
        digits = re.sub(r"\D", "", m.group(0))
        if passes_elfproef(digits):
            add("bsn", m.group(0), m.start(), m.end())
    for m in _PHONE.finditer(text):
        if _phone_is_plausible(m.group(0)):
            add("phone", m.group(0), m.start(), m.end())
    return sorted(findings, key=lambda f: f.start)


def describe(findings: list[Finding]) -> str:
    """A friendly sentence saying what was found and why it cannot be stored."""
    from django.utils.text import format_lazy  # noqa: F401  (lazy-safe joins below)
    from django.utils.translation import gettext

    parts = [f"{f.label} ({f.excerpt})" for f in findings]
    found = (
        parts[0]
        if len(parts) == 1
        else ", ".join(parts[:-1]) + " " + gettext("en") + " " + parts[-1]
    )
    return gettext(
        "Uw tekst lijkt %(found)s te bevatten. Signalen en feedback gaan over het stelsel, niet over personen: "
        "haal deze gegevens weg en verstuur het opnieuw. Er is nog niets opgeslagen."
    ) % {"found": found}
