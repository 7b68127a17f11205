"""Who may open what: every role x every view and API endpoint x own/other objects.

The table ``EXPECTED`` lists, for every URL pattern of the site (walked from the root
resolver, see ``urlcatalog``), the outcome of a GET per role. A pattern that takes an
object is listed once per kind of object (own / someone else's / closed ...). A new URL
without a row makes ``test_every_url_has_an_expectation`` fail, so no path forgets a rule.

Outcomes:  A = allowed (200, or a redirect that is not to the login page)
           L = redirected to the login page (anonymous visitors only)
           D = denied (403 or 404: the object does not exist for this user)
           M = GET not allowed (405; the view only takes POST)
           B = bad request or invalid link (400), the same for everyone

Column order: anonymous, professional, redacteur, coordinator uitvoering / schakel /
stelsel, ketenpartner, inburgeraar, beheerder.
"""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from accounts import roles

from .urlcatalog import site_routes

pytestmark = pytest.mark.django_db

ROLE_COLUMNS = [
    None,
    roles.PROFESSIONAL,
    roles.REDACTEUR,
    roles.COORDINATOR_UITVOERING,
    roles.COORDINATOR_SCHAKEL,
    roles.COORDINATOR_STELSEL,
    roles.KETENPARTNER,
    roles.INBURGERAAR,
    roles.BEHEERDER,
]

# Patterns outside the matrix, with the reason.
NOT_IN_MATRIX = {
    "^media/(?P<path>(?:images|original_images)/[^/]+)$": "image renditions (public files)",
    "^((?:[\\w\\-]+/)*)$": "Wagtail page serving: covered by the PAGES rows below",
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": (
        "Wagtail's password form for restricted pages (POST only, no restrictions used)"
    ),
    "_util/login/": "Wagtail's login redirect for private pages",
    "documenten/authenticate_with_password/<int:restriction_id>/": (
        "Wagtail's password form for restricted document collections (not used)"
    ),
}

# pattern (+ " [variant]") -> "anon prof red cu cs cst kp inb beh"
# fmt: off
EXPECTED: dict[str, str] = {
    'healthz/': 'A A A A A A A A A',
    'documenten/^(\\d+)/(.*)$ [public]': 'A A A A A A A A A',
    'api/v1/schema/': 'A A A A A A A A A',
    'api/v1/docs/': 'A A A A A A A A A',
    'account/inloggen/': 'A A A A A A A A A',
    'account/uitloggen/': 'M M M M M M M M M',
    'account/registreren/': 'A A A A A A A A A',
    'account/activeren/<uidb64>/<token>/': 'B B B B B B B B B',
    'account/profiel/': 'L A A A A A A A A',
    'account/wachtwoord-vergeten/': 'A A A A A A A A A',
    'account/wachtwoord-vergeten/verzonden/': 'A A A A A A A A A',
    'account/wachtwoord-herstellen/<uidb64>/<token>/': 'A A A A A A A A A',
    'account/wachtwoord-herstellen/klaar/': 'A A A A A A A A A',
    'account/inloggen/oidc/terug/': 'B B B B B B B B B',
    'account/inloggen/oidc/<slug:slug>/': 'D D D D D D D D D',
    'account/organisatie/leden/': 'L D D D D D D D A',
    'account/organisatie/leden/<int:pk>/deactiveren/': 'L M M M M M M M M',
    'account/organisatie/leden/<int:pk>/rol/ [other]': 'L D D D D D D D A',
    'account/mijn-gegevens/': 'L A A A A A A A A',
    'account/mijn-gegevens/download/': 'L A A A A A A A A',
    'account/account-verwijderen/': 'L A A A A A A A A',
    'signalen/': 'L A A A A A A D A',
    'signalen/nieuw/': 'L A A A A A A D A',
    'signalen/vergelijkbaar/': 'L A A A A A A D A',
    'signalen/export/': 'L A A A A A A D A',
    'signalen/opvolging/': 'A A A A A A A A A',
    'signalen/opvolging/<str:kind>/<int:pk>/ [unpublished signal]': 'D D D D D D D D D',
    'signalen/<int:pk>/ [own]': 'L A A A A A A D A',
    'signalen/<int:pk>/ [other]': 'L A A A A A A D A',
    'mijn-signalen/': 'L A A A A A A A A',
    'werkbank/': 'L D D A A A D D D',
    'werkbank/bulk/': 'L D D M M M D D D',
    'werkbank/signalen/<int:pk>/ [own]': 'L D D A A A D D D',
    'werkbank/signalen/<int:pk>/ [other]': 'L D D A A A D D D',
    'dossiers/': 'L A A A A A A D A',
    'dossiers/<int:pk>/ [any]': 'L A A A A A A D A',
    'signalen/<int:pk>/herkennen/': 'L M M M M M M M M',
    'signalen/<int:pk>/niet-herkennen/': 'L M M M M M M M M',
    'signalen/<int:pk>/volgen/': 'L M M M M M M M M',
    'signalen/<int:pk>/ontvolgen/': 'L M M M M M M M M',
    'signalen/<int:pk>/beoordelen/': 'L M M M M M M M M',
    'signalen/<int:pk>/aanvullen/': 'L M M M M M M M M',
    'signalen/<int:pk>/opgelost/': 'L M M M M M M M M',
    'werkbank/signalen/<int:pk>/handeling/': 'L D D M M M D D D',
    'werkbank/signalen/<int:pk>/toewijzen/': 'L D D M M M D D D',
    'werkbank/signalen/<int:pk>/bundelen/': 'L D D M M M D D D',
    'werkbank/signalen/<int:pk>/notitie/': 'L D D M M M D D D',
    'werkbank/signalen/<int:pk>/update/': 'L D D M M M D D D',
    'werkbank/signalen/<int:pk>/kennisvraag/': 'L D D M M M D D D',
    'werkbank/signalen/<int:pk>/team/': 'L D D M M M D D D',
    'werkbank/signalen/<int:pk>/raadplegen/': 'L D D M M M D D D',
    'werkbank/signalen/<int:pk>/betrokken/': 'L D D M M M D D D',
    'dossiers/<int:pk>/volgen/': 'L M M M M M M D M',
    'dossiers/<int:pk>/ontvolgen/': 'L M M M M M M D M',
    'dossiers/<int:pk>/bewerken/': 'L M M M M M M D M',
    'dossiers/<int:pk>/mijlpaal/': 'L M M M M M M D M',
    'dossiers/<int:pk>/mijlpaal-bereikt/': 'L M M M M M M D M',
    'dossiers/<int:pk>/handeling/': 'L M M M M M M D M',
    'dossiers/<int:pk>/toewijzen/': 'L M M M M M M D M',
    'dossiers/<int:pk>/notitie/': 'L M M M M M M D M',
    'dossiers/<int:pk>/update/': 'L M M M M M M D M',
    'dossiers/<int:pk>/kennisvraag/': 'L M M M M M M D M',
    'dossiers/<int:pk>/team/': 'L M M M M M M D M',
    'dossiers/<int:pk>/raadplegen/': 'L M M M M M M D M',
    'vragen-aan-ons/': 'L D D D D D A D D',
    'vragen-aan-ons/<int:pk>/ [own organisation]': 'L D D A A A A D D',
    'vragen-aan-ons/<int:pk>/ [other organisation]': 'L D D A A A D D D',
    'raadplegingen/<int:pk>/sluiten/': 'L D D M M M D D D',
    'raadplegingen/<int:pk>/publiceren/': 'L D D M M M D D D',
    'api/v1/^teams/$': 'D D D A A A D D A',
    'api/v1/^teams/(?P<pk>[^/.]+)/$ [any]': 'D D D A A A D D A',
    'api/v1/^routing-rules/$': 'D D D A A A D D A',
    'api/v1/^routing-rules/preview/$': 'D D D B B B D D B',
    'api/v1/^routing-rules/(?P<pk>[^/.]+)/$ [any]': 'D D D A A A D D A',
    'api/v1/^consultations/$': 'D A A A A A A A A',
    'api/v1/^consultations/(?P<pk>[^/.]+)/$ [own organisation]': 'D D D A A A A D D',
    'api/v1/^consultations/(?P<pk>[^/.]+)/$ [other organisation]': 'D D D A A A D D D',
    'api/v1/^consultations/(?P<pk>[^/.]+)/answer/$ [own organisation]': 'D M M M M M M M M',
    'api/v1/^consultations/(?P<pk>[^/.]+)/close/$ [own organisation]': 'D M M M M M M M M',
    'api/v1/^signals/$': 'D A A A A A A A A',
    'api/v1/^signals/similar/$': 'D A A A A A A A A',
    'api/v1/^signals/(?P<pk>[0-9]{1,18})/$ [own]': 'D A A A A A A D A',
    'api/v1/^signals/(?P<pk>[0-9]{1,18})/$ [other]': 'D A A A A A A D A',
    'api/v1/^signals/(?P<pk>[0-9]{1,18})/actions/$ [own]': 'D M M M M M M M M',
    'api/v1/^signals/(?P<pk>[0-9]{1,18})/actions/$ [other]': 'D M M M M M M M M',
    'api/v1/^signals/(?P<pk>[0-9]{1,18})/follow/$ [own]': 'D M M M M M M M M',
    'api/v1/^signals/(?P<pk>[0-9]{1,18})/follow/$ [other]': 'D M M M M M M M M',
    'api/v1/^signals/(?P<pk>[0-9]{1,18})/follow-ups/$ [own]': 'D A A A A A A D A',
    'api/v1/^signals/(?P<pk>[0-9]{1,18})/follow-ups/$ [other]': 'D A A A A A A D A',
    'api/v1/^signals/(?P<pk>[0-9]{1,18})/history/$ [own]': 'D A A A A A A D A',
    'api/v1/^signals/(?P<pk>[0-9]{1,18})/history/$ [other]': 'D A A A A A A D A',
    'api/v1/^signals/(?P<pk>[0-9]{1,18})/notes/$ [own]': 'D D D A A A D D D',
    'api/v1/^signals/(?P<pk>[0-9]{1,18})/notes/$ [other]': 'D D D A A A D D D',
    'api/v1/^signals/(?P<pk>[0-9]{1,18})/rate/$ [own]': 'D M M M M M M M M',
    'api/v1/^signals/(?P<pk>[0-9]{1,18})/rate/$ [other]': 'D M M M M M M M M',
    'api/v1/^signals/(?P<pk>[0-9]{1,18})/support/$ [own]': 'D M M M M M M M M',
    'api/v1/^signals/(?P<pk>[0-9]{1,18})/support/$ [other]': 'D M M M M M M M M',
    'api/v1/^dossiers/$': 'D A A A A A A A A',
    'api/v1/^dossiers/(?P<pk>[0-9]{1,18})/$ [any]': 'D A A A A A A D A',
    'api/v1/^dossiers/(?P<pk>[0-9]{1,18})/actions/$ [any]': 'D M M M M M M M M',
    'api/v1/^dossiers/(?P<pk>[0-9]{1,18})/follow/$ [any]': 'D M M M M M M M M',
    'api/v1/^dossiers/(?P<pk>[0-9]{1,18})/follow-ups/$ [any]': 'D A A A A A A D A',
    'api/v1/^dossiers/(?P<pk>[0-9]{1,18})/history/$ [any]': 'D A A A A A A D A',
    'api/v1/^dossiers/(?P<pk>[0-9]{1,18})/notes/$ [any]': 'D D D A A A D D D',
    'feedback/': 'A A A A A A A A A',
    'feedback/moderatie/': 'L D D A A A D D D',
    'feedback/moderatie/<int:pk>/ [any]': 'L D D A A A D D D',
    'feedback/moderatie/<int:pk>/signaal/': 'L M M M M M M M M',
    'feedback/moderatie/<int:pk>/koppelen/': 'L M M M M M M M M',
    'feedback/moderatie/<int:pk>/archiveren/': 'L M M M M M M M M',
    'feedback/moderatie/<int:pk>/antwoorden/': 'L M M M M M M M M',
    'feedback/moderatie/uitkomsten/': 'L D D A A A D D D',
    'feedback/moderatie/uitkomsten/nieuw/': 'L D D A A A D D D',
    'feedback/moderatie/uitkomsten/<int:pk>/ [any]': 'L D D A A A D D D',
    'feedback/status/': 'A A A A A A A A A',
    'feedback/wat-we-doen/': 'A A A A A A A A A',
    'feedback/<str:language>/status/ [ar]': 'A A A A A A A A A',
    'feedback/<str:language>/wat-we-doen/ [ar]': 'A A A A A A A A A',
    'feedback/<str:language>/ [ar]': 'A A A A A A A A A',
    'feedback/<str:language>/bedankt/ [ar]': 'A A A A A A A A A',
    'communities/uitnodiging/<str:token>/': 'B B B B B B B B B',
    'kennisbank/thema/<slug:slug>/ [theme]': 'A A A A A A A A A',
    'kennisbank/feedback/<int:page_id>/': 'M M M M M M M M M',
    'kennisbank/vraag-stellen/': 'L A A A A A A D A',
    'kennisbank/mijn-vragen/': 'L A A A A A A A A',
    'kennisbank/feeds/rss/': 'A A A A A A A A A',
    'kennisbank/feeds/atom/': 'A A A A A A A A A',
    'zoeken/': 'A A A A A A A A A',
    'zoeken/klik/': 'B B B B B B B B B',
    'zoeken/feedback/': 'M M M M M M M M M',  # POST only (the search page's form)
    'api/v1/search/': 'A A A A A A A A A',
    'api/v1/search/autocomplete/': 'A A A A A A A A A',
    'rapportage/': 'L D A D D A A D A',
    'rapportage/start/': 'A A A A A A A A A',
    'rapportage/publiek/': 'A A A A A A A A A',
    'rapportage/fase/<slug:slug>/ [phase]': 'L A A A A A A A A',
    'rapportage/kwartaal/': 'L D A A A A A D A',
    'rapportage/kwartaal/<scope:scope>/<str:period>/ [alle]': 'L D A D D A A D A',
    'rapportage/kwartaal/<scope:scope>/<str:period>/ [stelsel]': 'L D A D D A D D A',
    'rapportage/kwartaal/<scope:scope>/<str:period>/pdf/': 'D D D D D D D D D',
    'rapportage/kwartaal/<scope:scope>/<str:period>/xlsx/': 'D D D D D D D D D',
    'rapportage/indicatoren/importeren/': 'L D A D D D D D A',
    'rapportage/<level:level>/': 'L D A A D A D D A',
    'meldingen/': 'L A A A A A A A A',
    'meldingen/instellingen/': 'L A A A A A A A A',
    'meldingen/alles-gelezen/': 'L M M M M M M M M',
    'meldingen/afmelden/<str:token>/': 'B B B B B B B B B',
    'meldingen/<int:pk>/ [own]': 'L A D D D D D D D',
    'meldingen/<int:pk>/ [other]': 'L D D D D D D D D',
    'meldingen/<int:pk>/gelezen/': 'L M M M M M M M M',
    'page home': 'A A A A A A A A A',
    'page question public': 'A A A A A A A A A',
    'page question professionals only': 'L A A A A A A D A',
    'page community open': 'A A A A A A A A A',
    'page community open threads': 'L A A A A A A A A',
    'page community open thread': 'L A A A A A A A A',
    'page community open members': 'L A A A A A A A A',
    'page community closed': 'A A A A A A A A A',
    'page community closed threads': 'L A D D D D D D D',
    'page community closed thread': 'L A D D D D D D D',
    'page community closed members': 'L A D D D D D D D',
    'page community hidden': 'D A D D D D D D D',
    'page community hidden threads': 'D A D D D D D D D',
    'page community hidden thread': 'D A D D D D D D D',
    'page community hidden members': 'D A D D D D D D D',
    'meldingen/volgopdrachten/': 'L A A A A A A D A',
    'meldingen/volgopdrachten/<int:pk>/ [own]': 'L M M M M M M D M',
    'meldingen/volgopdrachten/<int:pk>/verwijderen/ [own]': 'L M M M M M M D M',
    'werkbank/filters/': 'L D D M M M D D D',
    'werkbank/filters/<int:pk>/ [own]': 'L D D M M M D D D',
    'werkbank/filters/<int:pk>/verwijderen/ [own]': 'L D D M M M D D D',
    'api/v1/^subscriptions/$': 'D A A A A A A D A',
    'api/v1/^subscriptions/(?P<pk>[^/.]+)/$ [own]': 'D A D D D D D D D',
    'api/v1/^subscriptions/(?P<pk>[^/.]+)/$ [other]': 'D D D D D D D D D',
}
# fmt: on


# --- the world every role looks at ---------------------------------------------------------


@pytest.fixture
def world(make_user, home_page, settings, tmp_path):
    # Documents are streamed from disk (the test settings' in-memory storage has no files).
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    from taxonomy.demo import seed as seed_taxonomy

    seed_taxonomy()
    cache.clear()
    users = {role: make_user(role=role) for role in ROLE_COLUMNS if role}
    stranger = make_user(role=roles.PROFESSIONAL, first_name="Vreemde", last_name="Melder")
    objects = {"users": users, "stranger": stranger}
    objects.update(_signals(users, stranger))
    objects.update(_knowledge(users))
    objects.update(_feedback())
    objects.update(_notifications(users, stranger))
    objects.update(_taxonomy())
    objects["document"] = _document()
    objects.update(_communities(users))
    objects.update(_subscriptions(users, stranger))
    return objects


def _subscriptions(users, stranger):
    from notifications import subscriptions

    own = subscriptions.subscribe(users[roles.PROFESSIONAL], query="overdracht")
    other = subscriptions.subscribe(stranger, query="overdracht")
    saved = subscriptions.save_filter(
        users[roles.COORDINATOR_SCHAKEL], "Mijn regio", "level=schakel"
    )
    return {"subscription_own": own, "subscription_other": other, "saved_filter": saved}


def _signals(users, stranger):
    from signals import services

    own = services.create_signal(
        submitted_by=users[roles.PROFESSIONAL],
        title="Driegesprek lukt niet bij de overdracht",
        description="Het azc plant geen gesprek met de gemeente.",
    )
    other = services.create_signal(
        submitted_by=stranger,
        title="Leerbaarheidstoets wordt verschillend afgenomen",
        description="Gemeenten wegen de uitkomst verschillend.",
    )
    dossier = services.create_dossier(
        title="Overdracht COA-gemeente", actor=users[roles.COORDINATOR_UITVOERING]
    )
    from signals.models import RoutingRule, Team
    from signals.services import consultations
    from taxonomy.factories import OrganisationFactory

    team = Team.objects.create(name="Uitvoering landelijk", level="uitvoering", is_default=True)
    team.members.add(users[roles.COORDINATOR_UITVOERING])
    rule = RoutingRule.objects.create(name="Alles", level="uitvoering", team=team)
    partner_org = users[roles.KETENPARTNER].organisation
    elsewhere = OrganisationFactory(name="Andere ketenpartner", slug="andere-ketenpartner")
    asked = consultations.ask(
        own,
        users[roles.COORDINATOR_UITVOERING],
        [partner_org, elsewhere],
        "Herkent u dit?",
        timezone.localdate(),
    )
    return {
        "signal_own": own,
        "signal_other": other,
        "dossier": dossier,
        "team": team,
        "rule": rule,
        "consultation_own": asked[0],
        "consultation_other": asked[1],
    }


def _knowledge(users):
    from knowledge.factories import publish_question
    from knowledge.models import Audience

    public = publish_question("Wat is de leerbaarheidstoets?")
    restricted = publish_question("Hoe wegen we de toets intern?", audience=Audience.PROFESSIONALS)
    return {"question": public, "question_restricted": restricted}


def _feedback():
    from feedback import services

    item = services.submit_feedback(
        language="nl", kind="moeilijk", topic="taalcursus", text="De les gaat te snel."
    )
    from feedback.models import FeedbackOutcome
    from taxonomy.models import Theme

    theme, _ = Theme.objects.get_or_create(slug="knm", defaults={"name": "KNM"})
    outcome = FeedbackOutcome.objects.create(theme=theme, title="Kleinere groepen", body="Ja.")
    return {"feedback": item, "outcome": outcome}


def _notifications(users, stranger):
    from notifications.models import Notification

    def make(user):
        return Notification.objects.create(recipient=user, verb="test", title="Bericht", url="/")

    return {
        "notification_own": make(users[roles.PROFESSIONAL]),
        "notification_other": make(stranger),
    }


def _taxonomy():
    from taxonomy.models import Phase, Theme

    return {"theme": Theme.objects.first(), "phase": Phase.objects.first()}


def _communities(users):
    from communities import services
    from communities.factories import add_membership, make_community
    from communities.models import Visibility

    member = users[roles.PROFESSIONAL]
    closed = make_community(visibility=Visibility.CLOSED, title="Besloten CoP", slug="besloten")
    hidden = make_community(visibility=Visibility.HIDDEN, title="Verborgen CoP", slug="verborgen")
    open_ = make_community(visibility=Visibility.OPEN, title="Open CoP", slug="open-cop")
    for community in (closed, hidden, open_):
        add_membership(community, member)
    threads = {
        name: services.start_thread(community, member, f"Draad in {name}", "Hoe doen jullie dit?")
        for name, community in (("closed", closed), ("hidden", hidden), ("open", open_))
    }
    return {
        "community_closed": closed,
        "community_hidden": hidden,
        "community_open": open_,
        "threads": threads,
    }


def _document():
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document(title="Handreiking overdracht")
    document.file.save("handreiking.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    document.save()
    return document


def paths(world) -> dict[str, str]:
    """Row key -> the concrete path to GET."""
    s_own, s_other = world["signal_own"], world["signal_other"]
    rows = {}
    for route in site_routes():
        if route.pattern in NOT_IN_MATRIX:
            continue
        variants = VARIANTS.get(route.pattern)
        if variants is None and "signals/(?P<pk>" in route.pattern:
            variants = VARIANTS["signalen/<int:pk>/"]
        if variants is None and "dossiers/(?P<pk>" in route.pattern:
            variants = VARIANTS["dossiers/<int:pk>/"]
        if route.pattern == "documenten/^(\\d+)/(.*)$":
            document = world["document"]
            rows[f"{route.pattern} [public]"] = f"/documenten/{document.pk}/{document.filename}"
            continue
        if variants is None:
            rows[route.pattern] = route.sample()
        else:
            for variant, values in variants(world).items():
                rows[f"{route.pattern} [{variant}]"] = route.sample(**values)
    rows.update({f"page {name}": path for name, path in PAGES(world).items()})
    del s_own, s_other
    return rows


VARIANTS = {
    "account/organisatie/leden/<int:pk>/rol/": lambda w: {"other": {"pk": w["stranger"].pk}},
    "signalen/<int:pk>/": lambda w: {
        "own": {"pk": w["signal_own"].pk},
        "other": {"pk": w["signal_other"].pk},
    },
    "werkbank/signalen/<int:pk>/": lambda w: {
        "own": {"pk": w["signal_own"].pk},
        "other": {"pk": w["signal_other"].pk},
    },
    "dossiers/<int:pk>/": lambda w: {"any": {"pk": w["dossier"].pk}},
    "vragen-aan-ons/<int:pk>/": lambda w: {
        "own organisation": {"pk": w["consultation_own"].pk},
        "other organisation": {"pk": w["consultation_other"].pk},
    },
    "api/v1/^teams/(?P<pk>[^/.]+)/$": lambda w: {"any": {"pk": w["team"].pk}},
    "api/v1/^routing-rules/(?P<pk>[^/.]+)/$": lambda w: {"any": {"pk": w["rule"].pk}},
    "api/v1/^consultations/(?P<pk>[^/.]+)/$": lambda w: {
        "own organisation": {"pk": w["consultation_own"].pk},
        "other organisation": {"pk": w["consultation_other"].pk},
    },
    "api/v1/^consultations/(?P<pk>[^/.]+)/answer/$": lambda w: {
        "own organisation": {"pk": w["consultation_own"].pk},
    },
    "api/v1/^consultations/(?P<pk>[^/.]+)/close/$": lambda w: {
        "own organisation": {"pk": w["consultation_own"].pk},
    },
    "signalen/opvolging/<str:kind>/<int:pk>/": lambda w: {
        "unpublished signal": {"kind": "signaal", "pk": w["signal_own"].pk},
    },
    "feedback/moderatie/<int:pk>/": lambda w: {"any": {"pk": w["feedback"].pk}},
    "feedback/<str:language>/": lambda w: {"ar": {"language": "ar"}},
    "feedback/<str:language>/bedankt/": lambda w: {"ar": {"language": "ar"}},
    "feedback/<str:language>/status/": lambda w: {"ar": {"language": "ar"}},
    "feedback/<str:language>/wat-we-doen/": lambda w: {"ar": {"language": "ar"}},
    "feedback/moderatie/uitkomsten/<int:pk>/": lambda w: {"any": {"pk": w["outcome"].pk}},
    "kennisbank/thema/<slug:slug>/": lambda w: {"theme": {"slug": w["theme"].slug}},
    "rapportage/fase/<slug:slug>/": lambda w: {"phase": {"slug": w["phase"].slug}},
    "rapportage/kwartaal/<scope:scope>/<str:period>/": lambda w: {
        "alle": {"scope": "alle", "period": "2025-K1"},
        "stelsel": {"scope": "stelsel", "period": "2025-K1"},
    },
    "meldingen/<int:pk>/": lambda w: {
        "own": {"pk": w["notification_own"].pk},
        "other": {"pk": w["notification_other"].pk},
    },
    "meldingen/volgopdrachten/<int:pk>/": lambda w: {"own": {"pk": w["subscription_own"].pk}},
    "meldingen/volgopdrachten/<int:pk>/verwijderen/": lambda w: {
        "own": {"pk": w["subscription_own"].pk}
    },
    "werkbank/filters/<int:pk>/": lambda w: {"own": {"pk": w["saved_filter"].pk}},
    "werkbank/filters/<int:pk>/verwijderen/": lambda w: {"own": {"pk": w["saved_filter"].pk}},
    "api/v1/^subscriptions/(?P<pk>[^/.]+)/$": lambda w: {
        "own": {"pk": w["subscription_own"].pk},
        "other": {"pk": w["subscription_other"].pk},
    },
}


def PAGES(world) -> dict[str, str]:
    pages = {
        "home": "/",
        "question public": world["question"].url,
        "question professionals only": world["question_restricted"].url,
    }
    for name in ("open", "closed", "hidden"):
        community = world[f"community_{name}"]
        thread = world["threads"][name]
        pages[f"community {name}"] = community.url
        pages[f"community {name} threads"] = f"{community.url}discussies/"
        pages[f"community {name} thread"] = f"{community.url}discussies/{thread.pk}/"
        pages[f"community {name} members"] = f"{community.url}leden/"
    return pages


def actual_outcome(response) -> str:
    status = response.status_code
    if status >= 500:
        return "5"
    if status in (200, 204):
        return "A"
    if status in (301, 302, 303, 307, 308):
        return "L" if "/account/inloggen/" in response.headers["Location"] else "A"
    if status in (403, 404):
        return "D"
    if status == 405:
        return "M"
    if status in (400, 410):
        return "B"
    return str(status)


def measure(world) -> dict[str, str]:
    clients = []
    for role in ROLE_COLUMNS:
        client = Client()
        if role:
            client.force_login(world["users"][role])
        clients.append(client)
    table = {}
    for key, path in paths(world).items():
        table[key] = " ".join(actual_outcome(c.get(path)) for c in clients)
    return table


def _base_pattern(key: str) -> str:
    return key.split(" [", 1)[0]


def test_every_url_has_an_expectation():
    """Adding a URL without deciding who may open it fails here."""
    patterns = {route.pattern for route in site_routes()} - set(NOT_IN_MATRIX)
    covered = {_base_pattern(key) for key in EXPECTED if not key.startswith("page ")}
    assert sorted(patterns - covered) == [], "add a row to EXPECTED for these URLs"
    assert sorted(covered - patterns) == [], "these rows name URLs that no longer exist"


def test_every_role_gets_exactly_the_expected_access(world):
    measured = measure(world)
    server_errors = [key for key, row in measured.items() if "5" in row.split()]
    assert server_errors == []
    differences = {
        key: f"expected {EXPECTED.get(key)!r}, got {row!r}"
        for key, row in measured.items()
        if EXPECTED.get(key) != row
    }
    assert differences == {}
    # Sanity of the table itself: anonymous visitors are never shown a private page.
    private = [k for k, row in EXPECTED.items() if row.split()[0] == "A" and "L" in row]
    assert private == []


# --- no leaks inside allowed pages ------------------------------------------------------------


def _client(world, role):
    client = Client()
    client.force_login(world["users"][role])
    return client


def test_other_peoples_signals_do_not_reveal_who_submitted_them(world):
    stranger = world["stranger"]
    other = world["signal_other"]
    identity = [stranger.first_name, stranger.last_name, stranger.email]
    for role in (roles.PROFESSIONAL, roles.KETENPARTNER, roles.REDACTEUR):
        browser = _client(world, role)
        pages = [
            browser.get(f"/signalen/{other.pk}/"),
            browser.get("/signalen/"),
            browser.get(f"/api/v1/signals/{other.pk}/"),
            browser.get("/api/v1/signals/"),
            browser.get(f"/api/v1/signals/{other.pk}/history/"),
            browser.get("/signalen/export/"),
        ]
        for response in pages:
            assert response.status_code == 200
            if response.streaming:
                body = b"".join(response.streaming_content).decode("utf-8-sig")
            else:
                body = response.content.decode()
            path = response.request["PATH_INFO"]
            if "history" not in path and "export" not in path:
                assert other.title in body, path
            for value in identity:
                assert value not in body, (role, response.request["PATH_INFO"], value)
    # The coordinator handling it does see the submitter.
    coordinator = _client(world, roles.COORDINATOR_UITVOERING)
    assert stranger.last_name in coordinator.get(f"/werkbank/signalen/{other.pk}/").content.decode()


def test_internal_notes_stay_with_coordinators(world):
    from signals import services

    coordinator = world["users"][roles.COORDINATOR_UITVOERING]
    services.add_note(world["signal_own"], coordinator, "Interne afweging: eerst bundelen")
    signal = world["signal_own"]
    for role in (roles.PROFESSIONAL, roles.KETENPARTNER, roles.REDACTEUR, roles.BEHEERDER):
        browser = _client(world, role)
        for path in (f"/signalen/{signal.pk}/", f"/api/v1/signals/{signal.pk}/"):
            assert "Interne afweging" not in browser.get(path).content.decode()
        assert browser.get(f"/api/v1/signals/{signal.pk}/notes/").status_code in (403, 404)


def test_inburgeraars_and_anonymous_see_no_signals_through_the_api(world):
    response = _client(world, roles.INBURGERAAR).get("/api/v1/signals/")
    assert response.status_code == 200
    data = response.json()
    assert (data.get("count") if isinstance(data, dict) else len(data)) == 0
    assert Client().get("/api/v1/signals/").status_code in (401, 403)


def test_closed_communities_do_not_leak_through_search(world):
    from search.indexing import reindex_all

    reindex_all()
    outsider = _client(world, roles.KETENPARTNER)
    member = _client(world, roles.PROFESSIONAL)
    for name in ("closed", "hidden"):
        title = f"Draad in {name}"  # searched with the words reversed: the echo is no hit
        for path in (f"/zoeken/?q={name} draad", f"/api/v1/search/?q={name} draad"):
            assert title not in outsider.get(path).content.decode(), (name, path)
            assert title not in Client().get(path).content.decode(), (name, path)
    assert "Draad in open" in outsider.get("/zoeken/?q=open draad").content.decode()
    assert "Draad in closed" in member.get("/zoeken/?q=closed draad").content.decode()


def test_feedback_of_inburgeraars_is_only_for_moderators(world):
    text = world["feedback"].text
    for role in (roles.PROFESSIONAL, roles.KETENPARTNER, roles.REDACTEUR, roles.INBURGERAAR):
        browser = _client(world, role)
        for path in ("/feedback/moderatie/", f"/feedback/moderatie/{world['feedback'].pk}/"):
            response = browser.get(path)
            assert response.status_code == 403
            assert text not in response.content.decode()
    coordinator = _client(world, roles.COORDINATOR_UITVOERING)
    assert text in coordinator.get(f"/feedback/moderatie/{world['feedback'].pk}/").content.decode()


def test_my_data_export_is_only_ever_the_requesters_own_data(world):
    """Every role downloads "my data": none holds the stranger's name, e-mail or account.

    (A coordinator's own notifications may name the stranger's signal: that is the
    coordinator's data. Who submitted it is not.)"""
    stranger = world["stranger"]
    foreign = [stranger.email, "Vreemde", "Melder", f'"submitted_by": {stranger.pk}']
    for role, user in world["users"].items():
        client = Client()
        client.force_login(user)
        text = client.get("/account/mijn-gegevens/download/").content.decode()
        assert user.email in text, role
        assert [value for value in foreign if value in text] == [], role


# --- the admin login doors ----------------------------------------------------------------
# Every way to sign in goes through the site's login (one lock-out, one rate limit):
# anonymous visitors are sent there (L); signed-in users with access to that admin are let
# through (A); users without it get a 403 (D), never the admin.

# fmt: off
ADMIN_DOORS: dict[str, str] = {
    '/admin/login/':           'L D A A A A D D A',
    '/admin/password_reset/':  'A A A A A A A A A',
    '/admin/':                 'L D A A A A D D A',
    '/django-admin/login/':    'L D D D D D D D D',
    '/django-admin/':          'L D D D D D D D D',
}
# fmt: on


def test_admin_login_doors_follow_the_matrix(make_user):
    cache.clear()
    clients = []
    for role in ROLE_COLUMNS:
        client = Client()
        if role:
            client.force_login(make_user(role=role))
        clients.append(client)
    measured = {}
    for path in ADMIN_DOORS:
        row = []
        for client in clients:
            response = client.get(path, follow=True)
            final = response.redirect_chain[-1][0] if response.redirect_chain else path
            if response.status_code == 200 and final.startswith("/account/inloggen/"):
                row.append("L")
            else:
                row.append(actual_outcome(response))
        measured[path] = " ".join(row)
    assert measured == ADMIN_DOORS
