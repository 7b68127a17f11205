"""Demo signals and dossiers, written in our own words from the knelpunten in the domain brief.

Everything goes through the services (history, deadlines, notifications). Idempotent: a
signal or dossier whose title exists already is left alone.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Max

from taxonomy.models import Organisation, Phase, Theme

from . import services
from .models import Dossier, Signal

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


def _user(email):
    return get_user_model().objects.filter(email=email).first()


def seed(stdout=None) -> dict:
    uitvoering = _user("uitvoering@example.org")
    schakel = _user("schakel@example.org")
    stelsel = _user("stelsel@example.org")
    if not (uitvoering and schakel and stelsel):
        return {}
    from .demo_routing import seed as seed_routing
    from .demo_routing import seed_consultation

    logins = seed_routing(stdout)
    existing = set(Signal.objects.values_list("title", flat=True))
    dossiers = {}
    for key, spec in DOSSIERS.items():
        dossier = Dossier.objects.filter(title=spec["title"]).first()
        dossiers[key] = (dossier, dossier is None)
    created = 0
    bundles: dict[str, list] = {}
    for title, description, theme_slugs, phase, org, email, scenario in SIGNALS:
        if title in existing:
            continue
        submitter = _user(email)
        signal = services.create_signal(
            submitted_by=submitter,
            title=title,
            description=description,
            themes=list(Theme.objects.filter(slug__in=theme_slugs)),
            phase=Phase.objects.filter(number=phase).first() if phase else None,
            organisation=Organisation.objects.filter(slug=org).first(),
            frequency="regelmatig",
            affected_count=10 + (len(title) % 7) * 15,
            urgency="hoog" if "PIP" in title or "Budget" in title else "normaal",
        )
        created += 1
        _play(signal, scenario, uitvoering, schakel, stelsel, bundles)
    for key, signals in bundles.items():
        dossier, is_new = dossiers[key]
        if not is_new:
            continue
        spec = DOSSIERS[key]
        dossier = services.create_dossier(
            title=spec["title"], actor=schakel, level="schakel", analysis=spec["analysis"]
        )
        services.bundle(signals, dossier, schakel, "Zelfde onderliggend knelpunt.")
        if key == "overdracht":
            services.add_milestone(dossier, schakel, "Werksessie met COA en vijf gemeenten")
            services.add_followup(
                dossier, schakel, "COA en gemeenten werken samen een formulier uit.", True
            )
            services.resolve_dossier(dossier, schakel, spec["outcome"])
            services.apply_action(dossier, "publish", schakel, spec["summary"])
        elif key == "data":
            services.apply_action(dossier, "escalate", schakel, spec["escalate"])
            services.add_followup(
                dossier, stelsel, "Geagendeerd voor het eerstvolgende ketenoverleg.", False
            )
    # Supports from colleagues on a few open signals.
    supporters = [u for u in (_user(P), _user(C), _user(K)) if u]
    for signal in Signal.objects.filter(title__in=[s[0] for s in SIGNALS[:8]]):
        for user in supporters:
            services.support(signal, user)
    open_signal = (
        Signal.objects.filter(title__in=[s[0] for s in SIGNALS], level="uitvoering")
        .exclude(status__in=["opgelost", "afgewezen"])
        .order_by("pk")
        .first()
    )
    if open_signal is not None:
        asker = open_signal.team.members.first() if open_signal.team_id else uitvoering
        seed_consultation(open_signal, asker)
    if stdout:
        total = Signal.objects.aggregate(n=Max("pk"))["n"]
        stdout.write(f"  signals: {created} new (highest id {total}), dossiers: {len(bundles)}")
    return {"signals": created, "logins": logins}


def _play(signal, scenario, uitvoering, schakel, stelsel, bundles):
    def act(obj, *args):
        result = services.apply_action(obj, *args)
        obj.refresh_from_db()
        return result

    if scenario == "new":
        return
    if scenario == "classified":
        act(signal, "classify", uitvoering)
    elif scenario == "info":
        act(signal, "request_info", uitvoering, "Om hoeveel dagen ging het en welke partners?")
    elif scenario in {"escalated", "escalated_classified", "stelsel"}:
        act(signal, "escalate", uitvoering, "Speelt bij meerdere gemeenten in de regio.")
        if scenario == "escalated_classified":
            act(signal, "classify", schakel)
        if scenario == "stelsel":
            act(signal, "classify", schakel)
            act(signal, "escalate", schakel, "Gaat over de landelijke bekostiging.")
            act(signal, "classify", stelsel)
            services.add_followup(
                signal, stelsel, "SZW neemt dit mee in het gesprek over de middelen.", True
            )
            act(signal, "publish", stelsel, "Middelen voor de uitvoering komen te laat.")
    elif scenario == "resolved":
        act(signal, "classify", uitvoering)
        act(
            signal,
            "resolve",
            uitvoering,
            "Er staat nu een uitleg over de afname en weging van de toets in de kennisbank, "
            "met voorbeelden uit drie gemeenten.",
        )
        act(signal, "publish", uitvoering, "Uitleg over de leerbaarheidstoets gepubliceerd.")
    elif scenario == "resolved_local":
        act(
            signal,
            "resolve",
            uitvoering,
            "De taalschool start na de zomer een avondgroep; de gemeente betaalt de extra uren.",
        )
    elif scenario == "declined":
        act(
            signal,
            "decline",
            uitvoering,
            "Dit signaal is al eerder gemeld en wordt in het bestaande overleg met DUO besproken.",
        )
    elif scenario.startswith("dossier:"):
        act(signal, "escalate", uitvoering, "Hoort bij een breder knelpunt.")
        signal.refresh_from_db()
        bundles.setdefault(scenario.split(":", 1)[1], []).append(signal)
