"""/healthz/ pings the search engine (Elasticsearch or OpenSearch) instead of trusting the URL."""

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client

from website import views

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_pings():
    views._search_pings.clear()
    yield
    views._search_pings.clear()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again when the block ends: nobody listens


@pytest.fixture
def cluster():
    """A local HTTP server answering like a cluster's root; records the requests it got."""
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append((self.path, self.headers.get("Authorization")))
            body = json.dumps({"version": {"number": "8.19.0"}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.seen = seen
    yield server
    server.shutdown()
    server.server_close()


def _health():
    response = Client().get("/healthz/")
    return response.status_code, response.json()["checks"]


def test_unreachable_search_engine_is_reported_and_the_site_stays_ready(settings):
    settings.ELASTICSEARCH_URL = f"http://elastic:secret@127.0.0.1:{_closed_port()}"
    status, checks = _health()
    assert status == 200  # search falls back to the database
    assert checks["search_engine"] == "unreachable"
    assert checks["database"] == "ok"


def test_reachable_cluster_is_pinged_with_its_credentials_and_cached(settings, cluster):
    port = cluster.server_address[1]
    settings.ELASTICSEARCH_URL = f"http://elastic:s%40cret@127.0.0.1:{port}/ignored-path"
    assert _health()[1]["search_engine"] == "ok"
    assert _health()[1]["search_engine"] == "ok"
    assert len(cluster.seen) == 1  # the second answer came from the short-lived cache
    path, authorization = cluster.seen[0]
    assert path == "/"
    assert authorization == "Basic ZWxhc3RpYzpzQGNyZXQ="  # elastic:s@cret


def test_opensearch_url_is_used_when_configured(settings, cluster):
    settings.ELASTICSEARCH_URL = None
    settings.OPENSEARCH_URL = f"http://127.0.0.1:{cluster.server_address[1]}"
    assert _health()[1]["search_engine"] == "ok"
    assert cluster.seen == [("/", None)]


def test_unconfigured_search_engine(settings):
    settings.ELASTICSEARCH_URL = None
    settings.OPENSEARCH_URL = None
    assert _health()[1]["search_engine"] == "not configured"


def test_cached_result_expires(settings, cluster, monkeypatch):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{cluster.server_address[1]}"
    monkeypatch.setattr(views, "SEARCH_PING_CACHE_SECONDS", 0)
    _health()
    _health()
    assert len(cluster.seen) == 2
