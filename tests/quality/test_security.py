"""Security properties a visitor, an attacker or an auditor can observe from outside.

`manage.py check --deploy` in production settings is tested in tests/website/test_settings.py.
"""

import json
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import Resolver404, resolve

from accounts import roles
from tests.conftest import PASSWORD

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


# --- login throttling ----------------------------------------------------------------


@pytest.mark.django_db
def test_login_lockout_is_logged_and_ignores_letter_case(make_user, settings, caplog):
    settings.LOGIN_FAILURE_LIMIT = 5
    make_user(role=roles.PROFESSIONAL, email="jan.jansen@example.org")
    browser = Client()
    variants = [
        "jan.jansen@example.org",
        "JAN.JANSEN@EXAMPLE.ORG",
        "Jan.Jansen@Example.org",
        "jan.jansen@EXAMPLE.org",
        "jAn.jansen@example.ORG",
    ]
    with caplog.at_level(logging.WARNING, logger="accounts.security"):
        for email in variants:
            response = browser.post(
                "/account/inloggen/", {"username": email, "password": "wrong-password-1"}
            )
            assert response.status_code == 200
            assert "klopt niet" in response.content.decode()
    lock_records = [r for r in caplog.records if r.name == "accounts.security"]
    assert len(lock_records) == 1
    assert "locked" in lock_records[0].getMessage().lower()
    # The log names no e-mail address (personal data); only that a lock happened.
    assert "jan.jansen" not in caplog.text.lower()

    # Now even the right password is refused, in any spelling of the address.
    for email in ("Jan.Jansen@example.org", "jan.jansen@example.org"):
        response = browser.post("/account/inloggen/", {"username": email, "password": PASSWORD})
        assert response.status_code == 200
        assert "te vaak een verkeerd wachtwoord" in response.content.decode()
        assert "_auth_user_id" not in browser.session


@pytest.mark.django_db
def test_successful_login_before_the_limit_resets_the_counter(make_user, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    make_user(role=roles.PROFESSIONAL, email="els@example.org")
    browser = Client()
    for _ in range(2):
        browser.post("/account/inloggen/", {"username": "els@example.org", "password": "nope"})
    response = browser.post(
        "/account/inloggen/", {"username": "ELS@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    browser.logout()
    for _ in range(2):
        browser.post("/account/inloggen/", {"username": "els@example.org", "password": "nope"})
    response = browser.post(
        "/account/inloggen/", {"username": "els@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302, "two failures after a success must not lock the account"


# --- rate limits on anonymous forms --------------------------------------------------


@pytest.mark.django_db
def test_was_dit_nuttig_is_rate_limited_per_client(home_page):
    from knowledge.factories import publish_question
    from knowledge.models import PageFeedback

    question = publish_question("Wie betaalt de leerbaarheidstoets?")
    url = f"/kennisbank/feedback/{question.pk}/"
    visitor = Client(REMOTE_ADDR="198.51.100.7")
    statuses = [visitor.post(url, {"helpful": "ja"}).status_code for _ in range(11)]
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 429
    assert PageFeedback.objects.filter(page=question).count() == 10
    # Someone else is not affected by this visitor's limit.
    other = Client(REMOTE_ADDR="198.51.100.8")
    assert other.post(url, {"helpful": "nee"}).status_code == 302


@pytest.mark.django_db
def test_anonymous_feedback_form_is_rate_limited(settings):
    from feedback.models import Feedback

    settings.PLATFORM_RATE_LIMIT_ANONYMOUS_FORMS = "3/h"
    visitor = Client(REMOTE_ADDR="203.0.113.9")
    data = {
        "kind": "moeilijk",
        "topic": "taalcursus",
        "text": "De lessen zijn te snel voor mij.",
        "contact": "nee",
    }
    statuses = [visitor.post("/feedback/ar/", data).status_code for _ in range(4)]
    assert statuses == [302, 302, 302, 429]
    assert Feedback.objects.count() == 3


def _registration(n: int, **overrides) -> dict:
    from taxonomy.models import Organisation

    data = {
        "first_name": "Noor",
        "last_name": f"de Boer {n}",
        "email": f"noor{n}@gemeente.example",
        "organisation": Organisation.objects.active().order_by("pk").first().pk,
        "job_title": "Klantmanager",
        "password1": "Zeer-lang-wachtwoord-42",
        "password2": "Zeer-lang-wachtwoord-42",
        "accept_terms": "on",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_registration_is_rate_limited_per_client(settings, make_user):
    from django.contrib.auth import get_user_model
    from django.core import mail

    User = get_user_model()
    settings.PLATFORM_RATE_LIMIT_ANONYMOUS_FORMS = "3/h"
    make_user(email="bestaat@gemeente.example")
    visitor = Client(REMOTE_ADDR="203.0.113.20")
    # Typing mistakes do not count; accounts created and "this address exists" answers do.
    typo = visitor.post("/account/registreren/", _registration(0, password2="anders"))
    assert typo.status_code == 200
    assert visitor.post("/account/registreren/", _registration(1)).status_code == 200
    exists = visitor.post(
        "/account/registreren/", _registration(2, email="bestaat@gemeente.example")
    )
    assert "Er bestaat al een account" not in exists.content.decode()
    assert visitor.post("/account/registreren/", _registration(3)).status_code == 200
    assert User.objects.filter(email__endswith="@gemeente.example").count() == 3
    sent = len(mail.outbox)
    limited = visitor.post("/account/registreren/", _registration(4))
    html = limited.content.decode()
    assert limited.status_code == 429
    assert "in korte tijd veel aanvragen gedaan" in html and "60 minuten" in html
    assert 'value="noor4@gemeente.example"' in html  # what was typed is kept
    assert "wachtwoord wel opnieuw invullen" in html  # passwords are never sent back
    assert not User.objects.filter(email="noor4@gemeente.example").exists()
    assert len(mail.outbox) == sent
    # Another client is not affected.
    other = Client(REMOTE_ADDR="203.0.113.21")
    assert other.post("/account/registreren/", _registration(5)).status_code == 200
    assert User.objects.filter(email="noor5@gemeente.example").exists()


@pytest.mark.django_db
def test_password_reset_is_rate_limited_per_client_without_revealing_accounts(settings, make_user):
    from django.core import mail

    settings.PLATFORM_RATE_LIMIT_ANONYMOUS_FORMS = "3/h"
    make_user(email="bekend@gemeente.example")
    visitor = Client(REMOTE_ADDR="203.0.113.30")
    url = "/account/wachtwoord-vergeten/"
    answers = [
        visitor.post(url, {"email": email})
        for email in (
            "bekend@gemeente.example",
            "onbekend@gemeente.example",
            "bekend@gemeente.example",
        )
    ]
    assert [a.status_code for a in answers] == [302, 302, 302]
    assert len(mail.outbox) == 2  # only the known address gets mail; the answer is the same
    limited = visitor.post(url, {"email": "bekend@gemeente.example"})
    assert limited.status_code == 429
    assert "in korte tijd veel aanvragen gedaan" in limited.content.decode()
    assert len(mail.outbox) == 2
    # Same answer for an unknown address: the limit reveals nothing either.
    assert visitor.post(url, {"email": "onbekend@gemeente.example"}).status_code == 429
    other = Client(REMOTE_ADDR="203.0.113.31")
    assert other.post(url, {"email": "bekend@gemeente.example"}).status_code == 302
    assert len(mail.outbox) == 3


@pytest.mark.django_db
def test_rate_limits_of_different_forms_are_counted_separately(settings):
    from feedback.models import Feedback

    settings.PLATFORM_RATE_LIMIT_ANONYMOUS_FORMS = "1/h"
    visitor = Client(REMOTE_ADDR="203.0.113.40")
    url = "/account/wachtwoord-vergeten/"
    assert visitor.post(url, {"email": "iemand@gemeente.example"}).status_code == 302
    assert visitor.post(url, {"email": "iemand@gemeente.example"}).status_code == 429
    feedback = {"kind": "moeilijk", "topic": "taalcursus", "text": "Te snel.", "contact": "nee"}
    assert visitor.post("/feedback/nl/", feedback).status_code == 302
    assert visitor.post("/account/registreren/", _registration(9)).status_code == 200
    assert Feedback.objects.count() == 1


# --- uploads: checked by content, type and size --------------------------------------------


def _docx(with_macro=False) -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        if with_macro:
            archive.writestr("word/vbaProject.bin", b"\x00macro")
    return buffer.getvalue()


HOSTILE_UPLOADS = [
    ("pagina.html", b"<html><script>alert(1)</script></html>", "text/html"),
    ("plaatje.svg", b"<svg onload=alert(1)></svg>", "image/svg+xml"),
    ("verslag.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
    ("verslag.pdf", b"MZ\x90\x00\x03 executable", "application/pdf"),
    ("notulen.txt", b"#!/bin/sh\nrm -rf /\n", "text/plain"),
    ("notulen.docx", _docx(with_macro=True), "application/octet-stream"),
    ("notulen.docx", b"%PDF-1.4 not a docx", "application/octet-stream"),
    ("leeg.pdf", b"", "application/pdf"),
    ("setup.exe", b"MZ\x90\x00", "application/octet-stream"),
]


@pytest.mark.django_db
def test_community_uploads_are_checked_by_content_type_and_size(make_user, home_page, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from communities.factories import make_community
    from communities.models import Document

    member = make_user(role=roles.PROFESSIONAL)
    community = make_community(facilitator=member)
    browser = Client()
    browser.force_login(member)
    url = f"{community.url}documenten/"
    for name, content, content_type in HOSTILE_UPLOADS:
        upload = SimpleUploadedFile(name, content, content_type=content_type)
        response = browser.post(url, {"title": name, "file": upload})
        assert response.status_code in (200, 400), (name, response.status_code)
        assert Document.objects.count() == 0, f"{name} was accepted"
    too_big = SimpleUploadedFile(
        "groot.pdf", b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 + 1), content_type="application/pdf"
    )
    assert browser.post(url, {"title": "groot", "file": too_big}).status_code in (200, 400)
    assert Document.objects.count() == 0
    good = SimpleUploadedFile("verslag.pdf", b"%PDF-1.4\n%%EOF", content_type="application/pdf")
    assert browser.post(url, {"title": "Verslag", "file": good}).status_code == 302
    assert Document.objects.count() == 1
    document = Document.objects.get()
    download = browser.get(f"{community.url}documenten/{document.pk}/download/")
    assert download.status_code == 200
    assert download.headers["Content-Disposition"].startswith("attachment")
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'none'" in download.headers["Content-Security-Policy"]


@pytest.mark.django_db
def test_wagtail_documents_refuse_active_content_and_are_served_inert(
    make_user, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from wagtail.documents.forms import get_document_form
    from wagtail.documents.models import Document

    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    editor = make_user(role=roles.REDACTEUR)
    DocumentForm = get_document_form(Document)
    for name, content in [
        ("pagina.html", b"<script>alert(1)</script>"),
        ("plaatje.svg", b"<svg onload=alert(1)/>"),
        ("setup.exe", b"MZ"),
        ("te-groot.pdf", b"%PDF-1.4" + b"0" * (settings.WAGTAILDOCS_MAX_UPLOAD_SIZE + 1)),
    ]:
        form = DocumentForm(
            data={"title": name, "collection": 1},
            files={"file": SimpleUploadedFile(name, content)},
            user=editor,
        )
        assert not form.is_valid(), f"{name} was accepted"
        assert "file" in form.errors
    # Allowed extensions are served so a browser cannot run them: nosniff and a blocking CSP.
    document = Document(title="Notulen")
    document.file.save("notulen.txt", SimpleUploadedFile("x", b"<script>alert(1)</script>"))
    document.save()
    response = Client().get(f"/documenten/{document.pk}/{document.filename}")
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "default-src 'none'"
    assert response.headers["Content-Type"].startswith("text/plain")
