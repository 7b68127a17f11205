"""Relevance set: questions as professionals, ketenpartners and newcomers type them, each with
the item that answers it best (demo content of ``knowledge/demo.py``, found by title).

The wording is our own, never copied from the item. Each entry is tagged with the kind of
difficulty it tests. The set is split once and for all: entries at even positions are the
**tuning half** (weights and synonyms were adjusted while looking at these only), entries at
odd positions the **held-out half** (only measured). ``evaluate(search, queries)`` returns
hit@1, hit@3, MRR and the misses; the tests and ``bench/bench_search.py`` both use it.
"""

from __future__ import annotations

PLICHT = "Wie is inburgeringsplichtig onder de Wet inburgering 2021?"
GEZIN = "Wat moet de gemeente aanbieden aan gezinsmigranten?"
TERMIJN = "Wanneer begint de inburgeringstermijn?"
VOOR = "Wat houdt voorinburgering op het azc in?"
SCREENING = "Waarvoor dient de screening door COA?"
DRIE = "Wat is een driegesprek bij de overdracht?"
DRIE_NIET = "Wat doe ik als een driegesprek niet lukt?"
HUIS = "Welke taken heeft de gemeente rond huisvesting en inschrijving?"
INTAKE = "Wat is het doel van de brede intake?"
INTAKE_AZC = "Mag de brede intake op het azc plaatsvinden?"
LBT = "Wat meet de leerbaarheidstoets?"
LBT_WEGING = "Hoe weeg ik de uitslag van de leerbaarheidstoets mee?"
PIP = "Wat staat er in het PIP?"
PIP_BIJSTAND = "Kan ik het PIP vaststellen als het besluit over de bijstand er nog niet is?"
B1 = "Wat is de B1-route?"
A2 = "Wanneer mag een onderdeel van de B1-route op A2 worden afgerond?"
ONDERWIJS = "Voor wie is de onderwijsroute bedoeld?"
Z = "Wat is de Z-route?"
KNM = "Wat leert een inburgeraar bij KNM?"
MAP = "Wat is de MAP?"
PVT = "Wat is het participatieverklaringstraject?"
WERK = "Hoe combineer ik taal leren met werk?"
BEGELEIDING = "Wat valt onder maatschappelijke begeleiding?"
ONTZORGEN = "Hoe lang duurt financieel ontzorgen?"
NA_ZES = "Wat als een statushouder na zes maanden niet financieel zelfredzaam is?"
BOETE = "Wat gebeurt er als een inburgeraar zijn verplichtingen niet nakomt?"
AFGEROND = "Hoe wordt vastgesteld dat iemand de inburgering heeft afgerond?"
INKOOP = "Hoe regel ik inkoop als er weinig instroom is?"
AVG = "Welke gegevens mag ik delen met ketenpartners?"
ICT = "Hoe sluit ons systeem aan op de systemen van COA en DUO?"
FINANCIERING = "Hoe wordt de uitvoering van de inburgering gefinancierd?"
STELSEL = "Hoe werkt het lerend stelsel?"
BEGRIJPELIJK = "Hoe informeer ik inburgeraars in begrijpelijke taal?"
H_INTAKE = "Handreiking brede intake"
H_OVERDRACHT = "Handreiking overdracht van COA naar gemeente"
H_PIP = "Handreiking het PIP opstellen"
H_ONTZORGEN = "Handreiking financieel ontzorgen"
H_INKOOP = "Handreiking regionale inkoop van taalaanbod"
H_SIGNALEN = "Handreiking signalen melden en opvolgen"

# (query, expected title, kind of difficulty)
RELEVANCE_SET = [
    ("wie betaalt de huur de eerste maanden", ONTZORGEN, "paraphrase"),
    ("statushouder kan na een half jaar zijn rekeningen nog niet zelf betalen", NA_ZES, "near"),
    ("moet een gezinsmigrant zelf de taalles betalen", GEZIN, "paraphrase"),
    ("vanaf wanneer loopt de termijn van drie jaar", TERMIJN, "paraphrase"),
    ("al nederlands leren in het asielzoekerscentrum", VOOR, "synonym"),
    ("waarom brengt coa opleiding en werkervaring in kaart", SCREENING, "paraphrase"),
    ("gesprek met coa, gemeente en statushouder samen", DRIE, "paraphrase"),
    ("driepartijengesprek lukt niet, wat nu", DRIE_NIET, "near"),
    ("woning zoeken en inschrijven in de brp voor een statushouder", HUIS, "paraphrase"),
    ("waarom een brede intake doen", INTAKE, "near"),
    ("intake al op de opvanglocatie houden", INTAKE_AZC, "paraphrase"),
    ("wat test de leerbaarheidstest precies", LBT, "spelling"),
    ("hoe zwaar telt de score van de leerbaarheidstoets", LBT_WEGING, "near"),
    ("wat hoort er in het plan inburgering en participatie", PIP, "abbreviation"),
    ("pip vaststellen terwijl bijstandsbesluit nog ontbreekt", PIP_BIJSTAND, "compound"),
    ("taalniveau b1 halen binnen drie jaar", B1, "paraphrase"),
    ("examenonderdeel afschalen naar a2", A2, "compound"),
    ("jongeren die willen doorstuderen op mbo of hbo", ONDERWIJS, "paraphrase"),
    ("zelfredzaamheidsroute", Z, "abbreviation"),
    ("lessen over kennis van de nederlandse maatschappij", KNM, "abbreviation"),
    ("ona module arbeidsmarkt", MAP, "abbreviation"),
    ("participatieverklaring ondertekenen", PVT, "compound"),
    ("taal leren naast een baan", WERK, "paraphrase"),
    ("hulp bij wegwijs worden in de eerste periode na verhuizing", BEGELEIDING, "paraphrase"),
    ("boete als inburgeraar niet meewerkt", BOETE, "paraphrase"),
    ("wanneer is iemand klaar met inburgeren", AFGEROND, "paraphrase"),
    ("te weinig deelnemers om een taalcursus in te kopen", INKOOP, "near"),
    ("privacy avg gegevens uitwisselen met partners", AVG, "synonym"),
    ("koppeling van ons klantsysteem met coa en duo", ICT, "compound"),
    ("geld van het rijk voor de uitvoering", FINANCIERING, "paraphrase"),
    ("wat gebeurt er met knelpunten uit de praktijk", STELSEL, "paraphrase"),
    ("nieuwkomers informeren in eenvoudige taal", BEGRIJPELIJK, "paraphrase"),
    ("wie moet inburgeren", PLICHT, "compound"),
    ("tips voor de overdracht van azc naar gemeente", H_OVERDRACHT, "near"),
    ("samen met buurgemeenten taalaanbod inkopen", H_INKOOP, "near"),
    ("hoe onderbouw ik het pip besluit", H_PIP, "near"),
    ("klaar met inburgeren", AFGEROND, "paraphrase"),
    ("wanneer is aan de inburgeringsplicht voldaan", AFGEROND, "compound"),
    ("duo besluit over afronding inburgering", AFGEROND, "near"),
    ("sanctie opleggen aan inburgeraar", BOETE, "synonym"),
    ("termijn verlengen wegens zwangerschap", TERMIJN, "paraphrase"),
    ("inburgeringstermijn verlenging ziekte", TERMIJN, "compound"),
    ("termijn inburgering start", TERMIJN, "compound"),
    ("welke nieuwkomers moeten inburgeren", PLICHT, "paraphrase"),
    ("vrijstelling inburgeringsplicht aow leeftijd", PLICHT, "compound"),
    ("wi2021 doelgroepen", PLICHT, "abbreviation"),
    ("wib 2021 wie valt eronder", PLICHT, "abbreviation"),
    ("nareizigers inburgeringsplichtig", PLICHT, "paraphrase"),
    ("lening duo voor taalcursus gezinsmigrant", GEZIN, "paraphrase"),
    ("aanbodplicht gemeente gezinsmigranten", GEZIN, "compound"),
    ("vaste lasten inhouden op de uitkering", H_ONTZORGEN, "near"),
    ("hoeveel maanden betaalt de gemeente huur en energie", ONTZORGEN, "near"),
    ("budgetbegeleiding als ontzorgen stopt", NA_ZES, "near"),
    ("client kan geldzaken na half jaar nog niet zelf", NA_ZES, "spelling"),
    ("cliënt nog niet financieel zelfstandig na ontzorging", NA_ZES, "spelling"),
    ("vrijwillig taalles volgen op het azc", VOOR, "paraphrase"),
    ("voorinburgering telt mee voor termijn", VOOR, "near"),
    ("regioadvies coa", SCREENING, "compound"),
    ("gezondheid en opleiding vastleggen voor keuze van gemeente", SCREENING, "paraphrase"),
    ("warme overdracht coa gemeente", DRIE, "synonym"),
    ("overdracht alleen per e-mail voldoende", DRIE, "spelling"),
    ("videobellen als het driegesprek niet doorgaat", DRIE_NIET, "near"),
    ("brp inschrijving statushouder", HUIS, "abbreviation"),
    ("afspraken met woningcorporatie over statushouders", HUIS, "compound"),
    ("waar gaat het intakegesprek over", INTAKE, "compound"),
    ("intake voorbereiden en tolk regelen", H_INTAKE, "near"),
    ("intake doen voor vestiging in de gemeente", INTAKE_AZC, "near"),
    ("hoe snel kan iemand een nieuwe taal leren test", LBT, "paraphrase"),
    ("leerbaarheidsonderzoek weging bij keuze leerroute", LBT_WEGING, "synonym"),
    ("twijfelgeval leerroute na de toets", LBT_WEGING, "near"),
    ("is het pip een beschikking", PIP, "paraphrase"),
    ("participatiewet uitkering nog niet toegekend bij pip", PIP_BIJSTAND, "synonym"),
    ("b1 route resultaatsverplichting", B1, "spelling"),
    ("b1 niet haalbaar voor een examenonderdeel", A2, "near"),
    ("afschaling naar a2 onderbouwen", A2, "spelling"),
    ("taalschakeltraject", ONDERWIJS, "compound"),
    ("inburgeraar wil naar het hbo", ONDERWIJS, "paraphrase"),
    ("z route inspanningsverplichting", Z, "spelling"),
    ("zroute", Z, "spelling"),
    ("knm examen", KNM, "abbreviation"),
    ("ona", MAP, "abbreviation"),
    ("werkervaringsplek naast de module arbeidsmarkt", MAP, "compound"),
    ("pvt", PVT, "abbreviation"),
    ("kernwaarden van de samenleving ondertekenen", PVT, "paraphrase"),
    ("duaal traject werk en taal", WERK, "paraphrase"),
    ("werkgever betrekken bij taalles", WERK, "paraphrase"),
    ("vluchtelingenwerk begeleiding eerste periode", BEGELEIDING, "paraphrase"),
    ("taken van de maatschappelijke begeleider", BEGELEIDING, "near"),
    ("kleine gemeente met weinig inburgeraars taal inkopen", INKOOP, "near"),
    ("verdeelsleutel kosten gezamenlijke inkoop", H_INKOOP, "near"),
    ("avg grondslag voor gegevens delen", AVG, "abbreviation"),
    ("privacyregels ketenpartners", AVG, "compound"),
    ("leverancier koppeling duo berichten", ICT, "compound"),
    ("ict aansluiting op coa", ICT, "abbreviation"),
    ("budget van het rijk voor inburgering te laag", FINANCIERING, "paraphrase"),
    ("middelen voor aanbod aan asielstatushouders", FINANCIERING, "synonym"),
    ("signaal melden zonder persoonsgegevens", H_SIGNALEN, "near"),
    ("stelselniveau en schakelniveau", STELSEL, "paraphrase"),
    ("voorlichting met korte zinnen en beeld", BEGRIJPELIJK, "paraphrase"),
    ("teksten testen met inburgeraars", BEGRIJPELIJK, "paraphrase"),
    ("driepartijengesprek", DRIE, "synonym"),
    ("leerbaarheidstest", LBT, "synonym"),
    ("brede intake op asielzoekerscentrum", INTAKE_AZC, "synonym"),
    ("tips pip opstellen", H_PIP, "near"),
    ("regionaal taal aanbod inkopen", H_INKOOP, "compound"),
    ("gezinsmigratie brede intake en pip", GEZIN, "compound"),
    # Round 3 (added together, split by position like the rest):
    ("bestuurlijke boete inburgering", BOETE, "compound"),
    ("gemeente betaalt zorgverzekering en huur van statushouder", ONTZORGEN, "paraphrase"),
    ("hoe worden signalen van gemeenten opgepakt door het ministerie", STELSEL, "paraphrase"),
    ("aanbesteding taalonderwijs regio", H_INKOOP, "synonym"),
    ("mag ik de uitslag van de leerbaarheidstoets doorsturen naar de taalschool", AVG, "near"),
    ("ik ben 67 moet ik inburgeren", PLICHT, "paraphrase"),
    ("kennismakingsgesprek tussen coa medewerker gemeente en nieuwkomer", DRIE, "paraphrase"),
    ("wanneer heeft iemand zijn inburgeringsplicht vervuld", AFGEROND, "synonym"),
    ("b-1 route uren taalles", B1, "spelling"),
    ("hoeveel tijd heeft een inburgeraar om klaar te zijn", TERMIJN, "paraphrase"),
    ("route voor analfabete inburgeraars", Z, "paraphrase"),
    ("oriëntatie op de arbeidsmarkt voor nieuwkomers", MAP, "spelling"),
    ("maatschappijkennis cursus", KNM, "synonym"),
    ("gemeente kan niet aanwezig zijn bij gesprek op azc", DRIE_NIET, "paraphrase"),
    ("verlenging ontzorgen na zes maanden", NA_ZES, "near"),
    ("welke afspraken staan in het persoonlijk plan", PIP, "paraphrase"),
    ("brede intake voor verhuizing naar de gemeente", INTAKE_AZC, "paraphrase"),
    ("bijstandsaanvraag loopt nog pip later", PIP_BIJSTAND, "compound"),
    ("werkwijze ontzorgen vaste lasten betalen", H_ONTZORGEN, "near"),
    ("uitslag toets laag maar toch b1 proberen", LBT_WEGING, "paraphrase"),
    ("route naar vervolgopleiding voor jonge inburgeraars", ONDERWIJS, "synonym"),
    ("maatschappelijke begeleiding door vrijwilligers", BEGELEIDING, "near"),
    ("wat krijgt de gemeente van het rijk voor inburgering", FINANCIERING, "paraphrase"),
    ("voorbeeldtekst motivering pip", H_PIP, "compound"),
    ("werkwijze van opvang naar gemeente verhuizen", H_OVERDRACHT, "paraphrase"),
    ("lerbaarheidstoets", LBT, "spelling"),
    ("waarvoor gebruikt coa de gegevens uit het screeningsgesprek", SCREENING, "compound"),
    ("nederlandse les tijdens verblijf in de opvang", VOOR, "paraphrase"),
    ("workshop nederlandse normen en waarden", PVT, "paraphrase"),
    ("wat biedt de gemeente een gezinsvormer aan", GEZIN, "synonym"),
    ("mbo opleiding tijdens inburgering", ONDERWIJS, "near"),
    ("gegevensuitwisseling coa gemeente digitaal", ICT, "compound"),
    ("b1 taal in brieven aan nieuwkomers", BEGRIJPELIJK, "near"),
    ("taalaanbieder inkopen bij lage aantallen inburgeraars", INKOOP, "compound"),
    ("a2 niveau voor spreken als b1 niet lukt", A2, "paraphrase"),
    ("huisvesting statushouders taakstelling", HUIS, "compound"),
    ("waar meld ik een probleem met de uitvoering", H_SIGNALEN, "paraphrase"),
    ("stappenplan brede intake", H_INTAKE, "near"),
    ("inburgeren combineren met parttime werk", WERK, "compound"),
    ("onderwerpen van de brede intake", INTAKE, "near"),
]
TUNING = RELEVANCE_SET[0::2]
HELD_OUT = RELEVANCE_SET[1::2]


def evaluate(search, queries=None, k: int = 3) -> dict:
    """``search(query) -> list of titles`` (best first) -> hit@1, hit@k, MRR and the misses."""
    queries = RELEVANCE_SET if queries is None else queries
    hit1 = hitk = 0
    reciprocal = 0.0
    misses = []
    for query, expected, *_kind in queries:
        titles = list(search(query))[:10]
        rank = titles.index(expected) + 1 if expected in titles else None
        if rank == 1:
            hit1 += 1
        if rank is not None and rank <= k:
            hitk += 1
        else:
            misses.append((query, expected, titles[:3]))
        reciprocal += 1.0 / rank if rank else 0.0
    n = len(queries) or 1
    return {
        "queries": len(queries),
        "hit@1": round(hit1 / n, 3),
        f"hit@{k}": round(hitk / n, 3),
        "mrr": round(reciprocal / n, 3),
        "misses": misses,
    }


def evaluate_halves(search) -> dict:
    """The figures of both halves: ``{"tuning": {...}, "held_out": {...}}``."""
    return {"tuning": evaluate(search, TUNING), "held_out": evaluate(search, HELD_OUT)}
