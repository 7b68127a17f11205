"""Read configuration from environment variables only.

Every setting that differs between machines comes from here, so the settings
modules stay declarative and the README can list every variable.
"""

import os
from urllib.parse import parse_qs, unquote, urlparse

import dj_database_url


def env(name: str, default: str | None = None) -> str | None:
    value = os.environ.get(name)
    return value if value not in (None, "") else default


def env_bool(name: str, default: bool = False) -> bool:
    value = env(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = env(name)
    return int(value) if value is not None else default


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = env(name)
    if value is None:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def database_config(default_sqlite_path) -> dict:
    url = env("DATABASE_URL")
    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(default_sqlite_path),
            "OPTIONS": {"timeout": 20},
        }
    config = dj_database_url.parse(url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60))
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
