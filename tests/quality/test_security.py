"""Security properties a visitor, an attacker or an auditor can observe from outside.

`manage.py check --deploy` in production settings is tested in tests/website/test_settings.py.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from accounts import roles

from .urlcatalog import site_routes

ROOT = Path(__file__).resolve().parents[2]

PUBLIC_PATHS = [
    "/",
    "/account/inloggen/",
    "/account/registreren/",
    "/healthz/",
    "/zoeken/?q=inburgering",
    "/feedback/",
    "/bestaat-niet/",
]


@pytest.fixture(autouse=True)
def _clean_cache():
    """Throttles and rate limits live in the cache: each test starts and ends clean."""
    cache.clear()
    yield
    cache.clear()


def _csp(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    directives = {}
    for part in header.split(";"):
        tokens = part.split()
        if tokens:
            directives[tokens[0]] = tokens[1:]
    return directives


# --- headers -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_responses_carry_strict_security_headers(client, path):
    response = client.get(path)
    assert response.status_code < 500
    csp = _csp(response)
    assert csp, f"no Content-Security-Policy on {path}"
    script_src = csp.get("script-src") or csp.get("default-src")
    assert script_src == ["'self'"], script_src
    for directive in ("script-src", "style-src", "default-src"):
        assert "'unsafe-inline'" not in csp.get(directive, [])
        assert "'unsafe-eval'" not in csp.get(directive, [])
        assert "*" not in csp.get(directive, [])
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_admin_policy_allows_inline_scripts_only_from_its_own_origin(client):
    response = client.get("/admin/login/")
    csp = _csp(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'self'"]
    assert all(not source.startswith(("http", "*")) for source in csp["script-src"])
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"


@pytest.mark.django_db
@override_settings(
    SECURE_HSTS_SECONDS=31_536_000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True
)
def test_hsts_is_sent_over_https_only():
    browser = Client()  # created inside the override: the middleware reads the settings
    secure = browser.get("/account/inloggen/", secure=True)
    assert secure.headers["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains; preload"
    )
    assert "Strict-Transport-Security" not in browser.get("/account/inloggen/").headers


def test_production_settings_send_hsts_redirect_to_https_and_secure_cookies(tmp_path):
    """The real production settings module, in a process of its own."""
    script = (
        "import json; from django.conf import settings; from django.test import Client;"
        "c = Client();"
        "s = c.get('/healthz/', secure=True);"
        "p = c.get('/account/inloggen/');"
        "print(json.dumps({'hsts': s.headers.get('Strict-Transport-Security'),"
        " 'plain_status': p.status_code, 'plain_location': p.headers.get('Location'),"
        " 'cookies': [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,"
        " settings.SESSION_COOKIE_HTTPONLY], 'debug': settings.DEBUG}))"
    )
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY="prod-like-" + "q7W!e9R#t1Y%u3I^o5P&" * 3,
        ALLOWED_HOSTS="testserver",
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        REDIS_URL="",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["hsts"].startswith("max-age=31536000")
    assert "includeSubDomains" in data["hsts"]
    assert data["plain_status"] == 301
    assert data["plain_location"] == "https://testserver/account/inloggen/"
    assert data["cookies"] == [True, True, True]
    assert data["debug"] is False


# --- CSRF ----------------------------------------------------------------------------

# Views that accept POST without a CSRF token, each with the reason it is safe.
CSRF_EXEMPT = {
    # RFC 8058 one-click unsubscribe from mail clients: the signed token is the authorisation
    # and the only effect is switching e-mail off for the token's owner.
    "meldingen/afmelden/<str:token>/": "signed token",
    # Public pages stay cacheable (no per-visitor token): these check the request's origin
    # instead (core.http_cache.same_origin_post), see test_origin_checked_posts_refuse_*.
    "kennisbank/feedback/<int:page_id>/": "origin check",
    "i18n/setlang/": "origin check",
}


def _csrf_rejected(response) -> bool:
    return response.status_code == 403 and b"CSRF" in response.content


def _post_targets():
    targets = []
    for route in site_routes():
        if route.pattern in CSRF_EXEMPT:
            continue
        if route.has_regex:  # Wagtail page serving and document download: sampled below
            continue
        targets.append(route)
    return targets


@pytest.mark.django_db
def test_every_form_endpoint_rejects_a_post_without_csrf_token(make_user, home_page):
    """Logged-in victim, forged POST (no token) to every view: 403 from the CSRF check or 405."""
    user = make_user(role=roles.COORDINATOR_STELSEL, is_staff=True, is_superuser=True)
    anonymous = Client(enforce_csrf_checks=True)
    logged_in = Client(enforce_csrf_checks=True)
    logged_in.force_login(user)
    accepted = {}
    checked = 0
    paths = [route.sample() for route in _post_targets()] + ["/", "/over/", "/privacy/"]
    for path in paths:
        try:
            resolve(path.split("?")[0])
        except Resolver404:
            pytest.fail(f"sample path {path} does not resolve: give urlcatalog a sample value")
        for who, browser in (("anonymous", anonymous), ("logged in", logged_in)):
            response = browser.post(path, {"title": "forged", "text": "forged"})
            if response.status_code == 405:
                continue
            checked += 1
            if resolve(path).func.__dict__.get("cls") is not None and who == "anonymous":
                # DRF: anonymous API calls carry no session to abuse; they must still be refused
                # or be harmless reads.
                if response.status_code in (401, 403, 405):
                    continue
            if not _csrf_rejected(response):
                accepted[f"{who} {path}"] = response.status_code
    assert accepted == {}
    assert checked > 20


@pytest.mark.django_db
@pytest.mark.parametrize(
    "headers",
    [{"HTTP_ORIGIN": "https://evil.example"}, {"HTTP_SEC_FETCH_SITE": "cross-site"}],
)
def test_origin_checked_posts_refuse_a_cross_site_post(make_user, home_page, headers):
    from knowledge.factories import publish_question
    from knowledge.models import PageFeedback

    question = publish_question("Wie betaalt de leerbaarheidstoets?")
    signed_in = Client()
    signed_in.force_login(make_user(role=roles.PROFESSIONAL))
    for browser in (Client(), signed_in):
        feedback = browser.post(
            f"/kennisbank/feedback/{question.pk}/", {"helpful": "ja"}, **headers
        )
        assert feedback.status_code == 403
        language = browser.post("/i18n/setlang/", {"language": "en"}, **headers)
        assert language.status_code == 403
        assert "ls_language" not in language.cookies
    assert not PageFeedback.objects.filter(page=question).exists()


@pytest.mark.django_db
def test_forged_post_changes_nothing(make_user):
    """A forged profile update from another site is refused and the profile stays as it was."""
    user = make_user(role=roles.PROFESSIONAL, first_name="Origineel")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    response = browser.post("/account/profiel/", {"first_name": "Gekaapt", "last_name": "X"})
    assert _csrf_rejected(response)
    user.refresh_from_db()
    assert user.first_name == "Origineel"
