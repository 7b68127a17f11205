"""Sign-in through a real OpenID provider (npm oidc-provider on 127.0.0.1): the full
authorization-code flow with PKCE, the Django test client on our side and HTTP requests
to the provider on the other."""

import json
import re
import time
from html import escape, unescape
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from accounts import roles
from accounts.identity_models import (
    ClaimRoleMapping,
    LoginEvent,
    OIDCIdentity,
    PasswordLoginDisabledDomain,
)
from tests.conftest import PASSWORD

from .oidc_harness import Browser, path_of

pytestmark = pytest.mark.django_db
User = get_user_model()
START = "/account/inloggen/oidc/gemeente-test/"


def _start(client, next_url=None):
    response = client.get(START + (f"?{urlencode({'next': next_url})}" if next_url else ""))
    assert response.status_code == 302
    return response["Location"]


def _sign_in(op, client, account, next_url=None):
    browser = Browser(op.issuer)
    callback = browser.sign_in(_start(client, next_url), account)
    return client.get(path_of(callback)), browser, callback


def _account(op, account_id, email, verified=True, **claims):
    op.add_account(account_id, email=email, email_verified=verified, **claims)


def _logged_in(client):
    return "_auth_user_id" in client.session


def test_first_sign_in_creates_the_account_with_pkce_and_no_roles_from_the_provider(
    oidc_settings, op, oidc_org
):
    _account(
        op,
        "fatima",
        "Fatima.Elamrani@testdorp.example",
        given_name="Fatima",
        family_name="El Amrani",
        organisation="gemeente-testdorp",
        groups=["beheerders", "signaalcoordinatoren"],
    )
    client = Client()
    authorize = _start(client)
    params = parse_qs(urlparse(authorize).query)
    assert params["code_challenge_method"] == ["S256"]
    assert len(params["code_challenge"][0]) >= 43 and params["nonce"][0]
    callback = Browser(op.issuer).sign_in(authorize, "fatima")
    response = client.get(path_of(callback))

    assert response.status_code == 302 and response["Location"] == "/account/profiel/"
    user = User.objects.get(email="fatima.elamrani@testdorp.example")
    assert (user.first_name, user.last_name, user.organisation) == (
        "Fatima",
        "El Amrani",
        oidc_org,
    )
    assert roles.user_roles(user) == {roles.PROFESSIONAL}  # the groups claim is ignored
    assert not user.has_usable_password()
    assert OIDCIdentity.objects.filter(user=user, provider="gemeente-test").count() == 1
    assert LoginEvent.objects.get(user=user).method == "oidc:gemeente-test"
    assert client.get("/account/profiel/").status_code == 200


def test_sign_in_links_an_existing_account_by_verified_email(oidc_settings, op, make_user):
    existing = make_user(role=roles.REDACTEUR, email="noor@testdorp.example")
    _account(op, "noor", "Noor@Testdorp.example")
    response, _, _ = _sign_in(op, Client(), "noor")
    assert response.status_code == 302
    assert User.objects.filter(email__iexact="noor@testdorp.example").count() == 1
    assert OIDCIdentity.objects.get(subject="noor").user == existing
    assert roles.user_roles(existing) == {roles.REDACTEUR}
    existing.refresh_from_db()
    assert existing.check_password(PASSWORD)  # the password login stays as it was


def test_a_mapped_claim_gives_the_role_a_beheerder_chose(oidc_settings, op):
    ClaimRoleMapping.objects.create(
        provider="gemeente-test",
        claim="groups",
        value="signaalcoordinatoren",
        role=roles.COORDINATOR_UITVOERING,
    )
    _account(op, "sem", "sem@testdorp.example", groups=["signaalcoordinatoren", "beheerders"])
    _sign_in(op, Client(), "sem")
    user = User.objects.get(email="sem@testdorp.example")
    assert roles.user_roles(user) == {roles.PROFESSIONAL, roles.COORDINATOR_UITVOERING}


def test_unverified_email_is_refused_and_nothing_is_stored(oidc_settings, op):
    _account(op, "unverified", "anon@testdorp.example", verified=False)
    client = Client()
    response, _, _ = _sign_in(op, client, "unverified")
    assert response.status_code == 400
    assert "niet als gecontroleerd doorgegeven" in response.content.decode()
    assert not User.objects.filter(email="anon@testdorp.example").exists()
    assert not OIDCIdentity.objects.exists() and not _logged_in(client)


def test_a_wrong_state_is_refused(oidc_settings, op):
    _account(op, "wrongstate", "ws@testdorp.example")
    client = Client()
    callback = Browser(op.issuer).sign_in(_start(client), "wrongstate")
    tampered = callback.replace("state=", "state=x")
    response = client.get(path_of(tampered))
    assert response.status_code == 400
    assert "verlopen of al gebruikt" in response.content.decode()
    assert not User.objects.filter(email="ws@testdorp.example").exists()


def test_an_expired_code_is_refused(oidc_settings, op):
    op.set_code_ttl(1)
    _account(op, "slow", "slow@testdorp.example")
    client = Client()
    callback = Browser(op.issuer).sign_in(_start(client), "slow")
    time.sleep(2.2)
    response = client.get(path_of(callback))
    assert response.status_code == 400
    assert "De inlogcode van Gemeente Test is verlopen" in response.content.decode()
    assert not User.objects.filter(email="slow@testdorp.example").exists()
    assert not _logged_in(client)


def test_the_callback_cannot_be_replayed(oidc_settings, op):
    _account(op, "replay", "replay@testdorp.example")
    client = Client()
    first, _, callback = _sign_in(op, client, "replay")
    assert first.status_code == 302
    again = client.get(path_of(callback))
    assert again.status_code == 400
    stranger = Client()  # someone who copied the callback URL
    stolen = stranger.get(path_of(callback))
    assert stolen.status_code == 400 and not _logged_in(stranger)
    assert OIDCIdentity.objects.filter(subject="replay").count() == 1


@pytest.mark.parametrize(
    "claim, value",
    [("iss", "http://127.0.0.1:9/someone-else"), ("aud", "another-client"), ("nonce", "forged")],
)
def test_an_unexpected_issuer_audience_or_nonce_is_refused(oidc_settings, op, claim, value):
    _account(op, f"tampered-{claim}", f"{claim}@testdorp.example")
    op.tamper_next_id_token(claim, value)
    client = Client()
    response, _, _ = _sign_in(op, client, f"tampered-{claim}")
    assert response.status_code == 400
    assert "klopte niet" in response.content.decode()
    assert not User.objects.filter(email=f"{claim}@testdorp.example").exists()
    assert not OIDCIdentity.objects.exists()
    assert not _logged_in(client) and "oidc_id_token" not in client.session


@pytest.mark.parametrize(
    "next_url, landing",
    [
        ("https://evil.example/steal", "/account/profiel/"),
        ("//evil.example/steal", "/account/profiel/"),
        ("/account/mijn-gegevens/", "/account/mijn-gegevens/"),
    ],
)
def test_next_cannot_open_redirect(oidc_settings, op, next_url, landing):
    _account(op, "nexter", "nexter@testdorp.example")
    response, _, _ = _sign_in(op, Client(), "nexter", next_url=next_url)
    assert response.status_code == 302 and response["Location"] == landing


def test_logout_ends_the_provider_session_too(oidc_settings, op):
    _account(op, "leaver", "leaver@testdorp.example")
    client = Client()
    _, browser, _ = _sign_in(op, client, "leaver")
    response = client.post("/account/uitloggen/")
    assert not _logged_in(client) and response.status_code == 200
    end_session = unescape(
        re.search(r'id="oidc-end-session" href="([^"]+)"', response.content.decode())[1]
    )
    assert f'content="0;url={escape(end_session)}"' in response.content.decode()
    assert end_session.startswith(op.issuer)
    params = parse_qs(urlparse(end_session).query)
    assert params["post_logout_redirect_uri"] == ["http://testserver/"]
    assert params["id_token_hint"][0].count(".") == 2
    assert browser.confirm_logout(end_session).startswith("http://testserver/")
    # The provider asks for the login again: its session is gone.
    url, page = browser._follow(_start(Client()))
    assert page is not None and 'name="login"' in page.text


def test_deactivated_account_cannot_sign_in_through_the_provider(oidc_settings, op, make_user):
    make_user(email="gone@testdorp.example", is_active=False)
    _account(op, "gone", "gone@testdorp.example")
    client = Client()
    response, _, _ = _sign_in(op, client, "gone")
    assert response.status_code == 400 and "niet actief" in response.content.decode()
    assert not _logged_in(client)


def test_login_page_offers_the_provider(oidc_settings, client):
    html = client.get("/account/inloggen/?next=/kennisbank/").content.decode()
    assert "Inloggen met Gemeente Test" in html
    assert START + "?next=/kennisbank/" in html.replace("%2F", "/")


def test_password_login_can_be_switched_off_per_domain(oidc_settings, make_user, client):
    make_user(email="piet@testdorp.example")
    make_user(email="els@elders.example")
    PasswordLoginDisabledDomain.objects.create(domain="@Testdorp.example")
    refused = client.post(
        "/account/inloggen/", {"username": "piet@testdorp.example", "password": PASSWORD}
    )
    assert refused.status_code == 200 and not _logged_in(client)
    assert "niet met een wachtwoord inloggen" in refused.content.decode()
    other = client.post(
        "/account/inloggen/", {"username": "els@elders.example", "password": PASSWORD}
    )
    assert other.status_code == 302 and _logged_in(client)


@pytest.mark.parametrize(
    "value, fragment",
    [
        ("{not json", "not valid JSON"),
        ('[{"slug": "x"}]', "lacks label, issuer, client_id, client_secret"),
        (
            '[{"slug": "Bad Slug", "label": "a", "issuer": "https://a", "client_id": "a", '
            '"client_secret": "b"}]',
            "slug",
        ),
    ],
)
def test_a_wrong_provider_configuration_fails_the_system_check(settings, value, fragment):
    from django.core.management.base import SystemCheckError

    settings.OIDC_PROVIDERS = value
    with pytest.raises(SystemCheckError, match=fragment):
        call_command("check")


def test_the_provider_list_is_valid_json_in_settings(oidc_settings):
    assert json.loads(oidc_settings.OIDC_PROVIDERS)[0]["slug"] == "gemeente-test"
