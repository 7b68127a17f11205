"""Read configuration from environment variables only.

Every setting that differs between machines comes from here, so the settings
modules stay declarative and the README can list every variable.

A malformed value does not crash the import with a bare traceback: it is recorded in
``PROBLEMS`` (variable name -> what is wrong) and the default is used, and the system check
``core.checks`` refuses to start (``migrate``, ``runserver``, ``check``) naming the variable.
"""

import os
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url

# Variable name -> description of the malformed value (reported by core.checks).
PROBLEMS: dict[str, str] = {}


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    if value.strip().lower() not in _TRUE | _FALSE:
        PROBLEMS[name] = f"{value!r} is not true/false (use true, false, 1, 0, yes, no, on, off)"
        return default
    return value.strip().lower() in _TRUE


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = env(name)
    if value is None:
        return default
    if value.strip().upper() not in choices:
        PROBLEMS[name] = f"{value!r} is not one of {', '.join(sorted(choices))}"
        return default
    return value.strip().upper()


def env_int(name: str, default: int, minimum: int | None = 0) -> int:
    value = env(name)
    if value is None:
        return default
    try:
        number = int(value.strip())
    except ValueError:
        PROBLEMS[name] = f"{value!r} is not a whole number"
        return default
    if minimum is not None and number < minimum:
        PROBLEMS[name] = f"{number} is below the minimum of {minimum}"
        return default
    return number


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = env(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def database_config(default_sqlite_path) -> dict:
    url = env("DATABASE_URL")
    sqlite = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(default_sqlite_path),
        "OPTIONS": {"timeout": 20},
    }
    if not url:
        return sqlite
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
        urlparse(url).port  # noqa: B018 - raises ValueError for a port that is not a number
    except (ValueError, KeyError) as error:
        PROBLEMS["DATABASE_URL"] = f"not a database URL ({error})"
        return sqlite
    # No "SELECT 1" before every request: a connection that broke between requests fails
    # that one request and Django drops it (errors_occurred); DATABASE_CONN_HEALTH_CHECKS=1
    # turns the check back on.
    config["CONN_HEALTH_CHECKS"] = env_bool("DATABASE_CONN_HEALTH_CHECKS", False)
    if config.get("ENGINE", "").endswith("postgresql"):
        # Short OLTP queries: JIT compilation costs more than it saves (seen: 0.7 s on a
        # search statement that runs in 6 ms without it).
        options = config.setdefault("OPTIONS", {})
        options["options"] = (options.get("options", "") + " -c jit=off").strip()
    return config


def frontend_cache_config() -> dict:
    """``WAGTAILFRONTENDCACHE`` from the environment (docs/caching.md).

    FRONTEND_CACHE_HTTP_URLS: comma-separated proxies that accept PURGE (Varnish, nginx).
    FRONTEND_CACHE_CLOUDFLARE_TOKEN + FRONTEND_CACHE_CLOUDFLARE_ZONE: Cloudflare's API.
    FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION: an AWS CloudFront distribution (boto3).
    """
    backends = {}
    for index, url in enumerate(env_list("FRONTEND_CACHE_HTTP_URLS")):
        backends[f"http{index}"] = {"BACKEND": "core.purge.HTTPPurgeBackend", "LOCATION": url}
    if env("FRONTEND_CACHE_CLOUDFLARE_TOKEN"):
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env("FRONTEND_CACHE_CLOUDFLARE_TOKEN"),
            "ZONEID": env("FRONTEND_CACHE_CLOUDFLARE_ZONE"),
        }
    if env("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION"):
        backends["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": env("FRONTEND_CACHE_CLOUDFRONT_DISTRIBUTION"),
        }
    return backends


_EMAIL_BACKENDS = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "locmem": "django.core.mail.backends.locmem.EmailBackend",
    "dummy": "django.core.mail.backends.dummy.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "submission": "django.core.mail.backends.smtp.EmailBackend",
    "smtps": "django.core.mail.backends.smtp.EmailBackend",
}


def email_config_from_env(name: str = "EMAIL_URL") -> dict:
    """``email_config`` of the variable; a malformed URL is recorded and console mail used."""
    try:
        return email_config(env(name))
    except ValueError as error:
        PROBLEMS[name] = str(error)
        return email_config(None)


def email_config(url: str | None) -> dict:
    """Translate EMAIL_URL (e.g. ``smtp://user:pw@host:587/?tls=1``) to Django settings."""
    if not url:
        url = "console://"
    parsed = urlparse(url)
    scheme = parsed.scheme.lower()
    if scheme not in _EMAIL_BACKENDS:
        raise ValueError(f"EMAIL_URL scheme {scheme!r} is not supported")
    query = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
    config = {"EMAIL_BACKEND": _EMAIL_BACKENDS[scheme]}
    if _EMAIL_BACKENDS[scheme].endswith("smtp.EmailBackend"):
        config.update(
            EMAIL_HOST=parsed.hostname or "localhost",
            EMAIL_PORT=parsed.port
            or (465 if scheme == "smtps" else 587 if scheme == "submission" else 25),
            EMAIL_HOST_USER=unquote(parsed.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parsed.password or ""),
            EMAIL_USE_SSL=scheme == "smtps" or query.get("ssl") in {"1", "true"},
            EMAIL_USE_TLS=scheme == "submission" or query.get("tls") in {"1", "true"},
            EMAIL_TIMEOUT=int(query.get("timeout", 10)),
        )
    return config
