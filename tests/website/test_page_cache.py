"""Anonymous public pages are cacheable by a proxy and by the app; signed-in pages are not.

Purges: publish, unpublish and a view restriction purge the in-app cache, and a configured
HTTP proxy receives PURGE requests (a small local HTTP server records them); a failed purge
is retried through the outbox. With Redis gone pages are served uncached.
"""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from accounts import roles
from knowledge.factories import publish_question
from notifications import outbox
from notifications.models import OutboxMessage
from website.cache_purge import PURGE_HANDLER

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def kb(home_page):
    from knowledge.services import ensure_knowledge_tree

    return ensure_knowledge_tree(home_page)


@pytest.fixture
def question(kb):
    return publish_question("Hoe lang duurt de B1-route?", short_answer="Drie jaar.")


class PurgeRecorder:
    """A local HTTP 'proxy' that records PURGE requests (answers ``status``)."""

    def __init__(self):
        self.requests: list[tuple[str, str]] = []
        self.status = 200
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_PURGE(self):  # noqa: N802 - HTTP method name
                recorder.requests.append((self.headers["Host"], self.path))
                self.send_response(recorder.status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def paths(self):
        return {path for _host, path in self.requests}

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def proxy(settings):
    recorder = PurgeRecorder()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {"BACKEND": "core.purge.HTTPPurgeBackend", "LOCATION": recorder.url}
    }
    yield recorder
    recorder.close()


# --- headers -----------------------------------------------------------------------------


def test_anonymous_public_page_sets_no_cookie_and_is_shareable(client, question):
    response = client.get(question.url)
    assert response.status_code == 200
    assert "Drie jaar." in response.content.decode()
    assert not response.cookies  # no csrftoken, no session
    cache_control = response["Cache-Control"]
    assert "public" in cache_control and "max-age=300" in cache_control
    assert "stale-while-revalidate=600" in cache_control
    assert "Cookie" not in response.get("Vary", "")
    assert response["ETag"]
    assert 'name="csrfmiddlewaretoken"' not in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/kennisbank/",
        "/kennisbank/vragen/",
        "/kennisbank/thema/b1-route/",
        "/signalen/opvolging/",
        "/rapportage/publiek/",
    ],
)
def test_other_public_page_types_are_shareable(client, question, url):
    response = client.get(url)
    assert response.status_code == 200
    assert not response.cookies
    assert response["Cache-Control"].startswith("public")


def test_matching_etag_answers_304_also_from_the_cache(client, question):
    first = client.get(question.url)
    assert first["X-Page-Cache"] == "miss"
    again = client.get(question.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    other = client.get(question.url, HTTP_IF_NONE_MATCH='"something-else"')
    assert other.status_code == 200 and other["X-Page-Cache"] == "hit"
    assert other.content == first.content


def test_signed_in_pages_are_private_and_not_cached(client_for, question):
    client, _user = client_for(roles.PROFESSIONAL)
    response = client.get(question.url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "X-Page-Cache" not in response
    assert "Drie jaar." in response.content.decode()


def test_other_language_choice_is_kept_apart(client, question, settings):
    dutch = client.get(question.url)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(question.url)
    assert english["X-Page-Cache"] == "miss"  # its own entry, not the Dutch one
    assert 'lang="en"' in english.content.decode()
    assert "Cookie" in english["Vary"]
    assert "Cookie" not in dutch.get("Vary", "")


# --- purge on change -------------------------------------------------------------------------


def test_publish_is_visible_at_once(client, question, django_capture_on_commit_callbacks):
    assert client.get(question.url)["X-Page-Cache"] == "miss"
    assert client.get(question.url)["X-Page-Cache"] == "hit"
    index_html = client.get("/kennisbank/vragen/").content.decode()
    assert "Nieuwe vraag over de PIP" not in index_html
    question.short_answer = "Meestal drie jaar."
    with django_capture_on_commit_callbacks(execute=True):
        question.save_revision().publish()
        publish_question("Nieuwe vraag over de PIP")
    response = client.get(question.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Meestal drie jaar." in response.content.decode()
    assert "Nieuwe vraag over de PIP" in client.get("/kennisbank/vragen/").content.decode()


def test_unpublish_purges_and_proxy_receives_purge(
    client, question, proxy, django_capture_on_commit_callbacks
):
    client.get(question.url)
    with django_capture_on_commit_callbacks(execute=True):
        question.unpublish()
    assert client.get(question.url).status_code == 404
    assert question.url in proxy.paths()
    assert "/kennisbank/vragen/" in proxy.paths()
    assert "/kennisbank/thema/b1-route/" not in proxy.paths()  # no themes on this page
    assert OutboxMessage.objects.get(handler=PURGE_HANDLER).status == "done"


def test_restricting_a_page_purges_synchronously(client, question, proxy):
    assert client.get(question.url).status_code == 200
    # No on-commit callbacks run here: the restriction alone must purge.
    PageViewRestriction.objects.create(page=question, restriction_type="login")
    response = client.get(question.url)
    assert response.status_code == 302  # to the login page, not the cached copy
    assert question.url in proxy.paths()


def test_failed_proxy_purge_is_retried_through_the_outbox(
    client, question, proxy, django_capture_on_commit_callbacks
):
    proxy.status = 500
    with django_capture_on_commit_callbacks(execute=True):
        question.save_revision().publish()
    message = OutboxMessage.objects.get(handler=PURGE_HANDLER)
    message.refresh_from_db()
    assert message.status == "pending" and message.attempts == 1
    assert "HTTP 500" in message.last_error
    proxy.status = 200
    proxy.requests.clear()
    assert outbox.run(message.pk) == "done"
    assert question.url in proxy.paths()


# --- cache down -------------------------------------------------------------------------------


def test_pages_are_served_uncached_while_redis_is_down(client, resilient_cache, question):
    assert client.get(question.url)["X-Page-Cache"] == "miss"
    assert client.get(question.url)["X-Page-Cache"] == "hit"
    resilient_cache.stop()
    try:
        for _ in range(2):
            response = client.get(question.url)
            assert response.status_code == 200
            assert response["X-Page-Cache"] == "off"
            assert "Drie jaar." in response.content.decode()
    finally:
        resilient_cache.start()


def test_footer_change_is_visible_at_once(client, question, django_capture_on_commit_callbacks):
    from wagtail.models import Site

    from website.models import SiteSettings

    assert client.get(question.url)["X-Page-Cache"] == "miss"
    assert client.get("/kennisbank/")["X-Page-Cache"] == "miss"
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.tagline = "Samen leren van de praktijk"
    with django_capture_on_commit_callbacks(execute=True):
        site_settings.save()
    for url in (question.url, "/kennisbank/"):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss"
        assert "Samen leren van de praktijk" in response.content.decode()


def test_no_connection_health_check_per_request(monkeypatch):
    from website.settings.env import database_config

    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@127.0.0.1:5432/x")
    monkeypatch.delenv("DATABASE_CONN_HEALTH_CHECKS", raising=False)
    config = database_config("unused")
    assert config["CONN_HEALTH_CHECKS"] is False
    assert config["CONN_MAX_AGE"] == 60
    monkeypatch.setenv("DATABASE_CONN_HEALTH_CHECKS", "1")
    assert database_config("unused")["CONN_HEALTH_CHECKS"] is True
