"""The client address behind a reverse proxy: only a trusted proxy's X-Forwarded-For counts."""

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory

from core.ratelimit import client_ip, parse_networks

PROXY = "10.0.0.5"
CLIENT = "203.0.113.7"


@pytest.fixture
def trusted(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "fd00::/8"]


def _request(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_ip(_request(PROXY, CLIENT)) == PROXY


def test_spoofed_header_from_an_untrusted_address_changes_nothing(trusted):
    assert client_ip(_request(CLIENT, "198.51.100.1")) == CLIENT
    assert client_ip(_request(CLIENT, "10.0.0.9")) == CLIENT


def test_the_real_client_via_the_trusted_proxy_is_used(trusted):
    assert client_ip(_request(PROXY, CLIENT)) == CLIENT
    # The client wrote a fake first entry; the proxy appended the address it really saw.
    assert client_ip(_request(PROXY, f"1.2.3.4, {CLIENT}")) == CLIENT
    # Two proxies in a row: skip every trusted hop from the right.
    assert client_ip(_request(PROXY, f"1.2.3.4, {CLIENT}, 10.1.2.3")) == CLIENT
    assert client_ip(_request("fd00::1", "2001:db8::42")) == "2001:db8::42"


def test_garbage_or_missing_header_from_the_proxy_falls_back_to_the_proxy(trusted):
    assert client_ip(_request(PROXY)) == PROXY
    assert client_ip(_request(PROXY, "not-an-address")) == PROXY
    assert client_ip(_request(PROXY, "10.0.0.7")) == PROXY  # only proxies: no client known


def test_a_malformed_setting_trusts_nobody(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8", "proxy.example.org"]
    assert client_ip(_request(PROXY, CLIENT)) == PROXY
    with pytest.raises(ValueError, match="proxy.example.org"):
        parse_networks(settings.TRUSTED_PROXIES)


@pytest.mark.django_db
def test_anonymous_form_limit_counts_real_clients_behind_the_proxy(trusted, settings):
    """Behind the proxy two visitors have their own buckets; a spoofer cannot escape his."""
    settings.PLATFORM_RATE_LIMIT_ANONYMOUS_FORMS = "1/h"
    cache.clear()
    data = {"kind": "moeilijk", "topic": "taalcursus", "text": "De cursus begon te laat."}

    def post(remote, forwarded):
        return Client().post(
            "/feedback/nl/", data, REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded
        )

    assert post(PROXY, CLIENT).status_code == 302
    assert post(PROXY, CLIENT).status_code == 429
    assert post(PROXY, "203.0.113.8").status_code == 302  # another visitor, same proxy
    # A direct visitor cannot reset his count by sending a new header each time.
    assert post("198.51.100.20", "192.0.2.1").status_code == 302
    assert post("198.51.100.20", "192.0.2.2").status_code == 429
    cache.clear()
