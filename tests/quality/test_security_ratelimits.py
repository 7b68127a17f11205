"""Rate limits and login lockout, as an attacker or an auditor observes them."""

import logging

import pytest
from django.core.cache import cache
from django.test import Client

from accounts import roles
from tests.conftest import PASSWORD


@pytest.fixture(autouse=True)
def _clean_cache():
    """Throttles and rate limits live in the cache: each test starts and ends clean."""
    cache.clear()
    yield
    cache.clear()


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
