"""Demo handreikingen of the knowledge base (text written for this product)."""

# (title, summary, body sections [(heading, text)], themes, phases, version, owner abbreviation, restricted)
HANDREIKINGEN = [
    (
        "Handreiking brede intake",
        "Hoe u de brede intake voorbereidt, voert en vastlegt, met aandachtspunten per leefgebied.",
        [
            (
                "Voorbereiding",
                "Verzamel vooraf de overdrachtsgegevens van COA en de uitslag van eventuele voorinburgering. "
                "Plan voldoende tijd en regel een tolk als dat nodig is.",
            ),
            (
                "Het gesprek",
                "Bespreek taal, opleiding, werk, gezondheid, gezin en financiën. Vraag wat de inburgeraar zelf wil "
                "bereiken; dat maakt het plan sterker.",
            ),
            (
                "Vastleggen",
                "Noteer de bevindingen zo dat een collega het traject kan overnemen. Kennis die alleen in hoofden zit, "
                "gaat bij personeelswisselingen verloren.",
            ),
        ],
        ["Brede intake", "Leerbaarheidstoets"],
        [3],
        "2.1",
        "divosa",
        False,
    ),
    (
        "Handreiking overdracht van COA naar gemeente",
        "Afspraken en tips voor een zorgvuldige overdracht, met het driegesprek als uitgangspunt.",
        [
            (
                "Het driegesprek",
                "Organiseer het gesprek met COA en de statushouder voordat de verhuizing plaatsvindt. Lukt dat niet, "
                "kies dan voor een videoverbinding.",
            ),
            (
                "Welke informatie",
                "Neem de screeningsgegevens, het regioadvies en de resultaten van voorinburgering door. Deel alleen "
                "wat nodig is.",
            ),
        ],
        ["Overdracht COA-gemeente", "Voorinburgering en screening"],
        [2],
        "1.3",
        "coa",
        False,
    ),
    (
        "Handreiking het PIP opstellen",
        "Van brede intake naar een besluit: wat in het Plan Inburgering en Participatie hoort en hoe u het onderbouwt.",
        [
            (
                "Inhoud",
                "Leerroute, MAP, PVT, begeleiding, ontzorgen en termijn. Leg vast welke informatie de keuze voor de "
                "leerroute onderbouwt.",
            ),
            (
                "Bezwaar en wijziging",
                "Het PIP is een besluit. Pas het aan als de situatie verandert en informeer de inburgeraar over de "
                "mogelijkheid van bezwaar.",
            ),
        ],
        ["PIP", "B1-route", "Z-route", "Onderwijsroute"],
        [3],
        "1.0",
        "divosa",
        False,
    ),
    (
        "Handreiking financieel ontzorgen",
        "Welke vaste lasten de gemeente de eerste zes maanden betaalt en hoe u de overgang naar zelf betalen begeleidt.",
        [
            (
                "Welke lasten",
                "Huur, energie en de zorgverzekering worden ingehouden op de bijstandsuitkering en rechtstreeks "
                "betaald.",
            ),
            (
                "Afbouw",
                "Bespreek ruim voor het einde van de zes maanden of de inburgeraar het zelf kan, en bied zo nodig "
                "budgetbegeleiding.",
            ),
        ],
        ["Financieel ontzorgen", "Participatiewet en bijstand"],
        [3, 4],
        "1.1",
        "vng",
        False,
    ),
    (
        "Handreiking regionale inkoop van taalaanbod",
        "Samen inkopen bij lage instroom: regie, verdeelsleutels en kwaliteitseisen.",
        [
            (
                "Waarom samen",
                "Met meer deelnemers zijn meerdere startmomenten per jaar haalbaar en blijft het aanbod betaalbaar.",
            ),
            (
                "Afspraken",
                "Leg vast wie de regie heeft, hoe kosten worden verdeeld en welke eisen aan aanbieders gelden, zoals "
                "het keurmerk.",
            ),
        ],
        ["Inkoop", "Regie en regionale samenwerking"],
        [4],
        "1.0",
        "divosa",
        True,
    ),
    (
        "Handreiking signalen melden en opvolgen",
        "Hoe een knelpunt uit de praktijk een signaal wordt en welke route het daarna aflegt in het lerend stelsel.",
        [
            (
                "Melden",
                "Beschrijf het knelpunt in het stelsel, niet de persoon: noem geen namen, BSN of andere "
                "persoonsgegevens.",
            ),
            (
                "Opvolging",
                "Coördinatoren bundelen vergelijkbare signalen en brengen ze naar het niveau dat er iets aan kan doen. "
                "U hoort wat er is besloten.",
            ),
        ],
        ["Monitoring en lerend stelsel"],
        [1, 2, 3, 4, 5],
        "1.0",
        "divosa",
        False,
    ),
]
