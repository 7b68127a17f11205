"""The OpenID providers, read from the OIDC_PROVIDERS environment variable (a JSON list).

Each entry::

    {"slug": "gemeente-a", "label": "Werkaccount Gemeente A",
     "issuer": "https://login.gemeente-a.nl", "client_id": "...", "client_secret": "...",
     "scopes": "openid email profile", "organisation": "gemeente-a",
     "organisation_claim": "organisation", "allow_create": true}

Endpoints come from the issuer's discovery document unless given explicitly
(``authorization_endpoint``, ``token_endpoint``, ``userinfo_endpoint``, ``jwks_uri``,
``end_session_endpoint``). ``accounts.oidc.checks`` validates the list at start-up.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

import requests
from django.conf import settings
from django.core.cache import cache

REQUIRED = ("slug", "label", "issuer", "client_id", "client_secret")
OPTIONAL = (
    "scopes",
    "organisation",
    "organisation_claim",
    "allow_create",
    "authorization_endpoint",
    "token_endpoint",
    "userinfo_endpoint",
    "jwks_uri",
    "end_session_endpoint",
)
ENDPOINTS = (
    "authorization_endpoint",
    "token_endpoint",
    "userinfo_endpoint",
    "jwks_uri",
    "end_session_endpoint",
)
SLUG = re.compile(r"^[a-z0-9-]{1,60}$")
DISCOVERY_TIMEOUT = 5


class ConfigurationError(ValueError):
    pass


@dataclass(frozen=True)
class Provider:
    slug: str
    label: str
    issuer: str
    client_id: str
    client_secret: str
    scopes: str = "openid email profile"
    organisation: str = ""
    organisation_claim: str = ""
    allow_create: bool = True
    endpoints: dict = field(default_factory=dict, compare=False, hash=False)

    def endpoint(self, name: str) -> str | None:
        if self.endpoints.get(name):
            return self.endpoints[name]
        return discovery(self.issuer).get(name)


def parse(raw) -> list[Provider]:
    """Parse and validate the setting; raises ConfigurationError with a readable message."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw or "[]")
        except json.JSONDecodeError as exc:
            raise ConfigurationError(f"OIDC_PROVIDERS is not valid JSON: {exc}") from exc
    if not isinstance(raw, list):
        raise ConfigurationError("OIDC_PROVIDERS must be a JSON list of objects")
    found, slugs = [], set()
    for number, entry in enumerate(raw, start=1):
        if not isinstance(entry, dict):
            raise ConfigurationError(f"OIDC_PROVIDERS entry {number} is not an object")
        missing = [key for key in REQUIRED if not str(entry.get(key) or "").strip()]
        if missing:
            raise ConfigurationError(f"OIDC_PROVIDERS entry {number} lacks {', '.join(missing)}")
        unknown = sorted(set(entry) - set(REQUIRED) - set(OPTIONAL))
        if unknown:
            raise ConfigurationError(
                f"OIDC_PROVIDERS entry {number} has unknown keys: {', '.join(unknown)}"
            )
        slug = entry["slug"]
        if not SLUG.match(slug):
            raise ConfigurationError(
                f"OIDC_PROVIDERS entry {number}: slug {slug!r} may hold only a-z, 0-9 and -"
            )
        if slug in slugs:
            raise ConfigurationError(f"OIDC_PROVIDERS: slug {slug!r} is used twice")
        slugs.add(slug)
        if not re.match(r"^https?://", entry["issuer"]):
            raise ConfigurationError(f"OIDC_PROVIDERS entry {number}: issuer must be a URL")
        if "openid" not in str(entry.get("scopes", "openid")).split():
            raise ConfigurationError(f"OIDC_PROVIDERS entry {number}: scopes lack 'openid'")
        found.append(
            Provider(
                slug=slug,
                label=entry["label"],
                issuer=entry["issuer"].rstrip("/"),
                client_id=entry["client_id"],
                client_secret=entry["client_secret"],
                scopes=entry.get("scopes") or "openid email profile",
                organisation=entry.get("organisation") or "",
                organisation_claim=entry.get("organisation_claim") or "",
                allow_create=bool(entry.get("allow_create", True)),
                endpoints={key: entry[key] for key in ENDPOINTS if entry.get(key)},
            )
        )
    return found


def providers() -> list[Provider]:
    """The configured providers; an invalid setting yields none (the system check reports it)."""
    try:
        return parse(getattr(settings, "OIDC_PROVIDERS", "[]"))
    except ConfigurationError:
        return []


def get_provider(slug: str) -> Provider | None:
    return next((p for p in providers() if p.slug == slug), None)


def discovery(issuer: str) -> dict:
    """The provider's discovery document, cached for an hour (empty while unreachable)."""
    key = "oidc-discovery:" + issuer
    document = cache.get(key)
    if document is None:
        try:
            response = requests.get(
                issuer + "/.well-known/openid-configuration", timeout=DISCOVERY_TIMEOUT
            )
            response.raise_for_status()
            document = response.json()
        except (requests.RequestException, ValueError):
            return {}
        cache.set(key, document, 60 * 60)
    return document
