import pytest
from django.core.cache import cache

from accounts import roles


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The rate limit lives in the cache: every test starts with a clean one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def coordinator(make_user):
    return make_user(role=roles.COORDINATOR_UITVOERING, first_name="Sanne", last_name="Visser")


@pytest.fixture
def submit(client):
    """submit(language="nl", **fields) -> response of posting the public form."""

    def _submit(language="nl", client=client, **fields):
        data = {"kind": "moeilijk", "topic": "taalcursus", "text": "De cursus begon te laat."}
        data.update(fields)
        return client.post(f"/feedback/{language}/", data, REMOTE_ADDR="203.0.113.77")

    return _submit


@pytest.fixture
def new_feedback(db):
    from feedback import services

    def _make(text="De brieven zijn moeilijk te lezen.", **fields):
        values = {"language": "nl", "kind": "moeilijk", "topic": "gemeente", "text": text}
        values.update(fields)
        return services.submit_feedback(**values)

    return _make


class _Collector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"

    def wait(self, count, timeout=5.0):
        import time

        deadline = time.monotonic() + timeout
        while len(self.messages) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.messages


@pytest.fixture
def smtp():
    """A real SMTP server (aiosmtpd) in this process; Django sends to it."""
    import socket

    from aiosmtpd.controller import Controller
    from django.test import override_settings

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    collector = _Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
        ):
            yield collector
    finally:
        controller.stop()


@pytest.fixture
def published_signal(db, make_user):
    """A published signal with a public follow-up page."""
    from signals.factories import SignalFactory

    return SignalFactory(is_published=True, public_summary="Openbare samenvatting.")
