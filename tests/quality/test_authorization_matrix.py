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

from django.core.cache import cache
from django.test import Client
from django.utils.html import escape

from accounts import roles

from .authorization_table import EXPECTED, NOT_IN_MATRIX, ROLE_COLUMNS
from .authorization_world import (
    _base_pattern,
    actual_outcome,
    measure,
)
from .urlcatalog import site_routes


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
                # Raw for JSON and CSV, escaped for HTML ("van 't Hof").
                for form in {value, escape(value)}:
                    assert form not in body, (role, path, value)
    # The coordinator handling it does see the submitter.
    coordinator = _client(world, roles.COORDINATOR_UITVOERING)
    assert (
        escape(stranger.last_name)
        in coordinator.get(f"/werkbank/signalen/{other.pk}/").content.decode()
    )


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
