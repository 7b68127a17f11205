"""Which engine, which client, and the pause after a failure.

``OPENSEARCH_URL`` selects ``opensearch-py``; ``ELASTICSEARCH_URL`` the ``elasticsearch`` 8.x
client (which refuses to talk to OpenSearch). Both take a comma-separated list of node URLs.
Request bodies are the same for both (built with ``elasticsearch.dsl``).

After a failed request this process stops asking the engine for ``SEARCH_ENGINE_PAUSE_SECONDS``
(search answers from the database meanwhile) and logs one warning per pause, so a dead node
costs at most one timeout per pause instead of one per request.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings

logger = logging.getLogger("search.engine")

TIMEOUT = 2.0
PING_TIMEOUT = 1.0


class Unavailable(Exception):
    """The engine could not answer (down, timeout, missing index, wrong product)."""


def flavour() -> str | None:
    """``"opensearch"``, ``"elasticsearch"`` or None (no engine configured)."""
    if getattr(settings, "OPENSEARCH_URL", None):
        return "opensearch"
    if getattr(settings, "ELASTICSEARCH_URL", None):
        return "elasticsearch"
    return None


def is_configured() -> bool:
    return flavour() is not None


def url() -> str:
    name = flavour()
    if name == "opensearch":
        return settings.OPENSEARCH_URL
    return getattr(settings, "ELASTICSEARCH_URL", "") or ""


def hosts() -> list[str]:
    return [part.strip() for part in url().split(",") if part.strip()]


def alias_name() -> str:
    return f"{getattr(settings, 'ELASTICSEARCH_INDEX_PREFIX', 'lerendstelsel')}-search"


_clients: dict[tuple, object] = {}
_clients_lock = threading.Lock()


def client():
    """A client for the configured engine (one per flavour and URL, shared by threads)."""
    timeout = float(getattr(settings, "SEARCH_ENGINE_TIMEOUT", TIMEOUT))
    key = (flavour(), url(), timeout)
    retries = len(hosts()) - 1  # a refused connection moves on to the next node, once each
    with _clients_lock:
        found = _clients.get(key)
        if found is None:
            if key[0] == "opensearch":
                from opensearchpy import OpenSearch

                found = OpenSearch(
                    hosts=hosts(), timeout=timeout, max_retries=retries, retry_on_timeout=False
                )
            else:
                from elasticsearch import Elasticsearch

                found = Elasticsearch(
                    hosts(), request_timeout=timeout, max_retries=retries, retry_on_timeout=False
                )
            _clients[key] = found
        return found


def helpers():
    """``bulk``, ``streaming_bulk`` and ``scan`` of the configured client library."""
    if flavour() == "opensearch":
        from opensearchpy import helpers as found
    else:
        from elasticsearch import helpers as found
    return found


def errors() -> tuple[type[BaseException], ...]:
    """Every exception that means "the engine did not answer properly"."""
    found: list[type[BaseException]] = [OSError]
    try:
        from opensearchpy.exceptions import ImproperlyConfigured, OpenSearchException

        found += [OpenSearchException, ImproperlyConfigured]
    except ImportError:  # pragma: no cover - both clients are dependencies
        pass
    from elastic_transport import TransportError as ElasticTransportError
    from elasticsearch import ApiError
    from elasticsearch.helpers import BulkIndexError

    found += [ApiError, ElasticTransportError, BulkIndexError]
    try:
        from opensearchpy.helpers.errors import BulkIndexError as OpenSearchBulkError

        found.append(OpenSearchBulkError)
    except ImportError:  # pragma: no cover
        pass
    return tuple(found)


def not_found_errors() -> tuple[type[BaseException], ...]:
    from elasticsearch import NotFoundError as ElasticNotFound
    from opensearchpy.exceptions import NotFoundError as OpenSearchNotFound

    return (ElasticNotFound, OpenSearchNotFound)


# The pause ----------------------------------------------------------------------------------

_pause_lock = threading.Lock()
_paused_until = 0.0


def pause_seconds() -> float:
    return float(getattr(settings, "SEARCH_ENGINE_PAUSE_SECONDS", 30))


def paused() -> bool:
    return time.monotonic() < _paused_until


def pause(exc: BaseException) -> bool:
    """Start a pause after a failure; True (and one warning) when none was running."""
    global _paused_until
    with _pause_lock:
        now = time.monotonic()
        started = now >= _paused_until
        _paused_until = now + pause_seconds()
    if started:
        logger.warning(
            "search engine (%s) unavailable, answering from the database for %.0f s: %s",
            flavour(),
            pause_seconds(),
            str(exc)[:300],
        )
    return started


def resume() -> None:
    global _paused_until
    with _pause_lock:
        _paused_until = 0.0


def call(fn, *args, **kwargs):
    """Run one engine request for a user-facing read: Unavailable while paused or failing."""
    if paused():
        raise Unavailable("paused after an earlier failure")
    try:
        return fn(*args, **kwargs)
    except errors() as exc:
        pause(exc)
        raise Unavailable(str(exc)[:300]) from exc


def ping() -> dict:
    """Cheap health check for /healthz/ and the admin: one cluster-health request.

    Returns ``{"engine": "opensearch"|"elasticsearch"|None, "ok": bool, "detail": str}``.
    Not configured counts as ok (the database answers searches).
    """
    name = flavour()
    if name is None:
        return {"engine": None, "ok": True, "detail": "not configured"}
    try:
        health = client().cluster.health(request_timeout=PING_TIMEOUT)
        status = health.get("status", "unknown")
    except errors() as exc:
        return {"engine": name, "ok": False, "detail": f"{type(exc).__name__}: {str(exc)[:200]}"}
    except Exception as exc:  # misconfiguration (bad URL, wrong scheme) must not break health
        return {"engine": name, "ok": False, "detail": f"{type(exc).__name__}: {str(exc)[:200]}"}
    return {"engine": name, "ok": status in ("green", "yellow"), "detail": f"cluster {status}"}
