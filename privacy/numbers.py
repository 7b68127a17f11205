"""Numeric identifiers in normalised text: BSN, V-number, phone number, IBAN.

Digits written in groups ("123 456 782", "06-12 34 56 78", one digit per line) are read
as a *run* of groups; every window of consecutive groups is tried, so a number is found
however it is split, and a run that holds two numbers is not glued into one. Validation
uses the field's libraries: ``python-stdnum`` (``nl.bsn``, ``iban``) and ``phonenumbers``
(libphonenumber, also its ``PhoneNumberMatcher``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from django.conf import settings
from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

from . import context

# Digit groups joined by at most three separator characters (space, dash, dot, slash,
# brackets, line break): "06 - 12", "(0)20", "1985/03".
_RUN = re.compile(r"\d+(?:[ \t\n.\-/()]{1,3}\d+)*")
_GROUP = re.compile(r"\d+")
_THOUSANDS = re.compile(r"\d{1,3}(?:([ .])\d{3})(?:\1\d{3})*")
# Number types a public organisation uses: 0800, 0900/0906/0909, 084/087/088, 14 0xx.
PUBLIC_TYPES = {
    phonenumbers.PhoneNumberType.TOLL_FREE,
    phonenumbers.PhoneNumberType.PREMIUM_RATE,
    phonenumbers.PhoneNumberType.SHARED_COST,
    phonenumbers.PhoneNumberType.UAN,
}


@dataclass(frozen=True)
class Hit:
    kind: str
    start: int  # in normalised text
    end: int
    tier: str = "certain"


@dataclass(frozen=True)
class Window:
    digits: str
    start: int
    end: int
    whole: bool  # the window is the whole run


@lru_cache(maxsize=16)
def windows(text: str) -> tuple[Window, ...]:
    """Every window of consecutive digit groups with at most 15 digits (computed once per
    text; the detectors share it)."""
    return tuple(_windows(text))


def _windows(text: str) -> Iterator[Window]:
    for run in _RUN.finditer(text):
        groups = list(_GROUP.finditer(run.group(0)))
        offset = run.start()
        if len(groups) > 1 and _THOUSANDS.fullmatch(run.group(0)):
            # One formatted number ("12 500 000", "1.234.567.890"): only the whole.
            yield Window(re.sub(r"\D", "", run.group(0)), run.start(), run.end(), True)
            continue
        for i in range(len(groups)):
            digits = ""
            for j in range(i, len(groups)):
                digits += groups[j].group(0)
                if len(digits) > 15:
                    break
                whole = i == 0 and j == len(groups) - 1
                yield Window(digits, offset + groups[i].start(), offset + groups[j].end(), whole)


def allowed_phone_numbers() -> set[str]:
    """E.164 numbers in the PRIVACY_GUARD_ALLOWED_PHONE_NUMBERS setting (public numbers)."""
    allowed = set()
    for raw in getattr(settings, "PRIVACY_GUARD_ALLOWED_PHONE_NUMBERS", []) or []:
        try:
            number = phonenumbers.parse(str(raw), "NL")
        except phonenumbers.NumberParseException:
            continue
        allowed.add(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    return allowed


def _parse_phone(text: str, window: Window):
    digits = window.digits
    plus = text[max(0, window.start - 2) : window.start].strip().endswith("+")
    if plus or digits.startswith("00"):
        candidate = "+" + (digits[2:] if digits.startswith("00") and not plus else digits)
        if candidate.startswith("+310"):
            candidate = "+31" + candidate[4:]  # "+31 (0)6 ..."
    elif digits.startswith("0") and len(digits) == 10:
        candidate = digits
    elif digits.startswith("31") and len(digits) == 11:
        candidate = "+" + digits
    else:
        return None
    return _valid_number(candidate)


@lru_cache(maxsize=2048)
def _valid_number(candidate: str):
    try:
        number = phonenumbers.parse(candidate, "NL")
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def _phone_tier(text: str, start: int, number) -> str | None:
    """None when the number may be written down (public), else the tier."""
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if e164 in allowed_phone_numbers() or phonenumbers.number_type(number) in PUBLIC_TYPES:
        return None
    is_mobile = phonenumbers.number_type(number) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
    if not is_mobile and context.HELPDESK_WORDS.search(context.before(text, start, 50)):
        return "possible"  # an organisation's number, most likely: ask, do not refuse
    return "certain"


def find_phones(text: str) -> Iterator[Hit]:
    seen: set[tuple[int, int]] = set()
    for match in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID):
        if context.is_amount_or_registry(text, match.start, match.end):
            continue
        tier = _phone_tier(text, match.start, match.number)
        seen.add((match.start, match.end))
        if tier:
            yield Hit("phone", match.start, match.end, tier)
    for window in windows(text):
        if not 9 <= len(window.digits) <= 15 or (window.start, window.end) in seen:
            continue
        if window.digits[0] not in "03" and text[window.start - 1 : window.start] != "+":
            continue  # neither national (0...), 00/31-international nor "+..."
        number = _parse_phone(text, window)
        if number is None or context.is_amount_or_registry(text, window.start, window.end):
            continue
        tier = _phone_tier(text, window.start, number)
        if tier:
            start = (
                window.start - 1 if text[window.start - 1 : window.start] == "+" else window.start
            )
            yield Hit("phone", start, window.end, tier)


def find_bsns(text: str) -> Iterator[Hit]:
    for window in windows(text):
        if len(window.digits) not in (8, 9):
            continue
        if len(window.digits) == 8:
            announced = context.BSN_WORDS.search(context.before(text, window.start, 30))
            if announced and stdnum_bsn.is_valid(window.digits):
                yield Hit("bsn", window.start, window.end)  # an old 8-digit BSN, announced
            continue
        if not stdnum_bsn.is_valid(window.digits):
            continue
        if context.is_amount_or_registry(text, window.start, window.end):
            continue
        yield Hit("bsn", window.start, window.end)


_V_ANYWHERE = re.compile(r"(?i)vreemdeling|v\s*-?\s*n(?:umme)?r|vnr|alien|(?<![a-z])v\s?-?\d")


def find_v_numbers(text: str) -> Iterator[Hit]:
    if not _V_ANYWHERE.search(text):
        return
    hits = []
    for window in windows(text):
        if not 7 <= len(window.digits) <= 10:
            continue
        prefix = context.before(text, window.start, 35)
        if context.V_NUMBER_WORDS.search(prefix):
            hits.append(Hit("v_number", window.start, window.end))
        elif re.search(r"(?i)(?:^|[^\w])v\s?-?$", prefix) and len(window.digits) == 10:
            hits.append(Hit("v_number", window.start - 1, window.end))
    # The longest reading first: "12 34 56 78 90" is one number, not "12 34 56 78".
    yield from sorted(hits, key=lambda h: h.start - h.end)


_IBAN_START = re.compile(r"(?i)(?<![a-z0-9])[a-z]{2}\s?\d{2}(?=[\s\-.]?[a-z0-9])")
_IBAN_CHAR = re.compile(r"[a-zA-Z0-9]")


def find_ibans(text: str) -> Iterator[Hit]:
    for start_match in _IBAN_START.finditer(text):
        chars: list[tuple[str, int]] = []
        position = start_match.start()
        gap = 0
        while position < len(text) and len(chars) < 34:
            ch = text[position]
            if _IBAN_CHAR.match(ch):
                chars.append((ch, position))
                gap = 0
            elif ch in " -." and gap == 0:
                gap = 1
            else:
                break
            position += 1
        for length in range(len(chars), 14, -1):
            compact = "".join(c for c, _ in chars[:length]).upper()
            if stdnum_iban.is_valid(compact):
                yield Hit("iban", start_match.start(), chars[length - 1][1] + 1)
                break


_EMAIL = re.compile(r"[\w.%+\-]{1,64}@[\w\-]{1,63}(?:\.[\w\-]{1,63}){0,8}\.[^\W\d_]{2,24}")


def find_emails(text: str) -> Iterator[Hit]:
    if "@" not in text:
        return
    for match in _EMAIL.finditer(text):
        yield Hit("email", match.start(), match.end())
