"""System check: refuse malformed configuration at start-up, naming the variable.

Runs with every management command that checks (``runserver``, ``migrate`` – which the
production stack runs before the web, worker and beat start – and ``check``). It reports:

- values the settings could not parse (``settings.ENVIRONMENT_PROBLEMS``, filled by
  ``website/settings/env.py``: a port or number that is not a whole number, a bad boolean,
  a database or e-mail URL that does not parse);
- rates in the ``10/h`` syntax (anonymous forms, API throttles): ``10/x`` is refused here
  instead of failing on the first request that reads it;
- service URLs (Redis, Celery broker, Elasticsearch/OpenSearch, site URL): scheme, host and
  a numeric port;
- ``TRUSTED_PROXIES``: every entry an IP network in CIDR notation.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

from django.conf import settings
from django.core.checks import Error, register

from .ratelimit import parse_networks, parse_rate

# setting -> (environment variable, allowed URL schemes)
URL_SETTINGS = {
    "SITE_URL": ("SITE_URL", {"http", "https"}),
    "REDIS_URL": ("REDIS_URL", {"redis", "rediss", "unix"}),
    "CELERY_BROKER_URL": ("CELERY_BROKER_URL", {"redis", "rediss", "memory", "amqp", "amqps"}),
    "ELASTICSEARCH_URL": ("ELASTICSEARCH_URL", {"http", "https"}),
    "OPENSEARCH_URL": ("OPENSEARCH_URL", {"http", "https"}),
}


def _rate_settings():
    """(environment variable, configured rate) for every rate-limit setting."""
    rates = getattr(settings, "REST_FRAMEWORK", {}).get("DEFAULT_THROTTLE_RATES", {})
    yield (
        "RATE_LIMIT_ANONYMOUS_FORMS",
        getattr(settings, "PLATFORM_RATE_LIMIT_ANONYMOUS_FORMS", None),
    )
    yield "RATE_LIMIT_API_ANONYMOUS", rates.get("anon")
    yield "RATE_LIMIT_API_USER", rates.get("user")


def _redacted(value: str) -> str:
    """The URL without its password (error messages end up in logs)."""
    return re.sub(r"(//[^/@:]*:)[^/@]*@", r"\1***@", str(value))


def url_problem(value: str, schemes: set[str]) -> str | None:
    """What is wrong with a service URL, or None."""
    shown = repr(_redacted(value))
    try:
        parsed = urlparse(str(value))
        parsed.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return f"{shown} is not a valid URL (the port must be a number)"
    if parsed.scheme not in schemes:
        allowed = ", ".join(sorted(schemes))
        return f"{shown} has scheme {parsed.scheme!r}; expected one of {allowed}"
    if parsed.scheme not in {"memory", "unix"} and not parsed.hostname:
        return f"{shown} has no host name"
    return None


@register()
def check_environment(app_configs=None, **kwargs):
    errors = []
    problems = getattr(settings, "ENVIRONMENT_PROBLEMS", None) or {}
    for variable, problem in sorted(problems.items()):
        errors.append(
            Error(f"Environment variable {variable}: {problem}.", id="core.E001", obj=variable)
        )
    for variable, rate in _rate_settings():
        if rate is None and variable != "RATE_LIMIT_ANONYMOUS_FORMS":
            continue
        try:
            count, _window = parse_rate(rate)
        except ValueError:
            errors.append(
                Error(
                    f"Environment variable {variable}: {rate!r} is not a rate.",
                    hint="Use a count per period, e.g. 10/h, 60/m, 600/minute, 5/15m, 100/d.",
                    id="core.E002",
                    obj=variable,
                )
            )
            continue
        if count < 1:
            errors.append(
                Error(
                    f"Environment variable {variable}: the count must be at least 1.",
                    id="core.E002",
                    obj=variable,
                )
            )
    for setting, (variable, schemes) in URL_SETTINGS.items():
        value = getattr(settings, setting, None)
        if not value or variable in problems:
            continue
        if setting == "CELERY_BROKER_URL" and value == getattr(settings, "REDIS_URL", None):
            continue  # the broker defaults to REDIS_URL: reported once, under that name
        problem = url_problem(value, schemes)
        if problem:
            errors.append(
                Error(f"Environment variable {variable}: {problem}.", id="core.E003", obj=variable)
            )
    proxies = getattr(settings, "TRUSTED_PROXIES", None) or []
    try:
        parse_networks(proxies)
    except ValueError as error:
        errors.append(
            Error(
                f"Environment variable TRUSTED_PROXIES: {error}.",
                hint="A comma-separated list of networks, e.g. 10.0.0.0/8,172.16.0.0/12,::1/128.",
                id="core.E004",
                obj="TRUSTED_PROXIES",
            )
        )
    return errors
