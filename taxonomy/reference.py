"""Reference vocabularies of the Wet inburgering 2021, loaded by a data migration.

Loading is idempotent (matched on slug) so it can also be re-run by ``seed_demo``.
Descriptions are our own summaries.
"""

from django.utils.text import slugify

PHASES = [
    (
        1,
        "Vaststellen inburgeringsplicht",
        "IND verleent een verblijfsvergunning; DUO stelt de inburgeringsplicht vast en informeert de inburgeraar.",
    ),
    (
        2,
        "Voorbereiden",
        "Voorinburgering op het azc, screening en regioadvies, koppeling aan een gemeente en de overdracht van COA naar gemeente.",
    ),
    (
        3,
        "Brede intake en PIP",
        "De gemeente voert de brede intake uit, inclusief leerbaarheidstoets, en legt leerroute, PVT en MAP vast in het PIP.",
    ),
    (
        4,
        "Inburgeren en participeren",
        "De inburgeraar volgt de B1-route, onderwijsroute of Z-route, met KNM, MAP en PVT; naleving en handhaving horen hierbij.",
    ),
    (
        5,
        "Afronden",
        "DUO besluit met gegevens van de gemeente dat aan de inburgeringsplicht is voldaan.",
    ),
]

THEMES = [
    "Inburgeringsplicht en doelgroepen",
    "Aanbodplicht",
    "Voorinburgering en screening",
    "Overdracht COA-gemeente",
    "Huisvesting en inschrijving",
    "Brede intake",
    "Leerbaarheidstoets",
    "PIP",
    "B1-route",
    "Onderwijsroute",
    "Z-route",
    "KNM",
    "MAP",
    "PVT",
    "Dualiteit, participatie en werk",
    "Maatschappelijke begeleiding",
    "Financieel ontzorgen",
    "Participatiewet en bijstand",
    "Naleving en handhaving",
    "Voortgang en afronding",
    "Regie en regionale samenwerking",
    "Beleid en regelgeving",
    "Financiën",
    "Inkoop",
    "Werkprocessen, ICT en gegevensuitwisseling",
    "Voorlichting en communicatie",
    "Monitoring en lerend stelsel",
]

# (abbreviation, full name, what they do in the stelsel)
KETENPARTNERS = [
    (
        "SZW",
        "Ministerie van Sociale Zaken en Werkgelegenheid",
        "Eigenaar van het inburgeringsstelsel.",
    ),
    ("VNG", "Vereniging van Nederlandse Gemeenten", "Belangenbehartiger van gemeenten."),
    (
        "Divosa",
        "Divosa",
        "Vereniging van gemeentelijke managers sociaal domein; faciliteert de Community's of Practice.",
    ),
    (
        "DUO",
        "Dienst Uitvoering Onderwijs",
        "Stelt de inburgeringsplicht vast, beheert gegevens en besluit over afronding.",
    ),
    (
        "COA",
        "Centraal Orgaan opvang asielzoekers",
        "Opvang, voorinburgering, screening en overdracht aan gemeenten.",
    ),
    ("IND", "Immigratie- en Naturalisatiedienst", "Verleent verblijfsvergunningen."),
    ("CvTE", "College voor Toetsen en Examens", "Verantwoordelijk voor de inburgeringsexamens."),
    (
        "OCW",
        "Ministerie van Onderwijs, Cultuur en Wetenschap",
        "Verantwoordelijk voor het onderwijs in de onderwijsroute.",
    ),
    ("BoW", "Blik op Werk", "Beheert het keurmerk voor taalscholen."),
    (
        "NRTO",
        "Nederlandse Raad voor Training en Opleiding",
        "Brancheorganisatie van private opleiders.",
    ),
    ("MBO Raad", "MBO Raad", "Brancheorganisatie van mbo-instellingen en ROC's."),
    (
        "PvI",
        "Platform van inburgeraars",
        "Vertegenwoordiging van inburgeraars met een signalerende rol.",
    ),
]


def load_reference(apps=None):
    """Create or update the reference vocabularies. Works with historical models in migrations."""
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    Theme = apps.get_model("taxonomy", "Theme")
    Phase = apps.get_model("taxonomy", "Phase")
    Region = apps.get_model("taxonomy", "Region")
    Organisation = apps.get_model("taxonomy", "Organisation")

    for number, name, description in PHASES:
        Phase.objects.update_or_create(
            slug=slugify(name),
            defaults={"name": name, "number": number, "description": description},
        )
    for name in THEMES:
        Theme.objects.get_or_create(slug=slugify(name), defaults={"name": name})
    national, _ = Region.objects.get_or_create(
        slug="landelijk", defaults={"name": "Landelijk", "kind": "landelijk"}
    )
    for abbreviation, name, description in KETENPARTNERS:
        Organisation.objects.get_or_create(
            slug=slugify(abbreviation),
            defaults={
                "name": name,
                "abbreviation": abbreviation if abbreviation != name else "",
                "type": "ketenpartner",
                "region": national,
                "description": description,
            },
        )
