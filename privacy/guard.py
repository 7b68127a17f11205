"""Personal-data guard: find personal data in free text before anything is stored.

Signals, feedback, communities and questions are about the system, never about a
person's case. The guard works in three steps (details in ``docs/privacy-guard.md``):

1. **Normalise** (``privacy.normalize``): NFKC, every decimal digit to ASCII, invisible
   characters removed, ``[at]``/``(dot)`` folded, with a map back to what was typed.
2. **Detect and validate** (``privacy.numbers``, ``privacy.dates``): e-mail addresses,
   IBANs (``stdnum.iban``), BSNs (``stdnum.nl.bsn``), V-numbers, phone numbers
   (``phonenumbers``, Dutch and international, however the digits are split) and dates.
3. **Context** (``privacy.context``): birth words make a date personal; cohorts, laws
   and periods do not; units and registry words make a 9-digit number no BSN; public
   numbers of organisations may be written down.

Every finding has a *tier*: ``certain`` (refused with a friendly message) or
``possible`` (a date that may be a birth date: a warning the writer can confirm with
"dit gaat niet over een persoon").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import dates, numbers
from .normalize import normalise

CERTAIN = "certain"
POSSIBLE = "possible"
MAX_TEXT = 100_000  # longer input is checked in its first MAX_TEXT characters only


@dataclass(frozen=True)
class Finding:
    kind: str
    label: str
    excerpt: str  # masked, safe to show back to the user
    start: int  # position in the text as typed
    end: int
    tier: str = CERTAIN
    fragment: str = ""  # what the user typed (unmasked; only shown for warnings)


LABELS = {
    "bsn": _("een burgerservicenummer (BSN)"),
    "v_number": _("een V-nummer (vreemdelingennummer)"),
    "email": _("een e-mailadres"),
    "phone": _("een telefoonnummer"),
    "iban": _("een bankrekeningnummer (IBAN)"),
    "birth_date": _("een geboortedatum"),
}
# Order matters where spans overlap: the first detector to claim characters wins.
_DETECTORS = (
    numbers.find_emails,
    numbers.find_ibans,
    numbers.find_v_numbers,
    dates.find_dates,
    numbers.find_phones,
    numbers.find_bsns,
)


def mask(value: str) -> str:
    value = value.strip()
    if len(value) <= 4:
        return "•" * len(value)
    keep = 2 if len(value) < 10 else 3
    return value[:keep] + "•" * (len(value) - 2 * keep) + value[-keep:]


def passes_elfproef(digits: str) -> bool:
    from stdnum.nl import bsn

    return len(digits) in (8, 9) and digits.strip("0") != "" and bsn.is_valid(digits)


def iban_is_valid(candidate: str) -> bool:
    from stdnum import iban

    return iban.is_valid(candidate)


def find_personal_data(text: str | None) -> list[Finding]:
    """Every piece of personal data in ``text``, certain and possible, in text order."""
    if not text:
        return []
    norm = normalise(text[:MAX_TEXT])
    taken: list[tuple[int, int]] = []
    findings: list[Finding] = []
    for detector in _DETECTORS:
        for hit in detector(norm.text):
            if any(s < hit.end and hit.start < e for s, e in taken):
                continue
            taken.append((hit.start, hit.end))
            start, end = norm.span(hit.start, hit.end)
            typed = text[start:end]
            findings.append(
                Finding(hit.kind, str(LABELS[hit.kind]), mask(typed), start, end, hit.tier, typed)
            )
    return sorted(findings, key=lambda f: f.start)


def certain(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.tier == CERTAIN]


def possible(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.tier == POSSIBLE]


def _join(parts: list[str]) -> str:
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " " + gettext("en") + " " + parts[-1]


def describe(findings: list[Finding]) -> str:
    """A friendly sentence saying what was found and why it cannot be stored."""
    parts = []
    for f in findings:
        part = f"{f.label} ({f.excerpt})"
        if part not in parts:
            parts.append(part)
    return gettext(
        "Uw tekst lijkt %(found)s te bevatten. Signalen en feedback gaan over het stelsel, niet over personen: "
        "haal deze gegevens weg en verstuur het opnieuw. Er is nog niets opgeslagen."
    ) % {"found": _join(parts)}


def highlight(text: str, finding: Finding, width: int = 30):
    """The fragment in its surroundings, marked: safe HTML for a form error."""
    before = text[max(0, finding.start - width) : finding.start]
    after = text[finding.end : finding.end + width]
    return format_html(
        "{}{}<mark>{}</mark>{}{}",
        "…" if finding.start > width else "",
        before,
        text[finding.start : finding.end],
        after,
        "…" if finding.end + width < len(text) else "",
    )


def describe_possible(text: str, findings: list[Finding]):
    """The warning for dates that might be birth dates, with each fragment highlighted."""
    template = gettext(
        "Staat hier een geboortedatum? %(fragments)s Signalen en feedback gaan nooit over een "
        "persoon. Gaat deze datum niet over een persoon (maar bijvoorbeeld over een wet, besluit "
        "of periode)? Vink dan 'Dit gaat niet over een persoon' aan en verstuur het opnieuw. Er "
        "is nog niets opgeslagen."
    )
    head, _sep, tail = template.partition("%(fragments)s")
    fragments = format_html_join(" ", "«{}»", ((highlight(text, f),) for f in findings))
    return GuardWarning(format_html("{}{}{}", head, fragments, tail))


class GuardWarning(SafeString):
    """The warning text: safe HTML, recognisable after ``ValidationError.messages`` (forms
    use that to show the confirmation checkbox)."""
