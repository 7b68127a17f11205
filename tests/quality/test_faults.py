"""Behaviour when a backing service fails (documented in docs/faults.md).

(a) Elasticsearch down: search falls back to the database. Tested by the search module:
    tests/search/test_elastic.py::test_unreachable_cluster_falls_back_to_database_with_warning.
(b) Redis (the Celery broker) down: a signal submitted through the web form is stored and
    acknowledged; its notifications wait in the outbox and are delivered by the next
    redispatch (the outbox itself: tests/notifications/test_outbox.py). With a real Redis
    server stopped (broker and cache at once), the whole site keeps working.
(c) PostgreSQL restarts in the middle of a load of submissions: every submission that got a
    success response exists afterwards. Runs against a private PostgreSQL 15 cluster in a
    temporary folder (never the machine's shared server) behind gunicorn.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from accounts import roles

ROOT = Path(__file__).resolve().parents[2]
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))

pytestmark = pytest.mark.slow


# --- (b) Redis down ----------------------------------------------------------------------


@pytest.mark.django_db
def test_signal_submission_succeeds_while_the_broker_is_down_and_is_delivered_later(
    client_for, make_user, monkeypatch, django_capture_on_commit_callbacks, settings
):
    settings.OUTBOX_BATCH_IN_PROCESS = False  # the broker path, not the embedded batch
    from notifications import outbox
    from notifications.models import Notification, OutboxMessage
    from signals.models import Signal
    from taxonomy.demo import seed

    seed()
    coordinator = make_user(role=roles.COORDINATOR_UITVOERING)
    browser, professional = client_for(roles.PROFESSIONAL)

    def broker_refuses(message_id):
        raise OSError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(outbox, "_publish", broker_refuses)
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            "/signalen/nieuw/",
            {
                "title": "Overdracht per e-mail kost informatie",
                "description": "Zonder driegesprek raakt informatie over de cliënt kwijt.",
                "urgency": "normaal",
                "confirm": "1",
            },
        )
    assert response.status_code == 302  # acknowledged to the professional
    signal = Signal.objects.get(title="Overdracht per e-mail kost informatie")
    assert response.headers["Location"] == signal.get_absolute_url()
    # The in-site notification is part of the same transaction; the follow-up work (e-mail,
    # search index) waits in the outbox because it could not be handed to the broker.
    assert Notification.objects.filter(recipient=coordinator, url__contains=str(signal.pk)).exists()
    waiting = set(OutboxMessage.objects.filter(status="pending").values_list("handler", flat=True))
    assert waiting, "nothing waits in the outbox"
    assert all(m.status != "done" for m in OutboxMessage.objects.filter(handler__in=waiting))

    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        outbox.redispatch()
    assert not OutboxMessage.objects.filter(status="pending", handler__in=waiting).exists()
    assert OutboxMessage.objects.filter(status="done", handler__in=waiting).exists()


@pytest.fixture
def celery_on(private_redis):
    """The project's Celery app publishing to the private Redis (not eager)."""
    from tests.celery_helpers import celery_publishing_to

    with celery_publishing_to(private_redis.url) as app:
        yield app


@pytest.mark.django_db
def test_the_site_keeps_working_while_redis_is_down(
    resilient_cache, celery_on, make_user, home_page, settings, django_capture_on_commit_callbacks
):
    """Redis is the broker and the cache in production. With the real server stopped,
    pages, login, a signal and anonymous feedback still work (nothing is lost), the login
    lock-out still holds, and once Redis is back the waiting work is handed over."""
    from django.test import Client

    from feedback.models import Feedback
    from knowledge.factories import publish_question
    from notifications import outbox
    from notifications.models import OutboxMessage
    from signals.models import Signal
    from taxonomy.demo import seed
    from tests.conftest import PASSWORD

    seed()
    settings.OUTBOX_BROKER_PAUSE_SECONDS = 0
    question = publish_question("Wie betaalt de eerste zes maanden?", short_answer="De gemeente.")
    make_user(role=roles.COORDINATOR_UITVOERING)
    professional = make_user(role=roles.PROFESSIONAL)
    redis = resilient_cache.client()
    visitor = Client()
    assert visitor.get("/").status_code == 200
    assert redis.dbsize() > 0  # the cache lives in Redis while it runs

    resilient_cache.stop()
    for path in ["/", question.url, "/zoeken/?q=ontzorgen", "/kennisbank/", "/feedback/nl/"]:
        assert visitor.get(path).status_code == 200, path
    assert visitor.get("/healthz/").json()["checks"]["cache"] == "unavailable"

    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(
            "/feedback/nl/",
            {"kind": "moeilijk", "topic": "taalcursus", "text": "De lessen gaan te snel voor mij."},
        )
    assert response.status_code == 302
    assert Feedback.objects.filter(text="De lessen gaan te snel voor mij.").exists()

    browser = Client()
    response = browser.post(
        "/account/inloggen/", {"username": professional.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            "/signalen/nieuw/",
            {
                "title": "Storing in de gedeelde registratie",
                "description": "Partners verliezen het zicht op cliënten als het systeem uitvalt.",
                "urgency": "normaal",
                "confirm": "1",
            },
        )
    signal = Signal.objects.get(title="Storing in de gedeelde registratie")
    assert response.status_code == 302
    assert response.headers["Location"] == signal.get_absolute_url()
    waiting = list(
        OutboxMessage.objects.filter(status="pending", dispatched_at__isnull=True).values_list(
            "pk", flat=True
        )
    )
    assert waiting, "the follow-up work should wait in the outbox"

    # The lock-out still counts (per process while Redis is away).
    intruder = Client()
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        intruder.post("/account/inloggen/", {"username": professional.email, "password": "nope"})
    response = intruder.post(
        "/account/inloggen/", {"username": professional.email, "password": PASSWORD}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in intruder.session

    resilient_cache.start()
    time.sleep(0.6)  # the cache's pause (0.5 s here) runs out
    assert visitor.get("/healthz/").json()["checks"]["cache"] == "ok"
    assert outbox.redispatch() >= len(waiting)
    assert redis.llen("default") >= len(waiting)  # handed to the broker for the workers
    assert not OutboxMessage.objects.filter(pk__in=waiting, dispatched_at__isnull=True).exists()


# --- (c) PostgreSQL restarts mid-load -----------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(*args, **kwargs):
    command = [str(a) for a in args]
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, check=True, capture_output=True, text=True, **kwargs)


@pytest.fixture
def private_postgres():
    """A throw-away PostgreSQL cluster on its own port; yields (url, restart)."""
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL server binaries not found in {PG_BIN} (apt: postgresql-15)")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        pytest.skip("runuser is needed to start PostgreSQL as the postgres user")
    if os.geteuid() != 0:
        import pwd

        if pwd.getpwuid(os.geteuid()).pw_name != "postgres":
            pytest.skip("needs root (to run PostgreSQL as postgres) or the postgres user")
    base = Path(tempfile.mkdtemp(prefix="faults_pg_"))
    data = base / "data"
    port = _free_port()
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    _as_postgres(PG_BIN / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8")
    options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = [PG_BIN / "pg_ctl", "-D", data, "-l", base / "server.log", "-o", options, "-w"]
    _as_postgres(*pg_ctl, "start", timeout=60)
    _as_postgres(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", port, "-U", "postgres", "faults")

    def restart():
        _as_postgres(*pg_ctl, "-m", "fast", "restart", timeout=60)

    try:
        yield f"postgres://postgres@127.0.0.1:{port}/faults", restart
    finally:
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(data),
                "-m",
                "immediate",
                "stop",
            ]
            if os.geteuid() == 0
            else [str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(base, ignore_errors=True)


def _env(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.test",
        DATABASE_URL=database_url,
        REDIS_URL="",
        PYTHONPATH=str(ROOT),
    )
    return env


SETUP = """
from rest_framework.authtoken.models import Token
from accounts import roles
from accounts.factories import UserFactory
from taxonomy.demo import seed
seed()
user = UserFactory(email="fault-professional@example.org", role=roles.PROFESSIONAL)
UserFactory(email="fault-coordinator@example.org", role=roles.COORDINATOR_UITVOERING)
print("TOKEN=" + Token.objects.create(user=user).key)
"""


def test_no_acknowledged_submission_is_lost_when_postgresql_restarts(private_postgres):
    database_url, restart_postgres = private_postgres
    env = _env(database_url)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "-v0", "--noinput"],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=600,
    )
    setup = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", SETUP],
        cwd=ROOT,
        env=env,
        check=True,
        timeout=120,
        capture_output=True,
        text=True,
    )
    token = setup.stdout.split("TOKEN=", 1)[1].split()[0]
    port = _free_port()
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "website.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--worker-class",
            "gthread",
            "--log-level",
            "error",
        ],
        cwd=ROOT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/api/v1/signals/"
    acknowledged: dict[str, int] = {}
    failed_attempts = []
    lock = threading.Lock()
    stop_at = time.monotonic() + 10

    def submit(title: str) -> bool:
        body = json.dumps(
            {"title": title, "description": "Knelpunt bij de overdracht tijdens een storing."}
        ).encode()
        request = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=20) as response:
                if response.status == 201:
                    with lock:
                        acknowledged[title] = json.load(response)["id"]
                    return True
        except (urllib.error.URLError, OSError) as error:
            with lock:
                failed_attempts.append((title, str(error)[:80]))
        return False

    def worker(n: int):
        i = 0
        while time.monotonic() < stop_at:
            title = f"Storingstest {n}-{i}"
            for _attempt in range(5):  # the client retries what was not acknowledged
                if submit(title):
                    break
                time.sleep(0.3)
            i += 1

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz/", timeout=2)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        stop_at = time.monotonic() + 10
        threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
        for thread in threads:
            thread.start()
        time.sleep(3)
        before_restart = len(acknowledged)
        restart_postgres()
        for thread in threads:
            thread.join(timeout=120)
    finally:
        server.terminate()
        server.wait(timeout=30)

    import psycopg

    with psycopg.connect(database_url) as conn:
        stored = conn.execute(
            "SELECT title, count(*) FROM signals_signal WHERE title LIKE 'Storingstest %%' "
            "GROUP BY title"
        ).fetchall()
    stored = dict(stored)
    lost = sorted(set(acknowledged) - set(stored))
    print(
        f"acknowledged {len(acknowledged)} ({before_restart} before the restart), "
        f"failed attempts {len(failed_attempts)}, stored {sum(stored.values())}, "
        f"duplicates {sum(c - 1 for c in stored.values())}"
    )
    assert before_restart > 0
    assert len(acknowledged) > before_restart, "no submission succeeded after the restart"
    assert lost == []
    # Every stored row was either acknowledged or belongs to an attempt the client saw fail.
    unexplained = set(stored) - set(acknowledged) - {title for title, _ in failed_attempts}
    assert unexplained == set()
