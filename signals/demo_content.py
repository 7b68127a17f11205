"""The demo signals and dossiers as data (own words; facts from the domain brief).

Read by ``signals.demo.seed``.
"""

P, C, K = "professional@example.org", "consulent@example.org", "ketenpartner@example.org"

# (title, description, theme slugs, phase number, organisation slug, submitter, scenario)
SIGNALS = [
    (
        "Afname en weging van de leerbaarheidstoets verschilt per gemeente",
        "Collega's weten niet goed hoe de leerbaarheidstoets wordt afgenomen en hoe zwaar de "
        "uitkomst moet wegen bij de keuze van de leerroute. Daardoor kiezen gemeenten verschillend.",
        ["leerbaarheidstoets", "brede-intake"],
        3,
        "gemeente-utrecht",
        P,
        "resolved",
    ),
    (
        "Koppeling tussen ons klantsysteem en TVS van COA ontbreekt",
        "Gegevens uit de screening komen niet automatisch in ons eigen systeem. We typen alles "
        "over, met kans op fouten en vertraging in de brede intake.",
        ["werkprocessen-ict-en-gegevensuitwisseling", "overdracht-coa-gemeente"],
        2,
        "gemeente-rotterdam",
        C,
        "dossier:data",
    ),
    (
        "Overdracht van COA naar gemeente gaat vaak alleen per e-mail",
        "Een driegesprek met COA, gemeente en inburgeraar lukt meestal niet door de planning. "
        "De overdracht gebeurt dan per mail en belangrijke informatie ontbreekt.",
        ["overdracht-coa-gemeente"],
        2,
        "gemeente-groningen",
        P,
        "dossier:overdracht",
    ),
    (
        "Driegesprek niet in te plannen bij snelle huisvesting",
        "Als een woning snel beschikbaar komt, is er geen tijd meer voor een gezamenlijk gesprek "
        "op het azc. De gemeente begint dan zonder goed beeld van de persoon.",
        ["overdracht-coa-gemeente", "huisvesting-en-inschrijving"],
        2,
        "gemeente-enschede",
        C,
        "dossier:overdracht",
    ),
    (
        "Geen afspraken met COA om de brede intake op het azc te doen",
        "Wij willen de brede intake al op het azc starten, maar er zijn geen afspraken over "
        "ruimte, tolken en planning met de locatie.",
        ["brede-intake", "voorinburgering-en-screening"],
        2,
        "gemeente-maastricht",
        P,
        "dossier:overdracht",
    ),
    (
        "PIP blijft onvolledig zolang het besluit Participatiewet ontbreekt",
        "Het plan inburgering en participatie kan niet af omdat het besluit over de uitkering nog "
        "niet genomen is. De termijn voor het PIP komt zo in gevaar.",
        ["pip", "participatiewet-en-bijstand"],
        3,
        "gemeente-amsterdam",
        C,
        "escalated_classified",
    ),
    (
        "Te weinig instroom voor een aanbod met meerdere startmomenten",
        "Door de lage aantallen kunnen we geen taalaanbod inkopen dat meerdere keren per jaar "
        "start. Inburgeraars wachten daardoor maanden op een plek.",
        ["inkoop", "b1-route"],
        4,
        "gemeente-enschede",
        P,
        "dossier:inkoop",
    ),
    (
        "Regionale samenwerking niet rond, inkoopbesluit ligt stil",
        "De gemeenten in onze regio zijn het nog niet eens over gezamenlijke inkoop. Zolang dat "
        "zo is, kan geen enkele gemeente een aanbesteding starten.",
        ["regie-en-regionale-samenwerking", "inkoop"],
        4,
        "gemeente-groningen",
        C,
        "dossier:inkoop",
    ),
    (
        "Budget voor de uitvoering komt te laat binnen",
        "De middelen voor dit jaar werden pas laat bekend. Daardoor konden we niet op tijd "
        "personeel en aanbod regelen.",
        ["financien"],
        None,
        "gemeente-utrecht",
        P,
        "stelsel",
    ),
    (
        "Onduidelijk welke gegevens we onder de AVG mogen delen met partners",
        "Taalscholen en maatschappelijke partners vragen om informatie over de voortgang. We weten "
        "niet wat we onder de AVG mogen delen en delen daarom soms niets.",
        ["werkprocessen-ict-en-gegevensuitwisseling", "beleid-en-regelgeving"],
        4,
        "gemeente-rotterdam",
        C,
        "dossier:data",
    ),
    (
        "Geen prestatie-indicatoren voor resultaatgerichte bekostiging",
        "Wij willen taalaanbieders afrekenen op resultaat, maar er zijn geen afgesproken "
        "indicatoren om dat eerlijk te doen.",
        ["inkoop", "monitoring-en-lerend-stelsel"],
        4,
        "gemeente-amsterdam",
        P,
        "escalated",
    ),
    (
        "Na zes maanden ontzorgen nog niet financieel zelfredzaam",
        "Een deel van de statushouders kan na afloop van het financieel ontzorgen de vaste lasten "
        "nog niet zelf betalen. Er ontstaan dan snel achterstanden.",
        ["financieel-ontzorgen", "maatschappelijke-begeleiding"],
        3,
        "gemeente-maastricht",
        C,
        "classified",
    ),
    (
        "Kleinere partners krijgen geen cliëntinformatie",
        "Maatschappelijke organisaties zoals VluchtelingenWerk krijgen niet dezelfde informatie als "
        "grote partners. Overleggen vallen bovendien uit tijdens systeemwijzigingen.",
        ["regie-en-regionale-samenwerking", "maatschappelijke-begeleiding"],
        None,
        "vluchtelingenwerk-regio-utrecht-voorbeeld",
        P,
        "dossier:data",
    ),
    (
        "Registratiesysteem lag plat, zicht op cliënten kwijt",
        "Het gezamenlijke registratiesysteem was dagen niet beschikbaar. Partners wisten niet "
        "welke inburgeraars in welk traject zaten.",
        ["werkprocessen-ict-en-gegevensuitwisseling"],
        4,
        "roc-midden-nederland-voorbeeld",
        K,
        "info",
    ),
    (
        "Kennis gaat verloren bij wisseling van klantmanager",
        "Als een klantmanager vertrekt, gaat veel kennis over afspraken en aanpak verloren. Het "
        "management heeft weinig zicht op wat er in de praktijk speelt.",
        ["monitoring-en-lerend-stelsel"],
        None,
        "gemeente-utrecht",
        C,
        "new",
    ),
    (
        "Lessen overdag botsen met werk bij duale trajecten",
        "Inburgeraars met een baan kunnen niet naar de lessen, die alleen overdag worden gegeven. "
        "Avond- of weekendaanbod ontbreekt.",
        ["dualiteit-participatie-en-werk", "b1-route"],
        4,
        "taalhuis-noord-voorbeeld",
        P,
        "resolved_local",
    ),
    (
        "Z-route: te weinig aanbieders in de regio",
        "Voor de zelfredzaamheidsroute zijn maar weinig aanbieders. Wachttijden lopen op.",
        ["z-route", "inkoop"],
        4,
        "gemeente-groningen",
        C,
        "new",
    ),
    (
        "KNM-lessen sluiten slecht aan bij het niveau van de groep",
        "De lessen kennis van de Nederlandse maatschappij gaan uit van een taalniveau dat een deel "
        "van de groep nog niet heeft.",
        ["knm"],
        4,
        "roc-midden-nederland-voorbeeld",
        P,
        "classified",
    ),
    (
        "Onderwijsroute: taalschakeltraject vol",
        "Jongeren die de onderwijsroute volgen kunnen niet meteen starten omdat het "
        "taalschakeltraject vol zit.",
        ["onderwijsroute"],
        4,
        "gemeente-amsterdam",
        C,
        "escalated",
    ),
    (
        "Brief van DUO over de inburgeringsplicht is moeilijk te begrijpen",
        "Inburgeraars begrijpen de brief over hun plicht vaak niet en komen met vragen bij de "
        "gemeente die wij niet kunnen beantwoorden.",
        ["voorlichting-en-communicatie", "inburgeringsplicht-en-doelgroepen"],
        1,
        "gemeente-rotterdam",
        K,
        "declined",
    ),
    (
        "MAP-aanbod ontbreekt voor mensen met weinig werkervaring",
        "De Module Arbeidsmarkt en Participatie past slecht bij mensen die nog nooit in Nederland "
        "hebben gewerkt.",
        ["map", "dualiteit-participatie-en-werk"],
        4,
        "gemeente-enschede",
        P,
        "new",
    ),
    (
        "PVT wordt laat in het traject gepland",
        "Het participatieverklaringstraject komt vaak pas aan het eind, terwijl het juist vroeg "
        "helpt om de samenleving te leren kennen.",
        ["pvt"],
        4,
        "gemeente-utrecht",
        C,
        "classified",
    ),
    (
        "Voortgangsgegevens naar DUO kosten veel handwerk",
        "Voor het afronden van de plicht moeten we veel gegevens handmatig aan DUO doorgeven.",
        ["voortgang-en-afronding", "werkprocessen-ict-en-gegevensuitwisseling"],
        5,
        "gemeente-maastricht",
        P,
        "info",
    ),
    (
        "Handhaving bij verwijtbaar verzuim verschilt per gemeente",
        "Gemeenten gaan heel verschillend om met boetes als iemand verwijtbaar niet meedoet.",
        ["naleving-en-handhaving"],
        4,
        "gemeente-groningen",
        C,
        "escalated_classified",
    ),
    (
        "Screening en regioadvies komen niet altijd mee met de overdracht",
        "Het regioadvies en de uitkomsten van de screening zitten niet altijd in de stukken die de "
        "gemeente ontvangt.",
        ["voorinburgering-en-screening", "overdracht-coa-gemeente"],
        2,
        "coa-locatie-ter-apel",
        K,
        "new",
    ),
]

DOSSIERS = {
    "overdracht": {
        "title": "Overdracht van COA naar gemeente zonder driegesprek",
        "analysis": "Meerdere gemeenten melden dat de overdracht van COA naar gemeente vaak "
        "alleen schriftelijk gebeurt. Oorzaken: snelle huisvesting, planning op het azc en "
        "ontbrekende afspraken over de brede intake op locatie.",
        "outcome": "COA en gemeenten hebben een vaste werkwijze afgesproken: als een driegesprek "
        "niet lukt, volgt binnen twee weken een digitaal gesprek met een vast overdrachtsformulier. "
        "De afspraak is opgenomen in de handreiking over de overdracht.",
        "summary": "Overdracht COA-gemeente: een vast formulier en een digitaal gesprek als "
        "een driegesprek op het azc niet lukt.",
    },
    "data": {
        "title": "Gegevensuitwisseling tussen ketenpartners",
        "analysis": "Signalen over koppelingen (TVS, DUO), het delen van gegevens onder de AVG "
        "en de positie van kleinere partners komen op hetzelfde neer: er is geen landelijke "
        "afspraak over welke gegevens met wie gedeeld worden.",
        "escalate": "Vraagt om landelijke afspraken en mogelijk aanpassing van regelgeving.",
    },
    "inkoop": {
        "title": "Inkoop van taalaanbod bij lage instroom",
        "analysis": "Kleine aantallen en onduidelijke regionale samenwerking maken het moeilijk "
        "om aanbod met meerdere startmomenten in te kopen.",
    },
}
