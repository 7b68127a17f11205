"""Demo content for the site shell: home page, fixed pages and footer settings."""

from wagtail.models import Site

from .models import HomePage, SiteSettings, StandardPage

HOME_INTRO = (
    "Hier delen gemeenten, ketenpartners en inburgeraars wat ze in de praktijk van de Wet inburgering 2021 "
    "tegenkomen. Zoek een antwoord in de kennisbank, meld een knelpunt als signaal en volg wat ermee gebeurt, "
    "of leer samen met collega's in een community."
)

ENTRY_POINTS = [
    (
        "Kennisbank",
        "Handreikingen en vragen met antwoorden, geordend per thema en per fase van de inburgering.",
        "/kennisbank/",
        "Naar de kennisbank",
    ),
    (
        "Signaal melden",
        "Loopt u in uw werk tegen een knelpunt aan? Meld het, dan komt het bij wie het kan oplossen.",
        "/signalen/nieuw/",
        "Meld een signaal",
    ),
    (
        "Wat is er met signalen gedaan",
        "Bekijk welke knelpunten zijn opgepakt, op welk niveau, en wat het resultaat is.",
        "/signalen/opvolging/",
        "Bekijk de opvolging",
    ),
    (
        "Communities of Practice",
        "Wissel ervaringen uit met professionals uit het hele land en breng oplossingen verder.",
        "/communities/",
        "Naar de communities",
    ),
    (
        "Feedback van inburgeraars",
        "Bent u inburgeraar? Vertel ons in eenvoudige taal wat beter kan. Dat mag anoniem.",
        "/feedback/",
        "Geef feedback",
    ),
]

PAGES = {
    "over": (
        "Over dit platform",
        "Waarom dit platform bestaat en hoe het lerend stelsel werkt.",
        [
            ("heading", "Een stelsel dat leert van de praktijk"),
            (
                "paragraph",
                "<p>Sinds 1 januari 2022 regisseren gemeenten de inburgering. Een groep landelijke ketenpartners "
                "werkt daarbij samen en heeft afgesproken dat knelpunten uit de uitvoering terechtkomen op het niveau "
                "waar ze opgelost kunnen worden: in de uitvoering zelf, op schakelniveau (regionaal en bij de "
                "programmateams) of op stelselniveau (ministerie en besturen van de ketenpartners).</p>",
            ),
            (
                "paragraph",
                "<p>Dit platform maakt die route zichtbaar. Elk signaal krijgt een status en een niveau, "
                "vergelijkbare signalen worden gebundeld en wie een signaal indiende of volgt, hoort wat er is besloten.</p>",
            ),
        ],
    ),
    "contact": (
        "Contact",
        "Vragen over het platform of over een signaal.",
        [
            (
                "paragraph",
                "<p>Hebt u een vraag over de werking van dit platform, of wilt u een fout melden? Mail de "
                "redactie. Noem geen gegevens van individuele inburgeraars in uw bericht.</p>",
            ),
        ],
    ),
    "privacy": (
        "Privacyverklaring",
        "Welke gegevens we verwerken en waarom.",
        [
            ("heading", "Signalen gaan over het stelsel, niet over personen"),
            (
                "paragraph",
                "<p>Een signaal of feedback beschrijft een knelpunt in de uitvoering. Het platform weigert "
                "teksten met een BSN, V-nummer, e-mailadres, telefoonnummer, IBAN of geboortedatum, en legt uit wat "
                "er gevonden is, zodat u het kunt weghalen.</p>",
            ),
            ("heading", "Wie ziet uw naam"),
            (
                "paragraph",
                "<p>Uw naam en organisatie bij een signaal zijn alleen zichtbaar voor de coördinatoren die het "
                "behandelen. Inburgeraars geven standaard anoniem feedback; een optioneel contactadres wordt apart "
                "bewaard en na de bewaartermijn automatisch verwijderd.</p>",
            ),
        ],
    ),
    "toegankelijkheid": (
        "Toegankelijkheidsverklaring",
        "Dit platform wil voor iedereen bruikbaar zijn.",
        [
            (
                "paragraph",
                "<p>We bouwen het platform volgens de WCAG 2.1 op niveau AA en gebruiken de componenten van de "
                "NL Design System-gemeenschap. Elke wijziging wordt automatisch getest met axe-core en met "
                "toetsenbordbediening in een echte browser.</p>",
            ),
            (
                "paragraph",
                "<p>Loopt u toch tegen een probleem aan? Laat het ons weten via de contactpagina; we reageren "
                "binnen vijf werkdagen.</p>",
            ),
        ],
    ),
}


def seed(stdout=None) -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        raise RuntimeError("No home page: run migrate first")
    if not home.intro:
        home.intro = HOME_INTRO
        home.entry_points = [
            (
                "entry_point",
                {"title": t, "text": text, "link": {"page": None, "url": url}, "link_text": lt},
            )
            for t, text, url, lt in ENTRY_POINTS
        ]
        home.save_revision().publish()
    pages = {}
    for slug, (title, intro, body) in PAGES.items():
        page = StandardPage.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            page = StandardPage(
                title=title, slug=slug, intro=intro, body=body, show_in_menus=slug == "over"
            )
            home.add_child(instance=page)
            page.save_revision().publish()
        pages[slug] = page
    site = Site.objects.get(is_default_site=True)
    settings = SiteSettings.for_site(site)
    if not settings.contact_email:
        settings.tagline = "Kennis en signalen voor de inburgering"
        settings.contact_email = "redactie@example.org"
        settings.footer_text = (
            "<p>Een platform van de ketenpartners in de inburgering, ondersteund door de Divosa-redactie. "
            "Demo-omgeving: alle namen en gegevens zijn verzonnen.</p>"
        )
        settings.contact_page = pages["contact"]
        settings.privacy_page = pages["privacy"]
        settings.accessibility_page = pages["toegankelijkheid"]
        settings.save()
    if stdout:
        stdout.write(f"  site: home page and {len(pages)} fixed pages")
    return home
