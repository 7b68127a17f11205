"""System check: OIDC_PROVIDERS must parse and use https issuers (outside DEBUG, 127.0.0.1 excepted)."""

from django.conf import settings
from django.core import checks

from .config import ConfigurationError, parse


@checks.register(checks.Tags.security)
def check_oidc_providers(app_configs=None, **kwargs):
    try:
        found = parse(getattr(settings, "OIDC_PROVIDERS", "[]"))
    except ConfigurationError as exc:
        return [checks.Error(str(exc), hint="See docs/identity.md", id="accounts.E001")]
    errors = []
    for provider in found:
        if provider.issuer.startswith("http://") and not settings.DEBUG:
            host = provider.issuer.split("/")[2].split(":")[0]
            if host not in {"127.0.0.1", "localhost"}:
                errors.append(
                    checks.Error(
                        f"OIDC provider {provider.slug!r}: issuer must use https",
                        id="accounts.E002",
                    )
                )
    return errors
