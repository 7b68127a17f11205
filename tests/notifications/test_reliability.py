"""Reliability, tested for real: Redis as broker, a real Celery worker, a real SMTP server.

Scenario 1: the broker is unreachable while 200 submissions happen; every submission
and its outbox message is stored; when the broker is back the periodic re-dispatch
and a worker deliver every e-mail exactly once (even when tasks are handed out twice).

Scenario 2: a worker process is killed (SIGKILL) in the middle of sending; the broker
hands the task out again (acks_late + reject_on_worker_lost) and the e-mail arrives
exactly once.

Needs Redis (REDIS_URL, default redis://127.0.0.1:6379/0; DB 15 is used and flushed).
"""

from __future__ import annotations

import asyncio
import email
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest
from django.db import connection, transaction

from notifications import outbox
from notifications.models import Notification, OutboxMessage
from notifications.services import notify
from tests.celery_helpers import celery_publishing_to, use_broker

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
CLOSED_BROKER = "redis://127.0.0.1:6390/0"  # nothing listens here


def _broker_url() -> str:
    parsed = urlparse(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    return urlunparse(parsed._replace(path="/15"))


@pytest.fixture
def redis_broker():
    import redis

    url = _broker_url()
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=1)
        client.ping()
    except Exception as exc:
        pytest.skip(f"Redis is not reachable at {url} ({exc}); set REDIS_URL to run these")
    client.flushdb()
    yield url
    client.flushdb()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Recorder:
    """aiosmtpd handler: records accepted mails; can hold the first RCPT to simulate a
    worker that is mid-way through an SMTP conversation."""

    def __init__(self):
        self.messages: list[email.message.Message] = []
        self.hold_first = False
        self.holding = threading.Event()
        self.release = threading.Event()
        self._held = False

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.hold_first and not self._held:
            self._held = True
            self.holding.set()
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.content))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server(settings):
    from aiosmtpd.controller import Controller

    recorder = Recorder()
    controller = Controller(recorder, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    recorder.port = controller.port
    yield recorder
    recorder.release.set()
    controller.stop()


@pytest.fixture
def celery_app(redis_broker):
    """The project's Celery app, not eager, publishing to ``redis_broker``."""
    with celery_publishing_to(redis_broker) as app:
        yield app


def _wait(predicate, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


def _submit(recipient, number):
    """A user action: in one transaction, record it and notify (which enqueues the e-mail)."""
    with transaction.atomic():
        notify(
            [recipient],
            verb="signal-new",
            title=f"Nieuw signaal #{number:03d}",
            body="Er is een signaal gemeld over de overdracht COA-gemeente.",
            url=f"/signalen/{number}/",
            event_key=f"reliability:signal:{number}",
        )


def test_broker_outage_loses_nothing_and_sends_every_email_once(celery_app, smtp_server, make_user):
    from celery.contrib.testing.worker import start_worker

    coordinators = [make_user(email=f"coordinator{i}@gemeente.example") for i in range(20)]

    # 1. Broker unreachable while 200 submissions happen.
    use_broker(celery_app, CLOSED_BROKER)
    started = time.monotonic()
    for number in range(200):
        _submit(coordinators[number % 20], number)
    elapsed = time.monotonic() - started
    assert elapsed < 20, f"submissions waited for the broker ({elapsed:.1f}s)"
    assert Notification.objects.filter(event_key__startswith="reliability:").count() == 200
    messages = OutboxMessage.objects.filter(handler="notifications.send_email")
    assert messages.count() == 200
    assert messages.filter(status="pending", dispatched_at__isnull=True).count() == 200
    assert smtp_server.messages == []

    # 2. Broker back: the periodic re-dispatch hands everything to a real worker.
    use_broker(celery_app, _broker_url())
    with start_worker(
        celery_app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30
    ):
        assert outbox.redispatch(limit=500) == 200
        assert outbox.redispatch(limit=500) == 0  # leased: not queued twice
        _wait(lambda: len(smtp_server.messages) >= 200, 40, "200 e-mails")
        # Hand every task out once more (a duplicate delivery): nothing is sent again.
        for pk in messages.values_list("pk", flat=True):
            outbox._publish(pk)
        time.sleep(2)

    assert messages.filter(status="done").count() == 200
    subjects = sorted(m["Subject"] for m in smtp_server.messages)
    assert subjects == [f"Nieuw signaal #{n:03d}" for n in range(200)]
    assert len({m["Message-ID"] for m in smtp_server.messages}) == 200
    for message in smtp_server.messages:
        number = int(message["Subject"].rsplit("#", 1)[1])
        assert message["To"] == f"coordinator{number % 20}@gemeente.example"


def _database_visible_to_other_processes() -> bool:
    if connection.vendor == "postgresql":
        return True
    name = str(connection.settings_dict["NAME"])
    return connection.vendor == "sqlite" and "memory" not in name and name != ":memory:"


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def test_worker_killed_mid_task_completes_on_redelivery_without_duplicate(
    celery_app, smtp_server, make_user, tmp_path
):
    if not _database_visible_to_other_processes():
        pytest.skip(
            "needs a database the worker process can open: the SQLite test database is "
            "in memory; run with DATABASE_URL=postgres://... (CI does)"
        )
    user = make_user(email="volger@gemeente.example")
    db = {
        key: connection.settings_dict[key]
        for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT")
    }
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.notifications.reliability_worker_settings",
        "RELIABILITY_BROKER_URL": _broker_url(),
        "RELIABILITY_SMTP_PORT": str(smtp_server.port),
        "RELIABILITY_DB": json.dumps({k: str(v) for k, v in db.items()}),
        "PYTHONPATH": str(ROOT),
    }
    logfile = tmp_path / "worker.log"
    worker = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "website", "worker",
            "--pool=prefork", "--concurrency=1", "--loglevel=INFO",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
            "-n", f"reliability-{os.getpid()}@%h", f"--logfile={logfile}",
        ],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        _wait(
            lambda: (
                logfile.exists() and "ready." in logfile.read_text() or worker.poll() is not None
            ),
            45,
            "the worker to start",
        )
        assert worker.poll() is None, worker.stderr.read().decode()[-2000:]

        smtp_server.hold_first = True
        with transaction.atomic():
            notify(
                [user],
                verb="dossier-outcome",
                title="Er is een besluit over het dossier",
                event_key="reliability:kill:1",
            )
        message = OutboxMessage.objects.get(dedupe_key=f"notify:reliability:kill:1:{user.pk}")

        # The worker's pool process is now inside the SMTP conversation: kill it.
        assert smtp_server.holding.wait(20), logfile.read_text()[-3000:]
        [child] = _children(worker.pid)
        os.kill(child, signal.SIGKILL)
        smtp_server.release.set()

        _wait(lambda: len(smtp_server.messages) >= 1, 30, "the e-mail after redelivery")
        _wait(lambda: OutboxMessage.objects.get(pk=message.pk).status == "done", 15, "status done")
        time.sleep(1.5)  # a duplicate, if any, would arrive now
        assert len(smtp_server.messages) == 1
        assert smtp_server.messages[0]["To"] == user.email
        message.refresh_from_db()
        # The killed attempt died with its transaction: only the successful run counted.
        assert message.attempts == 1
        assert "WorkerLostError" in logfile.read_text()
    finally:
        worker.send_signal(signal.SIGTERM)
        try:
            worker.wait(15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(5)
