"""Rate-limited HTML forms answer 429 and give back what the visitor typed."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client

from taxonomy.models import Organisation

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.5"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.PLATFORM_RATE_LIMIT_ANONYMOUS_FORMS = "1/h"
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    cache.clear()
    yield
    cache.clear()


def _post(path, data, client_address):
    return Client().post(path, data, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_address)


def _registration(email):
    return {
        "first_name": "Noor",
        "last_name": "de Boer",
        "email": email,
        "organisation": Organisation.objects.get(slug="duo").pk,
        "job_title": "Klantmanager bij de gemeente",
        "password1": "Zeer-lang-wachtwoord-42",
        "password2": "Zeer-lang-wachtwoord-42",
        "accept_terms": "on",
    }


def test_limited_registration_keeps_everything_but_the_password():
    assert (
        _post(
            "/account/registreren/", _registration("a@gemeente.example"), "203.0.113.7"
        ).status_code
        == 200
    )
    response = _post("/account/registreren/", _registration("b@gemeente.example"), "203.0.113.7")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Wat u hebt ingevuld, staat er nog." in html
    for typed in ("b@gemeente.example", "de Boer", "Klantmanager bij de gemeente"):
        assert f'value="{typed}"' in html
    assert "Zeer-lang-wachtwoord-42" not in html  # passwords are never sent back
    assert not get_user_model().objects.filter(email="b@gemeente.example").exists()
    # Another visitor behind the same proxy is not affected.
    other = _post("/account/registreren/", _registration("c@gemeente.example"), "203.0.113.8")
    assert other.status_code == 200
    assert get_user_model().objects.filter(email="c@gemeente.example").exists()


def test_limited_password_reset_keeps_the_address():
    data = {"email": "iemand@gemeente.example"}
    assert _post("/account/wachtwoord-vergeten/", data, "203.0.113.7").status_code == 302
    response = _post("/account/wachtwoord-vergeten/", data, "203.0.113.7")
    assert response.status_code == 429
    assert 'value="iemand@gemeente.example"' in response.content.decode()
