import json

import pytest

from .oidc_harness import OpenIDProvider

CALLBACK = "http://testserver/account/inloggen/oidc/terug/"


@pytest.fixture(scope="module")
def op():
    """The real OpenID provider, one per test module, with a client for the test client."""
    provider = OpenIDProvider(
        [
            {
                "client_id": "portal",
                "client_secret": "portal-secret-for-tests-only",
                "redirect_uris": [CALLBACK],
                "post_logout_redirect_uris": ["http://testserver/"],
            }
        ]
    ).start()
    yield provider
    provider.stop()


@pytest.fixture
def oidc_org(db):
    from taxonomy.factories import OrganisationFactory

    return OrganisationFactory(name="Gemeente Testdorp", slug="gemeente-testdorp")


@pytest.fixture
def oidc_settings(settings, op, oidc_org):
    op.set_code_ttl(60)
    op.tamper_next_id_token(None, None)
    settings.OIDC_PROVIDERS = json.dumps(
        [op.settings_entry(organisation=oidc_org.slug, organisation_claim="organisation")]
    )
    return settings
