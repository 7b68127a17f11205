"""Context rules of the personal-data guard: which words around a number or date make it
personal data, and which make it ordinary policy text.

All patterns run on normalised text (see ``privacy.normalize``).
"""

from __future__ import annotations

import re

# Words that make a date somebody's birth date ("geboren op", "geboortedatum", "DOB").
BIRTH_WORDS = re.compile(
    r"(?i)(?:\bgeboren\b|\bgeb\b\.?|\bgeboortedatum\b|\bgeboortedag\b|\bgeboorte\s*datum\b"
    r"|\bdate\s+of\s+birth\b|\bd\.?o\.?b\b\.?|\bborn\b|\bbirth\s*date\b|\bbirthday\b"
    r"|\bverjaardag\b|\bjarig\b|\bgeburtsdatum\b|\bgeboorte\b)"
)
# The age of a described individual next to a date ("de 34-jarige klant", "45 jaar oud").
AGE_OF_PERSON = re.compile(
    r"(?i)\b\d{1,3}\s?-?\s?jarige?\b|\b\d{1,3}\s+jaar\s+oud\b|\baged?\s+\d{1,3}\b"
)
# A described person right before the date: "cliënt van 14-07-1979", "mevrouw K. (12-3-85)".
PERSON_BEFORE = re.compile(
    r"(?i)\b(?:cli[eë]nt|klant|meneer|mevrouw|mevr|mw|dhr|de\s+heer|man|vrouw|jongen|meisje"
    r"|zoon|dochter|inburgeraar|kind|baby|persoon|deelnemer|statushouder|moeder|vader|broer"
    r"|zus|cursist|leerling|asielzoeker|nieuwkomer|betrokkene|aanvrager|patient|pati[eë]nt"
    r"|client|customer|person|man|woman|child)\b\.?(?:\s+[A-Z][\w.]*){0,2}\s*(?:\([^)]*\)\s*)?"
    r"(?:,|van|uit|\(|-|:)\s*$"
)
# A birth word followed by one of these before the date describes a cohort, not a person:
# "geboren na 1 januari 2000", "born before 1-1-1990", "geboren tussen ... en ...".
COHORT = re.compile(
    r"(?i)\b(?:na|n[aá]|voor|v[oó][oó]r|vanaf|tussen|tot|sinds|in\s+of\s+na|op\s+of\s+(?:na|voor)"
    r"|after|before|since|between|from|until|zijn|die|worden)\b|[<>≤≥]"
)
# Words that put a date in a law, decision, period or event instead of a life.
LEGAL_OR_PERIOD = re.compile(
    r"(?i)\b(?:wet|wetten|wetsvoorstel|besluit|regeling|beschikking|verordening|circulaire"
    r"|staatsblad|stb|stcrt|staatscourant|kamerbrief|brief|kamerstuk(?:ken)?|motie|amendement"
    r"|vonnis|uitspraak|arrest|ecli|rechtbank|raad\s+van\s+state|crvb|inwerkingtreding|werking"
    r"|ingang|ingangsdatum|per|vanaf|sinds|tot|t/m|tot\s+en\s+met|periode|looptijd|project"
    r"|pilot|programma|cohort|peildatum|gedateerd|vastgesteld|gepubliceerd|verschenen|rapport"
    r"|evaluatie|jaarverslag|kwartaal|versie|bijeenkomst|vergadering|overleg|sessie|conferentie"
    r"|deadline|uiterlijk|tussen|convenant|akkoord|ketenplan|besloten|ondertekend|aangenomen"
    r"|subsidie|tijdens|aanvang|start|einde|begin"
    r"|sluitingsdatum|publicatie|onderzoek|meting|telling|stand|since|from|until|law|act|decree"
    r"|decision|dated|period)\b"
)
# Registry numbers that are not a BSN even when they pass the 11-proef.
REGISTRY_WORDS = re.compile(
    r"(?i)\b(?:kvk|kvk-?nummer|kamer\s+van\s+koophandel|handelsregister|zaak(?:nummer|nr)?"
    r"|kamerstuk(?:ken)?|kenmerk|dossiernummer|dossier|referentie(?:nummer)?|ref|ordernummer"
    r"|factuur(?:nummer)?|projectnummer|subsidienummer|btw(?:-?nummer)?|rsin|ecli|stb|staatsblad"
    r"|stcrt|staatscourant|isbn|issn|artikelnummer|registratienummer|vestigingsnummer|brin"
    r"|brinnummer|agb(?:-?code)?|oin|postbus|versie|besluitnummer|documentnummer|volgnummer"
    r"|batchnummer|ticket(?:nummer)?|melding(?:nummer)?|zaak-id|bijlage)\b"
)
# A unit after a number makes it an amount or a count.
UNIT_AFTER = re.compile(
    r"(?i)^\s*(?:,\s?\d|,-|€|eur\b|euro|miljoen|miljard|duizend|uur\b|uren\b|inwoners"
    r"|mensen|personen|deelnemers|inburgeraars|statushouders|huishoudens|leerlingen|cursisten"
    r"|gemeenten|km\b|kilometer|kg\b|m2|m²|liter|keer\b|procent|%|x\b|dagen|weken|maanden"
    r"|jaar\b|minuten|seconden|procentpunt|exemplaren|stuks|woningen|plekken|plaatsen|bezoekers|kinderen|aanvragen"
    r"|dossiers|signalen|meldingen|euro's|hours|people|residents)"
)
CURRENCY_BEFORE = re.compile(
    r"(?i)(?:€|\beur\b|\beuro\b|\$|£|\bbedrag\s+van\b|\bbudget\s+van\b)\s*[+-]?\s*$"
)
BSN_WORDS = re.compile(
    r"(?i)\b(?:bsn|burger\s*service\s*nummer|burgerservicenummer|sofi\s*-?\s*nummer|sofinummer"
    r"|citizen\s+service\s+number)\b\s*(?:nr\.?|nummer|is|:|=|#)?\s*$"
)
V_NUMBER_WORDS = re.compile(
    r"(?i)\b(?:vreemdelingen\s*-?\s*nummer|vreemdelingennr|v\s*-?\s*(?:nummer|nr)|vnr"
    r"|alien\s+number)\b\.?\s*(?:is|:|=|#)?\s*$"
)
# Public numbers of organisations may be written down; a geographic number after one of
# these words is only a warning, not a refusal.
HELPDESK_WORDS = re.compile(
    r"(?i)\b(?:helpdesk|servicedesk|klantenservice|klantcontact|informatielijn|infolijn"
    r"|informatienummer|servicenummer|callcenter|contactcenter|bereikbaar|algemeen\s+nummer"
    r"|hoofdnummer|receptie|loket|duo|ind|coa|cvte|uwv|svb|belastingdienst|gemeente|divosa"
    r"|vng|szw|vluchtelingenwerk|blik\s+op\s+werk|taalschool)\b"
)


def before(text: str, start: int, width: int = 40) -> str:
    """The text just before ``start`` on the same line (at most ``width`` characters)."""
    chunk = text[max(0, start - width) : start]
    return chunk.rsplit("\n", 1)[-1]


def after(text: str, end: int, width: int = 25) -> str:
    chunk = text[end : end + width]
    return chunk.split("\n", 1)[0]


def is_amount_or_registry(text: str, start: int, end: int) -> bool:
    """A number followed by a unit, preceded by a currency or a registry word."""
    return bool(
        UNIT_AFTER.match(after(text, end))
        or CURRENCY_BEFORE.search(before(text, start, 12))
        or REGISTRY_WORDS.search(before(text, start, 30))
    )
