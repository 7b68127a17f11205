"""One provider's sign-in: code exchange (with PKCE), ID token checks, account linking.

Built on mozilla-django-oidc's backend (token request, JWKS key lookup, userinfo), with
the settings taken from the provider instead of Django settings, and with the checks the
library leaves out: issuer, audience (and ``azp``), expiry, ``sub`` of userinfo. Every
refusal raises :class:`SignInRefused` with a message for the user, before anything is
stored.
"""

from __future__ import annotations

import logging

import jwt
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import absolutify

from ..identity_models import ClaimRoleMapping, OIDCIdentity
from ..roles import PROFESSIONAL, assign_role
from .config import Provider

logger = logging.getLogger("accounts.security")
SIGNING_ALGORITHMS = ["RS256", "RS384", "RS512", "ES256", "ES384", "PS256"]
CALLBACK_URL = "accounts:oidc_callback"


class SignInRefused(Exception):
    def __init__(self, message: str, reason: str = ""):
        super().__init__(reason or message)
        self.message = message


def provider_settings(provider: Provider) -> dict:
    return {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": provider.endpoint("authorization_endpoint"),
        "OIDC_OP_TOKEN_ENDPOINT": provider.endpoint("token_endpoint"),
        "OIDC_OP_USER_ENDPOINT": provider.endpoint("userinfo_endpoint"),
        "OIDC_OP_JWKS_ENDPOINT": provider.endpoint("jwks_uri"),
        "OIDC_RP_CLIENT_ID": provider.client_id,
        "OIDC_RP_CLIENT_SECRET": provider.client_secret,
        "OIDC_RP_SIGN_ALGO": "RS256",
        "OIDC_RP_SCOPES": provider.scopes,
        "OIDC_USE_PKCE": True,
        "OIDC_USE_NONCE": True,
        "OIDC_TIMEOUT": 10,
        "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL,
        "OIDC_REDIRECT_FIELD_NAME": "next",
    }


def _is_true(value) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


class ProviderBackend(OIDCAuthenticationBackend):
    def __init__(self, provider: Provider):
        self.provider = provider
        self._settings = provider_settings(provider)
        super().__init__()

    def get_settings(self, attr, *args):
        if attr in self._settings:
            return self._settings[attr]
        from mozilla_django_oidc.utils import import_from_settings

        return import_from_settings(attr, *args)

    # -- the code flow --------------------------------------------------------------
    def authenticate(self, request, nonce=None, code_verifier=None, **kwargs):
        """Exchange the code and return the (new or linked) user; raises SignInRefused."""
        self.request = request
        payload = {
            "client_id": self.OIDC_RP_CLIENT_ID,
            "client_secret": self.OIDC_RP_CLIENT_SECRET,
            "grant_type": "authorization_code",
            "code": request.GET.get("code", ""),
            "redirect_uri": absolutify(request, reverse(CALLBACK_URL)),
            "code_verifier": code_verifier,
        }
        token_info = self.get_token(payload)  # HTTPError on invalid_grant (expired/used code)
        self.id_token = token_info.get("id_token") or ""
        id_claims = self.verify_id_token(self.id_token, nonce)
        claims = self.get_userinfo(token_info.get("access_token"), self.id_token, id_claims)
        if claims.get("sub") != id_claims["sub"]:
            raise SignInRefused(self._refusal(), "userinfo sub differs from the ID token")
        return self.user_for({**id_claims, **claims})

    def verify_id_token(self, token: str, nonce: str | None) -> dict:
        if not token:
            raise SignInRefused(self._refusal(), "no ID token")
        try:
            key = self.retrieve_matching_jwk(token)
            claims = jwt.decode(
                token,
                key,
                algorithms=SIGNING_ALGORITHMS,
                audience=self.provider.client_id,
                issuer=self.provider.issuer,
                leeway=60,
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            )
        except jwt.InvalidIssuerError as exc:
            raise SignInRefused(self._refusal(), "unexpected issuer") from exc
        except jwt.InvalidAudienceError as exc:
            raise SignInRefused(self._refusal(), "unexpected audience") from exc
        except (jwt.PyJWTError, SuspiciousOperation) as exc:
            raise SignInRefused(self._refusal(), f"invalid ID token: {exc}") from exc
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        if len(audiences) > 1 and claims.get("azp") != self.provider.client_id:
            raise SignInRefused(self._refusal(), "unexpected authorized party")
        if not nonce or claims.get("nonce") != nonce:
            raise SignInRefused(self._refusal(), "nonce does not match")
        return claims

    def _refusal(self) -> str:
        return _(
            "Het antwoord van %(provider)s klopte niet (het was niet voor deze site bestemd of "
            "niet van deze aanbieder). Uit veiligheid bent u niet ingelogd en is er niets "
            "opgeslagen. Probeer het opnieuw; blijft dit gebeuren, meld het dan aan de beheerder."
        ) % {"provider": self.provider.label}

    # -- the account ------------------------------------------------------------------
    @transaction.atomic
    def user_for(self, claims: dict):
        User = get_user_model()
        email = (claims.get("email") or "").strip().lower()
        if not email or not _is_true(claims.get("email_verified")):
            raise SignInRefused(
                _(
                    "%(provider)s heeft uw e-mailadres niet als gecontroleerd doorgegeven. "
                    "Zonder gecontroleerd e-mailadres kunnen wij u niet inloggen. Vraag de "
                    "beheerder van uw organisatie om uw e-mailadres te laten bevestigen."
                )
                % {"provider": self.provider.label},
                "email not verified",
            )
        identity = (
            OIDCIdentity.objects.select_related("user")
            .filter(provider=self.provider.slug, subject=claims["sub"])
            .first()
        )
        user = identity.user if identity else User.objects.filter(email__iexact=email).first()
        if user is None:
            if not self.provider.allow_create:
                raise SignInRefused(
                    _("Er is nog geen account voor %(email)s. Vraag een beheerder om toegang.")
                    % {"email": email},
                    "no account and creation is off",
                )
            user = User.objects.create_user(
                email=email,
                first_name=(claims.get("given_name") or "")[:150],
                last_name=(claims.get("family_name") or "")[:150],
                organisation=self.organisation(claims),
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
            assign_role(user, PROFESSIONAL)
            self.created = True
        else:
            self.created = False
            if not user.is_active:
                raise SignInRefused(
                    _(
                        "Dit account is niet actief. Neem contact op met de beheerder van uw "
                        "organisatie."
                    ),
                    "inactive account",
                )
            if user.organisation_id is None:
                user.organisation = self.organisation(claims)
                user.save(update_fields=["organisation"])
        if identity is None:
            OIDCIdentity.objects.create(
                user=user, provider=self.provider.slug, subject=claims["sub"]
            )
        self.apply_role_mappings(user, claims)
        return user

    def organisation(self, claims: dict):
        from taxonomy.models import Organisation

        wanted = ""
        if self.provider.organisation_claim:
            value = claims.get(self.provider.organisation_claim)
            wanted = value[0] if isinstance(value, list) and value else value or ""
        for candidate in (str(wanted), self.provider.organisation):
            if not candidate:
                continue
            found = Organisation.objects.filter(slug__iexact=candidate).first() or (
                Organisation.objects.filter(name__iexact=candidate).first()
            )
            if found:
                return found
        return None

    def apply_role_mappings(self, user, claims: dict) -> None:
        """Only roles a beheerder mapped explicitly; nothing else from the provider."""
        for mapping in ClaimRoleMapping.objects.filter(provider=self.provider.slug):
            value = claims.get(mapping.claim)
            values = value if isinstance(value, list) else [value]
            if mapping.value in [str(v) for v in values if v is not None]:
                assign_role(user, mapping.role)
