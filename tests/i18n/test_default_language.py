"""Dutch unless the visitor chooses otherwise; the choice is remembered; newcomer pages
offer the browser's language but do not switch to it."""

import pytest

pytestmark = pytest.mark.django_db


def test_interface_is_dutch_whatever_the_browser_asks(client):
    response = client.get("/account/inloggen/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    html = response.content.decode()
    assert '<html lang="nl" dir="ltr"' in html
    assert "Inloggen" in html and "Log in" not in html
    assert response["Content-Language"] == "nl"


def test_language_switch_sets_a_cookie_that_is_remembered(client, settings):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/account/inloggen/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    html = client.get("/account/inloggen/").content.decode()
    assert '<html lang="en"' in html and "Log in" in html


def test_newcomer_only_language_does_not_leak_into_the_rest_of_the_site(client, settings):
    client.post("/i18n/setlang/", {"language": "ti", "next": "/feedback/ti/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ti"
    html = client.get("/account/inloggen/").content.decode()
    assert '<html lang="nl" dir="ltr"' in html  # the full interface exists in nl and en only
    # ... and the newcomer entry pages remember it.
    assert client.get("/feedback/")["Location"] == "/feedback/ti/"
    assert client.get("/feedback/wat-we-doen/")["Location"] == "/feedback/ti/wat-we-doen/"


def test_interface_switch_offers_only_full_interface_languages(client):
    html = client.get("/account/inloggen/").content.decode()
    assert 'name="language" value="en"' in html
    assert 'name="language" value="ar"' not in html


def test_newcomer_page_offers_the_browser_language_without_forcing_it(client):
    response = client.get("/feedback/nl/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")
    html = response.content.decode()
    assert '<html lang="nl" dir="ltr"' in html  # not switched
    assert "Deze pagina is er ook in het Arabisch." in html
    assert (
        '<a class="utrecht-link" href="/feedback/ar/" hreflang="ar" lang="ar" dir="rtl">'
        "هذه الصفحة متوفرة أيضاً باللغة العربية.</a>"
    ) in html
    # The newcomer page's own switch offers all five languages.
    for code in ["nl", "en", "ar", "uk", "ti"]:
        assert f'name="language" value="{code}"' in html


def test_no_offer_when_the_browser_language_is_the_page_language_or_was_chosen(client, settings):
    assert (
        "feedback-offer"
        not in client.get("/feedback/uk/", HTTP_ACCEPT_LANGUAGE="uk").content.decode()
    )
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    assert (
        "feedback-offer"
        not in client.get("/feedback/nl/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    )


def test_unsupported_browser_language_is_not_offered(client):
    html = client.get("/feedback/nl/", HTTP_ACCEPT_LANGUAGE="fr-FR,de;q=0.8").content.decode()
    assert "feedback-offer" not in html
