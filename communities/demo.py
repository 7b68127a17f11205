"""Demo communities: one open, one closed and one hidden, with members, threads, an event and an
opbrengst. Idempotent: a second run finds everything by slug or title and creates nothing.
All text is written for this demo; names are invented.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.pages import home_page
from taxonomy.models import Theme

from . import services
from .models import (
    CommunityIndexPage,
    CommunityPage,
    Event,
    Membership,
    Opbrengst,
    Post,
    Thread,
    ThreadFollow,
    Visibility,
)

INDEX_INTRO = (
    "In de Communities of Practice Inburgering leren professionals van gemeenten, taalscholen, "
    "COA, DUO en maatschappelijke organisaties van elkaar. Wat zij samen ontdekken, gaat als "
    "opbrengst naar de kennisbank of als signaal naar het lerend stelsel."
)

COMMUNITIES = [
    {
        "slug": "brede-intake",
        "title": "Brede intake en PIP",
        "visibility": Visibility.OPEN,
        "themes": ["Brede intake", "PIP", "Leerbaarheidstoets"],
        "intro": "Klantmanagers en consulenten delen hoe zij de brede intake voeren en tot een goed "
        "Plan Inburgering en Participatie komen.",
        "body": "<p>Iedereen met een account kan meedoen. We bespreken casuïstiek alleen "
        "geanonimiseerd en richten ons op werkwijzen: gespreksvoering, de inzet van de "
        "leerbaarheidstoets en de afstemming met de Participatiewet.</p>",
        "facilitator": "consulent@example.org",
        "members": ["professional@example.org", "uitvoering@example.org"],
        "threads": [
            (
                "professional@example.org",
                "Hoe plannen jullie de leerbaarheidstoets in?",
                "Bij ons zit er soms drie weken tussen de eerste kennismaking en de toets. "
                "Hoe voorkomen jullie dat het PIP daardoor later wordt vastgesteld dan nodig?",
                [
                    (
                        "consulent@example.org",
                        "Wij reserveren vaste toetsmomenten per week bij de externe afnemer. "
                        "Dan kan de toets vaak al in de tweede week.",
                    ),
                    (
                        "uitvoering@example.org",
                        "Goed idee. Wij combineren de toets met het tweede intakegesprek op "
                        "dezelfde dag, dat scheelt reistijd voor de inburgeraar.",
                    ),
                ],
            ),
            (
                "consulent@example.org",
                "Het PIP vaststellen terwijl de Participatiewet-beslissing nog loopt",
                "Wie heeft een werkwijze om het PIP niet te laten wachten op het besluit over "
                "bijstand, zonder dat het plan onvolledig wordt?",
                [
                    (
                        "professional@example.org",
                        "Wij stellen het PIP vast met een voorlopige paragraaf over participatie "
                        "en herzien die binnen zes weken.",
                    ),
                ],
            ),
        ],
        "event": (
            "Intervisie brede intake",
            "Utrecht, kantoor Divosa",
            "1. Welkom en voorstelronde\n2. Casus: de leerbaarheidstoets\n3. Afspraken en opbrengsten",
        ),
        "opbrengst": (
            Opbrengst.Kind.PRACTICE,
            "Vaste toetsmomenten versnellen het PIP",
            "Gemeenten die wekelijks vaste momenten voor de leerbaarheidstoets reserveren, stellen "
            "het PIP gemiddeld eerder vast.",
            "Spreek met de afnemer van de toets vaste dagdelen af en plan het tweede "
            "intakegesprek op dezelfde dag.",
        ),
    },
    {
        "slug": "z-route",
        "title": "Z-route in de praktijk",
        "visibility": Visibility.CLOSED,
        "themes": ["Z-route"],
        "intro": "Professionals die de zelfredzaamheidsroute uitvoeren of inkopen, wisselen "
        "ervaringen uit over aanbod, urenverplichting en voortgang.",
        "body": "<p>Dit is een besloten community: vraag lidmaatschap aan, een facilitator "
        "beoordeelt uw aanvraag. Zo blijft er ruimte om ook twijfels en mislukte "
        "aanpakken te delen.</p>",
        "facilitator": "professional@example.org",
        "members": ["consulent@example.org", "schakel@example.org"],
        "threads": [
            (
                "consulent@example.org",
                "Urenverplichting Z-route en afwezigheid door gezondheid",
                "Hoe registreren jullie uren als deelnemers langere tijd ziek zijn? Tellen "
                "vervangende activiteiten mee?",
                [
                    (
                        "schakel@example.org",
                        "Dit horen we in meer regio's. Het lijkt ons iets om als signaal te "
                        "bundelen.",
                    ),
                ],
            ),
        ],
        "event": None,
        "opbrengst": None,
    },
    {
        "slug": "regie-en-inkoop",
        "title": "Regie en inkoop",
        "visibility": Visibility.HIDDEN,
        "themes": ["Inkoop", "Regie en regionale samenwerking"],
        "intro": "Beleidsmedewerkers en inkopers bespreken regionale inkoop van "
        "inburgeringsaanbod, in vertrouwen.",
        "body": "<p>Deze community is alleen op uitnodiging en niet zichtbaar voor anderen.</p>",
        "facilitator": "schakel@example.org",
        "members": ["uitvoering@example.org"],
        "threads": [
            (
                "uitvoering@example.org",
                "Aanbesteden bij een lage instroom",
                "Met weinig deelnemers per jaar vinden we geen aanbieder die meerdere "
                "startmomenten kan bieden. Wie werkt regionaal samen om volume te maken?",
                [
                    (
                        "schakel@example.org",
                        "Drie gemeenten in onze regio kopen samen in; de grootste gemeente "
                        "voert de regie. Ik deel graag de afspraken die we maakten.",
                    ),
                ],
            ),
        ],
        "event": None,
        "opbrengst": None,
    },
]


def _user(email):
    return get_user_model().objects.filter(email=email).first()


def _index() -> CommunityIndexPage:
    index = CommunityIndexPage.objects.first()
    if index is None:
        home = home_page()
        index = CommunityIndexPage(
            title="Communities", slug="communities", intro=INDEX_INTRO, show_in_menus=True
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def _community(index, spec) -> CommunityPage:
    page = CommunityPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if page is None:
        page = CommunityPage(
            title=spec["title"],
            slug=spec["slug"],
            intro=spec["intro"],
            body=spec["body"],
            visibility=spec["visibility"],
        )
        index.add_child(instance=page)
        page.themes.set(Theme.objects.filter(name__in=spec["themes"]))
        page.save_revision().publish()
        page = CommunityPage.objects.get(pk=page.pk)
    return page


def _membership(community, user, role):
    if user is None:
        return
    Membership.objects.get_or_create(
        community=community,
        user=user,
        defaults={
            "role": role,
            "status": Membership.Status.ACTIVE,
            "joined_at": timezone.now(),
            "notification_preference": Membership.Digest.WEEKLY,
        },
    )


def _threads(community, specs):
    for author_email, title, body, replies in specs:
        if Thread.objects.filter(community=community, title=title).exists():
            continue
        author = _user(author_email)
        if author is None:
            continue
        start = timezone.now() - timedelta(days=3)
        thread = Thread.objects.create(
            community=community,
            title=title,
            author=author,
            created_at=start,
            last_activity_at=start,
        )
        Post.objects.create(
            thread=thread,
            author=author,
            body=services.clean_post_body(body),
            is_opening=True,
            created_at=start,
        )
        ThreadFollow.objects.get_or_create(thread=thread, user=author)
        for i, (reply_email, text) in enumerate(replies, start=1):
            replier = _user(reply_email)
            if replier is None:
                continue
            Post.objects.create(
                thread=thread,
                author=replier,
                body=services.clean_post_body(text),
                created_at=start + timedelta(hours=i * 5),
            )
            thread.reply_count += 1
            thread.last_activity_at = start + timedelta(hours=i * 5)
        thread.save()


def seed(stdout=None):
    index = _index()
    created = 0
    for spec in COMMUNITIES:
        existed = CommunityPage.objects.filter(slug=spec["slug"]).exists()
        community = _community(index, spec)
        created += not existed
        _membership(community, _user(spec["facilitator"]), Membership.Role.FACILITATOR)
        for email in spec["members"]:
            _membership(community, _user(email), Membership.Role.MEMBER)
        _threads(community, spec["threads"])
        if (
            spec["event"]
            and not Event.objects.filter(community=community, title=spec["event"][0]).exists()
        ):
            title, location, agenda = spec["event"]
            starts = timezone.localtime().replace(hour=13, minute=30, second=0, microsecond=0)
            starts += timedelta(days=14)
            Event.objects.create(
                community=community,
                title=title,
                location=location,
                agenda=agenda,
                starts_at=starts,
                ends_at=starts + timedelta(hours=2, minutes=30),
                capacity=20,
                created_by=_user(spec["facilitator"]),
            )
        if (
            spec["opbrengst"]
            and not Opbrengst.objects.filter(
                community=community, title=spec["opbrengst"][1]
            ).exists()
        ):
            kind, title, summary, body = spec["opbrengst"]
            Opbrengst.objects.create(
                community=community,
                kind=kind,
                title=title,
                summary=summary,
                body=body,
                created_by=_user(spec["facilitator"]),
                source_thread=Thread.objects.filter(community=community).order_by("pk").first(),
            )
    if stdout:
        stdout.write(f"  communities: {len(COMMUNITIES)} communities ({created} new)")
