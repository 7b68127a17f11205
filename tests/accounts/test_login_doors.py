"""One login door with one throttle: the admin login and password-reset pages share the
site's lock-out and rate limits, and signing in there gives no admin to users without
admin access."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from accounts import roles
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ADMIN_LOGIN_DOORS = ["/admin/login/", "/django-admin/login/"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _login_through(client, door: str, email: str, password: str):
    """Sign in the way a browser would from an admin login page (following redirects)."""
    page = client.get(door, follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else door
    return client.post(form_url, {"username": email, "password": password}, follow=True), form_url


@pytest.mark.parametrize("door", ADMIN_LOGIN_DOORS)
def test_admin_login_doors_send_visitors_to_the_site_login(client, door):
    response = client.get(door + "?next=" + door.replace("login/", "pages/"))
    assert response.status_code == 302
    assert response["Location"].startswith("/account/inloggen/?next=")


@pytest.mark.parametrize("door", ADMIN_LOGIN_DOORS)
def test_posting_passwords_to_an_admin_door_does_not_bypass_the_lock_out(client, make_user, door):
    user = make_user(role=roles.BEHEERDER, is_staff=True)
    for _ in range(12):
        response = client.post(door, {"username": user.email, "password": "wrong"})
        # Wagtail/Django admin would answer 200 with its own form and no limit at all.
        assert response.status_code in (302, 403, 405)
    # The site's lock-out applies to every way in: after its failures the right password
    # no longer works from this address.
    for _ in range(5):
        client.post("/account/inloggen/", {"username": user.email, "password": "wrong"})
    response = client.post(
        door, {"username": user.email, "password": PASSWORD, "next": "/admin/"}, follow=True
    )
    assert "_auth_user_id" not in client.session
    locked = client.post("/account/inloggen/", {"username": user.email, "password": PASSWORD})
    assert "te vaak een verkeerd wachtwoord" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_wagtail_admin_login_gives_an_admin_user_the_admin(make_user):
    client = Client()
    user = make_user(role=roles.REDACTEUR)
    response, form_url = _login_through(
        client, "/admin/login/?next=/admin/pages/", user.email, PASSWORD
    )
    assert form_url.startswith("/account/inloggen/")
    assert response.redirect_chain[-1][0] == "/admin/pages/"
    assert response.status_code == 200


@pytest.mark.parametrize("door", ADMIN_LOGIN_DOORS)
def test_a_user_without_admin_access_gets_no_admin_through_an_admin_door(make_user, door):
    client = Client()
    user = make_user(role=roles.PROFESSIONAL)
    response, _ = _login_through(client, door, user.email, PASSWORD)
    assert response.status_code == 403
    assert "Geen toegang tot het beheer" in response.content.decode()
    # ... and asking for an admin page directly still gives no admin (and no redirect loop).
    home = "/admin/" if door.startswith("/admin") else "/django-admin/"
    response = client.get(home, follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) <= 3


def test_a_non_staff_user_gets_no_django_admin_even_with_wagtail_access(make_user):
    client = Client()
    client.force_login(make_user(role=roles.BEHEERDER))
    assert client.get("/django-admin/", follow=True).status_code == 403
    assert client.get("/admin/", follow=True).status_code == 200


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/admin/", "/signalen/"]
)
def test_admin_doors_keep_next_inside_the_admin(client, make_user, next_url):
    client.force_login(make_user(role=roles.REDACTEUR))
    response = client.get("/admin/login/", {"next": next_url})
    assert response["Location"] == "/admin/"


def test_wagtail_password_reset_shares_the_site_rate_limit(client, make_user, settings):
    settings.PLATFORM_RATE_LIMIT_ANONYMOUS_FORMS = "3/h"
    user = make_user(role=roles.REDACTEUR)
    statuses = []
    for _ in range(6):
        response = client.post("/admin/password_reset/", {"email": user.email}, follow=True)
        if response.redirect_chain:  # landed on the site form: submit it like a browser would
            response = client.post("/account/wachtwoord-vergeten/", {"email": user.email})
        statuses.append(response.status_code)
    assert statuses.count(429) >= 3
    assert len(mail.outbox) == 3


def test_one_address_trying_many_accounts_is_locked_too(client, make_user, settings):
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    victim = make_user(role=roles.PROFESSIONAL)
    for n in range(6):
        client.post("/account/inloggen/", {"username": f"x{n}@example.org", "password": "no"})
    response = client.post("/account/inloggen/", {"username": victim.email, "password": PASSWORD})
    assert "te vaak een verkeerd wachtwoord" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Another address is not affected.
    other = Client(REMOTE_ADDR="192.0.2.77")
    other.post("/account/inloggen/", {"username": victim.email, "password": PASSWORD})
    assert "_auth_user_id" in other.session


def _registration(email):
    from taxonomy.models import Organisation

    return {
        "first_name": "Noor",
        "last_name": "de Boer",
        "email": email,
        "organisation": Organisation.objects.get(slug="duo").pk,
        "job_title": "Klantmanager",
        "password1": "Zeer-lang-wachtwoord-42",
        "password2": "Zeer-lang-wachtwoord-42",
        "accept_terms": "on",
    }


def test_registration_does_not_reveal_whether_an_address_has_an_account(
    client, make_user, django_capture_on_commit_callbacks
):
    from django.contrib.auth import get_user_model

    owner = make_user(email="bestaat@gemeente.example", first_name="Sanne")
    with django_capture_on_commit_callbacks(execute=True):
        taken = client.post("/account/registreren/", _registration("Bestaat@Gemeente.example"))
        fresh = client.post("/account/registreren/", _registration("nieuw@gemeente.example"))
    assert taken.status_code == fresh.status_code == 200
    assert [t.name for t in taken.templates][0] == [t.name for t in fresh.templates][0]

    def page(response, email):
        html = response.content.decode().replace(email, "X")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)

    assert page(taken, "bestaat@gemeente.example") == page(fresh, "nieuw@gemeente.example")
    assert get_user_model().objects.filter(email__iexact=owner.email).count() == 1
    to_owner = [m for m in mail.outbox if m.to == [owner.email]]
    assert len(to_owner) == 1 and "al een account" in to_owner[0].body
    assert "/account/wachtwoord-vergeten/" in to_owner[0].body


def test_password_reset_link_uses_site_url_not_the_host_header(client, make_user, settings):
    settings.SITE_URL = "https://lerendstelsel.example"
    settings.ALLOWED_HOSTS = ["*"]
    user = make_user()
    client.post(
        "/account/wachtwoord-vergeten/",
        {"email": user.email},
        HTTP_HOST="lerendstelsel.example:6666",
    )
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "https://lerendstelsel.example/account/wachtwoord-herstellen/" in body
    assert ":6666" not in body
