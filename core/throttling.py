"""API throttles (Django REST framework) keyed on ``core.ratelimit.client_ip``.

Anonymous requests are counted per client address, authenticated ones (a partner's token or
a session) per user. Rates come from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]`` (settings:
``RATE_LIMIT_API_ANONYMOUS``, ``RATE_LIMIT_API_USER``) and use the same syntax as every other
limit (``60/m``, ``600/minute``, ``1000/h``, ``5/15m``). A throttled request gets HTTP 429
with a ``Retry-After`` header (DRF's exception handler adds it).
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from .ratelimit import client_ip, parse_rate


class _ProjectRates:
    def get_ident(self, request):
        return client_ip(request)

    def get_rate(self):
        # Read at request time, so a changed setting (or a test override) applies at once.
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def parse_rate(self, rate):
        if rate is None:
            return (None, None)
        return parse_rate(rate)


class AnonymousThrottle(_ProjectRates, AnonRateThrottle):
    """Requests without a user, per client address."""


class UserThrottle(_ProjectRates, UserRateThrottle):
    """Requests with a token or a session, per user (anonymous ones per client address)."""
