"""Relevance set: questions as professionals type them (own words), with the expected item.

The expected items are demo content of the knowledge app (``knowledge/demo.py``), found by
title. ``evaluate(search)`` returns hit@1, hit@3, MRR and the misses; the test and the
benchmark both use it.
"""

from __future__ import annotations

RELEVANCE_SET = [
    ("wie betaalt de huur de eerste maanden", "Hoe lang duurt financieel ontzorgen?"),
    (
        "statushouder kan na een half jaar zijn rekeningen nog niet zelf betalen",
        "Wat als een statushouder na zes maanden niet financieel zelfredzaam is?",
    ),
    (
        "moet een gezinsmigrant zelf de taalles betalen",
        "Wat moet de gemeente aanbieden aan gezinsmigranten?",
    ),
    ("vanaf wanneer loopt de termijn van drie jaar", "Wanneer begint de inburgeringstermijn?"),
    ("al nederlands leren in het asielzoekerscentrum", "Wat houdt voorinburgering op het azc in?"),
    (
        "waarom brengt coa opleiding en werkervaring in kaart",
        "Waarvoor dient de screening door COA?",
    ),
    (
        "gesprek met coa, gemeente en statushouder samen",
        "Wat is een driegesprek bij de overdracht?",
    ),
    ("driepartijengesprek lukt niet, wat nu", "Wat doe ik als een driegesprek niet lukt?"),
    (
        "woning zoeken en inschrijven in de brp voor een statushouder",
        "Welke taken heeft de gemeente rond huisvesting en inschrijving?",
    ),
    ("waarom een brede intake doen", "Wat is het doel van de brede intake?"),
    ("intake al op de opvanglocatie houden", "Mag de brede intake op het azc plaatsvinden?"),
    ("wat test de leerbaarheidstest precies", "Wat meet de leerbaarheidstoets?"),
    (
        "hoe zwaar telt de score van de leerbaarheidstoets",
        "Hoe weeg ik de uitslag van de leerbaarheidstoets mee?",
    ),
    ("wat hoort er in het plan inburgering en participatie", "Wat staat er in het PIP?"),
    (
        "pip vaststellen terwijl bijstandsbesluit nog ontbreekt",
        "Kan ik het PIP vaststellen als het besluit over de bijstand er nog niet is?",
    ),
    ("taalniveau b1 halen binnen drie jaar", "Wat is de B1-route?"),
    (
        "examenonderdeel afschalen naar a2",
        "Wanneer mag een onderdeel van de B1-route op A2 worden afgerond?",
    ),
    ("jongeren die willen doorstuderen op mbo of hbo", "Voor wie is de onderwijsroute bedoeld?"),
    ("zelfredzaamheidsroute", "Wat is de Z-route?"),
    ("lessen over kennis van de nederlandse maatschappij", "Wat leert een inburgeraar bij KNM?"),
    ("ona module arbeidsmarkt", "Wat is de MAP?"),
    ("participatieverklaring ondertekenen", "Wat is het participatieverklaringstraject?"),
    ("taal leren naast een baan", "Hoe combineer ik taal leren met werk?"),
    (
        "hulp bij wegwijs worden in de eerste periode na verhuizing",
        "Wat valt onder maatschappelijke begeleiding?",
    ),
    (
        "boete als inburgeraar niet meewerkt",
        "Wat gebeurt er als een inburgeraar zijn verplichtingen niet nakomt?",
    ),
    (
        "wanneer is iemand klaar met inburgeren",
        "Hoe wordt vastgesteld dat iemand de inburgering heeft afgerond?",
    ),
    (
        "te weinig deelnemers om een taalcursus in te kopen",
        "Hoe regel ik inkoop als er weinig instroom is?",
    ),
    (
        "privacy avg gegevens uitwisselen met partners",
        "Welke gegevens mag ik delen met ketenpartners?",
    ),
    (
        "koppeling van ons klantsysteem met coa en duo",
        "Hoe sluit ons systeem aan op de systemen van COA en DUO?",
    ),
    (
        "geld van het rijk voor de uitvoering",
        "Hoe wordt de uitvoering van de inburgering gefinancierd?",
    ),
    ("wat gebeurt er met knelpunten uit de praktijk", "Hoe werkt het lerend stelsel?"),
    (
        "nieuwkomers informeren in eenvoudige taal",
        "Hoe informeer ik inburgeraars in begrijpelijke taal?",
    ),
    ("wie moet inburgeren", "Wie is inburgeringsplichtig onder de Wet inburgering 2021?"),
    (
        "tips voor de overdracht van azc naar gemeente",
        "Handreiking overdracht van COA naar gemeente",
    ),
    ("samen met buurgemeenten taalaanbod inkopen", "Handreiking regionale inkoop van taalaanbod"),
    ("hoe onderbouw ik het pip besluit", "Handreiking het PIP opstellen"),
]


def evaluate(search, k: int = 3) -> dict:
    """``search(query) -> list of titles`` (best first) -> hit@1, hit@k, MRR and the misses."""
    hit1 = hitk = 0
    reciprocal = 0.0
    misses = []
    for query, expected in RELEVANCE_SET:
        titles = list(search(query))[:10]
        rank = titles.index(expected) + 1 if expected in titles else None
        if rank == 1:
            hit1 += 1
        if rank is not None and rank <= k:
            hitk += 1
        else:
            misses.append((query, expected, titles[:3]))
        reciprocal += 1.0 / rank if rank else 0.0
    n = len(RELEVANCE_SET)
    return {
        "queries": n,
        "hit@1": round(hit1 / n, 3),
        f"hit@{k}": round(hitk / n, 3),
        "mrr": round(reciprocal / n, 3),
        "misses": misses,
    }
