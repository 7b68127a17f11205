"""Start, callback and logout of OpenID Connect sign-in (one callback URL for all providers).

The start view is mozilla-django-oidc's (state, nonce, PKCE verifier in the session; ``next``
checked against this host) with the provider's settings; the state is tied to the provider.
The callback takes the state out of the session before anything else, so it cannot be
replayed, and shows a clear page for every refusal.
"""

from __future__ import annotations

import logging
from urllib.parse import parse_qs, urlencode, urlparse

import requests
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from .backend import ProviderBackend, SignInRefused, provider_settings
from .config import get_provider

logger = logging.getLogger("accounts.security")
STATE_PROVIDERS = "oidc_state_providers"
SESSION_PROVIDER = "oidc_provider"
SESSION_ID_TOKEN = "oidc_id_token"
LOGIN_BACKEND = "accounts.backends.EmailBackend"


def _failure(request, message: str, status: int = 400):
    return render(request, "accounts/oidc_failed.html", {"message": message}, status=status)


def _unreachable(request, provider):
    return _failure(
        request,
        _("De inlogdienst van %(provider)s is nu niet bereikbaar. Probeer het later opnieuw.")
        % {"provider": provider.label},
        status=503,
    )


class StartView(OIDCAuthenticationRequestView):
    def __init__(self, **kwargs):  # settings come per request, from the provider
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)

    def get_settings(self, attr, *args):
        if attr in self._settings:
            return self._settings[attr]
        from mozilla_django_oidc.utils import import_from_settings

        return import_from_settings(attr, *args)

    def get(self, request, slug):
        provider = get_provider(slug)
        if provider is None:
            raise Http404
        self._settings = provider_settings(provider)
        self.OIDC_OP_AUTH_ENDPOINT = self._settings["OIDC_OP_AUTHORIZATION_ENDPOINT"]
        self.OIDC_RP_CLIENT_ID = provider.client_id
        if not self.OIDC_OP_AUTH_ENDPOINT:
            return _unreachable(request, provider)
        response = super().get(request)
        state = parse_qs(urlparse(response["Location"]).query)["state"][0]
        request.session.setdefault(STATE_PROVIDERS, {})[state] = provider.slug
        request.session.modified = True
        return response


def callback(request):
    states = request.session.get("oidc_states") or {}
    state = request.GET.get("state", "")
    entry = states.pop(state, None) if state else None
    slug = (request.session.get(STATE_PROVIDERS) or {}).pop(state, None) if state else None
    request.session.modified = True
    request.session.save()  # the state is spent now, whatever happens next
    if entry is None or slug is None:
        logger.warning("OIDC callback with unknown or used state")
        return _failure(
            request,
            _(
                "Deze inlogpoging is verlopen of al gebruikt. Uit veiligheid bent u niet "
                "ingelogd. Begin opnieuw bij de inlogpagina."
            ),
        )
    provider = get_provider(slug)
    if provider is None:
        raise Http404
    if request.GET.get("error") or not request.GET.get("code"):
        return _failure(
            request,
            _("%(provider)s heeft de aanmelding niet voltooid. Probeer het opnieuw.")
            % {"provider": provider.label},
        )
    backend = ProviderBackend(provider)
    try:
        user = backend.authenticate(
            request, nonce=entry.get("nonce"), code_verifier=entry.get("code_verifier")
        )
    except SignInRefused as exc:
        logger.warning("OIDC sign-in with %s refused: %s", provider.slug, exc)
        return _failure(request, exc.message)
    except requests.HTTPError as exc:
        logger.warning("OIDC token request to %s failed: %s", provider.slug, exc)
        return _failure(
            request,
            _(
                "De inlogcode van %(provider)s is verlopen of al gebruikt. Begin opnieuw bij "
                "de inlogpagina."
            )
            % {"provider": provider.label},
        )
    except requests.RequestException:
        return _unreachable(request, provider)
    next_url = request.session.get("oidc_login_next")
    if not next_url or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = resolve_url(settings.LOGIN_REDIRECT_URL)
    request.login_method = f"oidc:{provider.slug}"
    auth.login(request, user, backend=LOGIN_BACKEND)
    request.session[SESSION_PROVIDER] = provider.slug
    request.session[SESSION_ID_TOKEN] = backend.id_token
    return HttpResponseRedirect(next_url)


class LogoutView(auth_views.LogoutView):
    """Django's logout, then RP-initiated logout at the provider the user signed in with.

    The site's CSP (``form-action 'self'``) forbids a form POST from redirecting to another
    origin, so the logout answers with a page that moves on to the provider at once
    (meta refresh, which the CSP allows) and offers the same link.
    """

    def post(self, request, *args, **kwargs):
        slug = request.session.get(SESSION_PROVIDER)
        id_token = request.session.get(SESSION_ID_TOKEN)
        response = super().post(request, *args, **kwargs)
        provider = get_provider(slug) if slug else None
        end_session = provider.endpoint("end_session_endpoint") if provider else None
        if not end_session:
            return response
        params = {
            "client_id": provider.client_id,
            "post_logout_redirect_uri": request.build_absolute_uri(
                resolve_url(settings.LOGOUT_REDIRECT_URL)
            ),
        }
        if id_token:
            params["id_token_hint"] = id_token
        return render(
            request,
            "accounts/oidc_logout.html",
            {"provider": provider, "end_session_url": f"{end_session}?{urlencode(params)}"},
        )
