"""Once in a real browser: sign in with the organisation's account at a real OpenID
provider, the account is created, and logout ends the provider session too."""

import json

import pytest
from django.contrib.auth import get_user_model

from accounts import roles
from tests.browser_helpers import axe_violations

from .oidc_harness import OpenIDProvider


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_sign_in_and_out_with_the_organisation_account_in_the_browser(page, live_server, settings):
    from taxonomy.factories import OrganisationFactory

    org = OrganisationFactory(name="Gemeente Browserdorp", slug="gemeente-browserdorp")
    op = OpenIDProvider(
        [
            {
                "client_id": "portal",
                "client_secret": "browser-secret-for-tests-only",
                "redirect_uris": [f"{live_server.url}/account/inloggen/oidc/terug/"],
                "post_logout_redirect_uris": [f"{live_server.url}/"],
            }
        ]
    ).start()
    try:
        settings.OIDC_PROVIDERS = json.dumps([op.settings_entry(organisation=org.slug)])
        op.add_account(
            "lotte", email="lotte@browserdorp.example", email_verified=True, given_name="Lotte"
        )
        page.goto("/account/inloggen/")
        assert axe_violations(page) == []
        page.get_by_role("link", name="Inloggen met Gemeente Test").click()
        page.wait_for_url(f"{op.issuer}/**")
        page.fill('input[name="login"]', "lotte")
        page.fill('input[name="password"]', "whatever")
        page.get_by_role("button", name="Sign-in").click()
        page.wait_for_url("**/account/profiel/")
        assert page.get_by_role("heading", name="Mijn profiel").is_visible()
        user = get_user_model().objects.get(email="lotte@browserdorp.example")
        assert user.organisation == org and roles.user_roles(user) == {roles.PROFESSIONAL}

        page.get_by_role("button", name="Uitloggen").click()
        page.wait_for_url(f"{op.issuer}/**")
        page.get_by_role("button", name="Yes, sign me out").click()
        page.wait_for_url(f"{live_server.url}/")
        assert page.get_by_role("link", name="Inloggen").first.is_visible()
        # The provider asks for the password again: its session ended.
        page.goto("/account/inloggen/oidc/gemeente-test/")
        page.wait_for_url(f"{op.issuer}/**")
        assert page.locator('input[name="login"]').is_visible()
        assert page.js_errors == []
    finally:
        op.stop()
