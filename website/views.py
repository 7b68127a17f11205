import base64
import logging
import threading
import time
import urllib.error
import urllib.request
from urllib.parse import unquote, urlsplit, urlunsplit

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

SEARCH_PING_TIMEOUT = 1.0  # seconds; the health check must answer fast
SEARCH_PING_CACHE_SECONDS = 5.0
_search_pings: dict[str, tuple[float, str]] = {}
_search_pings_lock = threading.Lock()
_no_proxy_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def search_engine_url() -> str | None:
    """The configured search engine: OpenSearch or Elasticsearch (either may be unset)."""
    return getattr(settings, "OPENSEARCH_URL", None) or getattr(settings, "ELASTICSEARCH_URL", None)


def ping_search_engine(url: str) -> str:
    """'ok' when a GET of the cluster's root answers 2xx within the timeout, else 'unreachable'.

    Plain HTTP (works for Elasticsearch and OpenSearch alike); credentials in the URL are sent
    as Basic auth. The answer is kept for a few seconds per URL, so a burst of health checks
    costs one request and a dead cluster never slows the endpoint by more than the timeout.
    """
    now = time.monotonic()
    with _search_pings_lock:
        cached = _search_pings.get(url)
        if cached and cached[0] > now:
            return cached[1]
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{host}:{parts.port}" if parts.port else host
    request = urllib.request.Request(urlunsplit((parts.scheme, netloc, "/", "", "")))
    if parts.username:
        credentials = f"{unquote(parts.username)}:{unquote(parts.password or '')}"
        request.add_header(
            "Authorization", "Basic " + base64.b64encode(credentials.encode()).decode()
        )
    try:
        with _no_proxy_opener.open(request, timeout=SEARCH_PING_TIMEOUT) as response:
            result = "ok" if 200 <= response.status < 300 else "unreachable"
    except urllib.error.HTTPError as error:
        logger.warning("Health check: search engine answered HTTP %s", error.code)
        result = "unreachable"
    except (OSError, ValueError) as error:  # refused, timeout, DNS, malformed URL
        logger.warning("Health check: search engine unreachable: %s", error)
        result = "unreachable"
    with _search_pings_lock:
        _search_pings[url] = (time.monotonic() + SEARCH_PING_CACHE_SECONDS, result)
    return result


@never_cache
def healthz(request):
    """Liveness and readiness for load balancers and docker compose health checks."""
    checks = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
    except Exception as exc:  # any database failure makes the instance unready
        logger.warning("Health check: database unavailable: %s", exc)
        checks["database"] = "unavailable"
    try:
        if hasattr(cache, "redis_available"):
            # The resilient Redis cache answers from memory during an outage: ask Redis.
            checks["cache"] = "ok" if cache.redis_available() else "unavailable"
        else:
            cache.set("healthz", "ok", 5)
            checks["cache"] = "ok" if cache.get("healthz") == "ok" else "unavailable"
    except Exception as exc:
        logger.warning("Health check: cache unavailable: %s", exc)
        checks["cache"] = "unavailable"
    checks["celery_heartbeat"] = cache.get("celery:heartbeat") if checks["cache"] == "ok" else None
    # Search falls back to the database, so an unreachable engine does not make us unready.
    engine = search_engine_url()
    checks["search_engine"] = ping_search_engine(engine) if engine else "not configured"
    healthy = checks["database"] == "ok"
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks},
        status=200 if healthy else 503,
    )


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # Rendered without a request context: the failure may be in the database or a context processor.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(
        loader.get_template("500.html").render({"site_name": settings.WAGTAIL_SITE_NAME})
    )
