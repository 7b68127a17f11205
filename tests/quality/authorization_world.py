"""The world every role looks at in the authorization matrix: users, objects, the paths to
open and how an outcome is read from a response."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from accounts import roles

from .authorization_table import NOT_IN_MATRIX, ROLE_COLUMNS
from .urlcatalog import site_routes

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
