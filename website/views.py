import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)


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
    checks["elasticsearch"] = "configured" if settings.ELASTICSEARCH_URL else "not configured"
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
