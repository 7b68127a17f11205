"""URL helpers: links in e-mail use SITE_URL, redirects stay on the site, pages never fail."""

import pytest
from django.test import RequestFactory

from core.urls import absolute_url, paginate, safe_next


def test_absolute_url_uses_the_configured_site_not_the_host_header(settings):
    settings.SITE_URL = "https://lerendstelsel.example.org/"
    assert absolute_url("/signalen/3/") == "https://lerendstelsel.example.org/signalen/3/"
    assert absolute_url("signalen/3/") == "https://lerendstelsel.example.org/signalen/3/"
    assert absolute_url("https://elders.example.org/x") == "https://elders.example.org/x"
    assert absolute_url("") == ""


@pytest.mark.parametrize(
    "target, expected",
    [
        ("/signalen/", "/signalen/"),
        ("https://evil.example.com/", "/fallback/"),
        ("//evil.example.com/", "/fallback/"),
        ("javascript:alert(1)", "/fallback/"),
        ("", "/fallback/"),
    ],
)
def test_safe_next_never_leaves_the_site(target, expected):
    request = RequestFactory().get("/", {"next": target})
    assert safe_next(request, "/fallback/") == expected


def test_paginate_survives_bad_page_numbers():
    request = RequestFactory().get("/", {"page": "999999999999999999999"})
    page = paginate(request, list(range(30)), 10)
    assert page.number == 3
    assert list(paginate(RequestFactory().get("/", {"page": "x"}), list(range(30)), 10)) == list(
        range(10)
    )
