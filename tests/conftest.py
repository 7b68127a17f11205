"""Shared fixtures: users per role, logged-in clients, and a real browser.

Browser tests use Debian's Chromium through Playwright (browsers cannot be
downloaded here). They are skipped with a clear reason when /usr/bin/chromium is
missing; CI installs it, so there they always run.
"""

import os
import shutil

import pytest
from django.test import Client

from accounts import roles
from accounts.factories import UserFactory

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PASSWORD = "correct-horse-battery"


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Every test starts with an empty cache: the local-memory cache lives for the whole run,
    and a page, menu or rate-limit count cached by one test must not leak into the next
    (their database rows were rolled back)."""
    from django.core.cache import caches

    for alias in caches:
        caches[alias].clear()
    yield


@pytest.fixture(autouse=True)
def _outside_a_request():
    """Every test starts outside a request. A streamed response the test client never closed
    (a file download) leaves its request open, and the outbox would keep collecting the next
    test's messages for a request end that never comes."""
    from notifications import batch

    batch._scope.ids = None
    yield


@pytest.fixture
def shared_cache():
    """Django's cache on Redis (as in production), under a key prefix of this test alone."""
    import uuid

    from django.core.cache import cache
    from django.test import override_settings

    location = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/5"
    caches = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    with override_settings(CACHES=caches):
        if not cache.redis_available():
            pytest.skip("Redis is not running (CI starts it)")
        yield cache


@pytest.fixture
def make_user(db):
    """make_user(role=..., **fields) -> a saved, active user with that role (password: PASSWORD)."""

    def _make(role=None, **fields):
        return UserFactory(role=role, **fields)

    return _make


@pytest.fixture
def client_for(db, make_user):
    """client_for(role) -> (client, user), the client already logged in."""

    def _client(role=None, **fields):
        user = make_user(role=role, **fields)
        client = Client()
        client.force_login(user)
        return client, user

    return _client


@pytest.fixture
def professional(make_user):
    return make_user(role=roles.PROFESSIONAL)


@pytest.fixture
def editor(make_user):
    return make_user(role=roles.REDACTEUR)


@pytest.fixture
def home_page(db):
    from website.models import HomePage

    return HomePage.objects.get()


def _chromium_available() -> bool:
    return os.path.exists(CHROMIUM) or shutil.which("chromium") is not None


@pytest.fixture(scope="session")
def _playwright_browser():
    if not _chromium_available():
        pytest.skip(f"Chromium not installed at {CHROMIUM} (CI installs it with apt)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a test dependency
        pytest.skip("playwright is not installed")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(_playwright_browser, live_server):
    """A fresh browser page (own cookies) pointed at the live server: page.goto(live_server.url + path)."""
    context = _playwright_browser.new_context(locale="nl-NL", base_url=live_server.url)
    context.set_default_timeout(15_000)
    browser_page = context.new_page()
    errors = []
    browser_page.on("pageerror", lambda exc: errors.append(str(exc)))
    browser_page.js_errors = errors
    yield browser_page
    context.close()


def login_in_browser(page, email, password=PASSWORD):
    page.goto("/account/inloggen/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()


class PrivateRedis:
    """A redis-server of this test's own on a free port (never the machine's shared one)."""

    def __init__(self):
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        import subprocess
        import time

        import redis

        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = self.client()
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None

    def client(self):
        import redis

        return redis.Redis.from_url(self.url, socket_connect_timeout=0.5)


@pytest.fixture
def private_redis():
    """A running private Redis (``.url``, ``.stop()``, ``.start()``, ``.client()``)."""
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed (apt: redis-server)")
    server = PrivateRedis()
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def resilient_cache(settings, private_redis):
    """Django's cache on the private Redis through the project's resilient backend, with a
    short pause so a test can watch it return to Redis."""
    settings.CACHES = {
        "default": {
            "BACKEND": "core.cache.ResilientRedisCache",
            "LOCATION": private_redis.url,
            "KEY_PREFIX": "test",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1.0, "pause_seconds": 0.5},
        }
    }
    return private_redis
