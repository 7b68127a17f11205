"""The seed synonyms (shared by the data migration and search.demo)."""

ABBREVIATIONS = [
    "DUO, Dienst Uitvoering Onderwijs",
    "COA, Centraal Orgaan opvang Asielzoekers",
    "IND, Immigratie- en Naturalisatiedienst",
    "BRP, basisregistratie personen",
    "BSN, burgerservicenummer",
    "NT2, Nederlands als tweede taal",
    "SZW, Sociale Zaken en Werkgelegenheid",
    "VNG, Vereniging van Nederlandse Gemeenten",
    "LBT, leerbaarheidstoets",
    "CvTE, College voor Toetsen en Examens",
]

EVERYDAY = [
    "inburgeraar, nieuwkomer, inburgeringsplichtige",
    "werk, baan, arbeid",
    "knelpunt, probleem",
    "signaal, melding",
    "taalschool, taalaanbieder",
    "delen, uitwisselen, doorsturen, verstrekken",
    "begrijpelijke taal, eenvoudige taal, duidelijke taal, heldere taal, B1-taal",
    "ministerie, rijk, rijksoverheid",
    "budget, middelen, geld",
    "half jaar, zes maanden",
    "cursus, les, training",
    "vervolgopleiding, vervolgonderwijs, doorstuderen",
]

SYNONYMS = [
    "statushouder, asielstatushouder, vergunninghouder",
    "driegesprek, driepartijengesprek, warme overdracht",
    "MAP, ONA, module arbeidsmarkt en participatie",
    "KNM, kennis van de Nederlandse maatschappij, maatschappijkennis",
    "PIP, plan inburgering en participatie",
    "Wi2021, Wet inburgering 2021, Wib 2021, inburgeringswet",
    "azc, asielzoekerscentrum",
    "Z-route, zelfredzaamheidsroute",
    "PVT, participatieverklaringstraject, participatieverklaring",
    "leerbaarheidstoets, leerbaarheidstest, leerbaarheidsonderzoek",
    "financieel ontzorgen, ontzorging, vaste lasten betalen",
    "huur, vaste lasten",
    "bijstand, bijstandsuitkering, participatiewet uitkering",
    "boete, sanctie, handhaving",
    "AVG, privacywet, GDPR",
    # Added with the relevance set's tuning half (issue #22): paraphrases and spellings.
    "klaar met inburgeren, inburgering afgerond, inburgeringsplicht voldaan",
    "zroute, zelfredzaamheidsroute",
    "opvanglocatie, azc",
    "score, uitslag",
    # Issue #22, second round: the domain's abbreviations written out (migration 0008). General
    # domain vocabulary, none chosen from a query of the relevance set's held-out half.
    *ABBREVIATIONS,
    # Issue #22, third round (migration 0009): everyday words for the domain's own terms, as
    # professionals, partners and newcomers write them.
    *EVERYDAY,
]
