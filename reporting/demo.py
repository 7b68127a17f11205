"""Demo ketenindicatoren (two per phase) with invented values over six quarters and a few
regions, and the stored quarterly reports of the last complete quarter. Idempotent.

The numbers are made up for the demo; they only have to look plausible.
"""

from __future__ import annotations

import zlib
from decimal import Decimal

from django.utils import timezone

from taxonomy.models import Organisation, Phase, Region

from . import services
from .models import Direction, Indicator, PeriodKind
from .periods import last_complete_quarter
from .roles import SCOPES

# (phase number, slug, name, definition, unit, target, direction, source slug, base, trend)
INDICATORS = [
    (
        1,
        "tijdige-informatie-plicht",
        "Tijdig geïnformeerd over de inburgeringsplicht",
        "Deel van de nieuwe inburgeringsplichtigen dat binnen vier weken na de vergunning een "
        "brief van DUO over de plicht heeft gekregen.",
        "%",
        "90",
        Direction.HIGHER,
        "duo",
        78,
        2.0,
    ),
    (
        1,
        "doorlooptijd-vaststelling",
        "Doorlooptijd vaststelling plicht",
        "Gemiddeld aantal dagen tussen het verlenen van de verblijfsvergunning en het vaststellen "
        "van de inburgeringsplicht.",
        "dagen",
        "28",
        Direction.LOWER,
        "duo",
        41,
        -1.5,
    ),
    (
        2,
        "driegesprek-bij-overdracht",
        "Overdracht met driegesprek",
        "Deel van de overdrachten van azc naar gemeente waarbij COA, gemeente en inburgeraar samen "
        "een gesprek hadden.",
        "%",
        "75",
        Direction.HIGHER,
        "coa",
        52,
        3.0,
    ),
    (
        2,
        "deelname-voorinburgering",
        "Deelname aan voorinburgering",
        "Deel van de statushouders op een azc dat aan het vrijwillige aanbod voorinburgering "
        "meedoet.",
        "%",
        "70",
        Direction.HIGHER,
        "coa",
        61,
        1.0,
    ),
    (
        3,
        "doorlooptijd-pip",
        "Doorlooptijd tot vastgesteld PIP",
        "Gemiddeld aantal weken tussen de start van de brede intake en het besluit over het PIP.",
        "weken",
        "10",
        Direction.LOWER,
        "divosa",
        14,
        -0.6,
    ),
    (
        3,
        "leerbaarheidstoets-afgenomen",
        "Leerbaarheidstoets afgenomen",
        "Deel van de brede intakes waarin de leerbaarheidstoets is afgenomen.",
        "%",
        "95",
        Direction.HIGHER,
        "divosa",
        86,
        1.2,
    ),
    (
        4,
        "start-leerroute-binnen-termijn",
        "Tijdige start van de leerroute",
        "Deel van de inburgeraars dat binnen tien weken na het PIP met de leerroute begint.",
        "%",
        "85",
        Direction.HIGHER,
        "vng",
        66,
        2.5,
    ),
    (
        4,
        "deelname-map",
        "Deelname aan de MAP",
        "Deel van de inburgeraars dat de Module Arbeidsmarkt en Participatie is gestart.",
        "%",
        "80",
        Direction.HIGHER,
        "vng",
        58,
        2.0,
    ),
    (
        5,
        "afgerond-binnen-termijn",
        "Plicht binnen de termijn afgerond",
        "Deel van de inburgeraars van wie de termijn in het kwartaal afliep en die volgens DUO aan "
        "de plicht hebben voldaan.",
        "%",
        "80",
        Direction.HIGHER,
        "duo",
        63,
        1.5,
    ),
    (
        5,
        "ontheffingen",
        "Aandeel ontheffingen",
        "Deel van de afgesloten trajecten dat eindigde met een ontheffing in plaats van afronding.",
        "%",
        "10",
        Direction.LOWER,
        "duo",
        14,
        -0.4,
    ),
]
REGION_SLUGS = ["groot-amsterdam", "rijnmond", "midden-utrecht", "groningen"]
QUARTERS = 6


def _wobble(*parts) -> float:
    """A deterministic pseudo-random number in [-1, 1) from the parts."""
    return (zlib.crc32("|".join(map(str, parts)).encode()) % 2000) / 1000 - 1


def seed(stdout=None, now=None) -> dict:
    now = now or timezone.now()
    phases = {p.number: p for p in Phase.objects.all()}
    sources = {o.slug: o for o in Organisation.objects.filter(type="ketenpartner")}
    regions = [None, *Region.objects.filter(slug__in=REGION_SLUGS).order_by("name")]
    created_indicators = values = 0
    last = last_complete_quarter(timezone.localdate(now))
    periods = [last]
    for _i in range(QUARTERS - 1):
        periods.insert(0, periods[0].previous())
    for order, (
        number,
        slug,
        name,
        definition,
        unit,
        target,
        direction,
        source,
        base,
        trend,
    ) in enumerate(INDICATORS):
        phase = phases.get(number)
        if phase is None:
            continue
        indicator, created = Indicator.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "phase": phase,
                "definition": definition,
                "unit": unit,
                "target": Decimal(target),
                "direction": direction,
                "source": sources.get(source),
                "order": order,
            },
        )
        created_indicators += created
        for step, period in enumerate(periods):
            for region in regions:
                offset = 0 if region is None else 6 * _wobble(slug, region.slug)
                value = base + trend * step + offset + 2 * _wobble(slug, period.label, region)
                if unit == "%":
                    value = min(max(value, 0), 100)
                if indicator.values.filter(
                    period_kind=PeriodKind.QUARTER, period_start=period.start, region=region
                ).exists():
                    continue  # keep values an editor may have changed by hand
                services.upsert_value(
                    indicator,
                    PeriodKind.QUARTER,
                    period.start,
                    region,
                    Decimal(str(round(max(value, 0), 1))),
                )
                values += 1
    reports = [services.generate_quarterly_report(s, last, replace=False) for s in SCOPES]
    if stdout:
        stdout.write(
            f"  reporting: {created_indicators} new indicators, {values} new values, "
            f"{sum(1 for _r, c in reports if c)} new quarterly reports ({last.label})"
        )
    return {"indicators": created_indicators, "values": values}
