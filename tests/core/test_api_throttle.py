"""API throttles: anonymous per client address, tokens per user; 429 with Retry-After."""

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts import roles

pytestmark = pytest.mark.django_db

URL = "/api/v1/search/autocomplete/?q=inburgering"


@pytest.fixture
def rates(settings):
    def _set(anon="2/m", user="3/m"):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {"anon": anon, "user": user},
        }

    cache.clear()
    yield _set
    cache.clear()


def test_anonymous_clients_get_429_with_retry_after(rates):
    rates(anon="2/m")
    client = APIClient(REMOTE_ADDR="203.0.113.7")
    assert [client.get(URL).status_code for _ in range(2)] == [200, 200]
    response = client.get(URL)
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()
    # Another client address has its own bucket.
    assert APIClient(REMOTE_ADDR="203.0.113.8").get(URL).status_code == 200


def test_spoofed_forwarded_header_does_not_escape_the_anonymous_limit(rates, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    rates(anon="1/m")
    client = APIClient(REMOTE_ADDR="203.0.113.7")
    assert client.get(URL, HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 200
    assert client.get(URL, HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 429
    # Through the trusted proxy each real client counts on its own.
    proxy = APIClient(REMOTE_ADDR="10.0.0.5")
    assert proxy.get(URL, HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 200
    assert proxy.get(URL, HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 200
    assert proxy.get(URL, HTTP_X_FORWARDED_FOR="192.0.2.2").status_code == 429


def test_each_token_has_its_own_rate(rates, make_user):
    rates(anon="1/m", user="3/m")
    first, second = (
        Token.objects.create(user=make_user(role=roles.KETENPARTNER)) for _ in range(2)
    )
    one = APIClient(REMOTE_ADDR="198.51.100.1", HTTP_AUTHORIZATION=f"Token {first.key}")
    two = APIClient(REMOTE_ADDR="198.51.100.1", HTTP_AUTHORIZATION=f"Token {second.key}")
    # Same address, above the anonymous rate: tokens are counted per user.
    assert [one.get("/api/v1/signals/").status_code for _ in range(3)] == [200] * 3
    limited = one.get("/api/v1/signals/")
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert two.get("/api/v1/signals/").status_code == 200
