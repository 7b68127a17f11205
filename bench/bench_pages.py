"""Page throughput: the same Q&A page cached, uncached and signed in, in one run.

gunicorn (production settings, PostgreSQL, Redis as Django's cache) and ``wrk`` (Debian
package) on the loopback interface. Scenarios:

* ``cached``: anonymous, from the in-app page cache (``PAGE_CACHE_ENABLED=true``);
* ``uncached``: anonymous, the same page rendered for every request (a second server with
  ``PAGE_CACHE_ENABLED=false``);
* ``signed_in``: a signed-in professional (session cookie), never cached.

For each: requests/s, p50/p99 latency, app CPU per request (user+system CPU of gunicorn and
its workers over the run, divided by the requests) and the SQL queries per request
(counted in-process with Django's test client against the same database). Prints a table and
writes ``bench/results/pages.json`` (or ``--out``).

    .venv/bin/python bench/bench_pages.py [--duration 10] [--connections 8] [--workers 2]
        [--root DIR] [--label NAME] [--scenarios cached,uncached,signed_in]

``--root`` serves another checkout of the code (e.g. ``git archive`` of main) against the
same database, to measure "before" and "after" in one sitting; the database is prepared by
this checkout. Environment: ``BENCH_PG`` (default ``postgres://postgres:postgres@127.0.0.1:5432``),
``BENCH_PAGES_DB`` (default ``bench_pages``), ``BENCH_REDIS`` (default
``redis://127.0.0.1:6379/8``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
BASE_URL = os.environ.get("BENCH_PG", "postgres://postgres:postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("BENCH_PAGES_DB", "bench_pages")
DATABASE_URL = f"{BASE_URL}/{DB_NAME}"
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/8")
EMAIL = "bench-pages@example.org"
PASSWORD = "bench-pages-wachtwoord-2026"

PREPARE = """
import json
import django
django.setup()
from django.core.management import call_command
from accounts import roles
from accounts.models import User
from knowledge.factories import publish_question
from knowledge.models import QuestionPage, RelatedQuestion
from taxonomy.models import Theme

call_command("migrate", verbosity=0, interactive=False)
if not QuestionPage.objects.exists():
    call_command("seed_demo", verbosity=0)
themes = list(Theme.objects.order_by("pk")[:2])
TITLE = "Bench: hoe lang duurt de B1-route?"
page = QuestionPage.objects.filter(title=TITLE).first()
if page is None:
    page = publish_question(
        TITLE,
        short_answer="Drie jaar, met verlenging in bijzondere gevallen.",
        answer="Een langer antwoord voor de benchmark. " * 20,
        themes=themes,
        tags=["b1", "leerroute"],
    )
    for other in QuestionPage.objects.live().exclude(pk=page.pk)[:3]:
        RelatedQuestion.objects.create(page=page, question=other)
user = User.objects.filter(email=EMAIL).first()
if user is None:
    user = User.objects.create_user(email=EMAIL, password=PASSWORD, first_name="Bench")
    roles.assign_role(user, "professional")
print("DATA=" + json.dumps({"path": page.url}))
"""

COUNT_QUERIES = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
settings.ALLOWED_HOSTS = ["*"]
path = sys.argv[1]
result = {}
def count(client):
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, response.status_code
    return len(ctx.captured_queries)
cache.clear()
result["cached"] = count(Client())
settings.PAGE_CACHE_ENABLED = False
result["uncached"] = count(Client())
client = Client()
assert client.login(email=EMAIL, password=PASSWORD)
result["signed_in"] = count(client)
print("QUERIES=" + json.dumps(result))
"""


def ensure_database() -> None:
    import psycopg

    with psycopg.connect(f"{BASE_URL}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def django_env(root: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.dev",
        DATABASE_URL=DATABASE_URL,
        REDIS_URL=REDIS,
        EMAIL_URL="dummy://",
        ELASTICSEARCH_URL="",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(root),
    )
    env.update(extra)
    return env


def run_python(root: Path, code: str, marker: str, *args, **extra) -> dict:
    code = f"EMAIL = {EMAIL!r}\nPASSWORD = {PASSWORD!r}\n" + code
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=root,
        env=django_env(root, **extra),
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if done.returncode or marker not in done.stdout:
        raise RuntimeError(done.stdout[-2000:] + done.stderr[-3000:])
    return json.loads(done.stdout.split(marker, 1)[1].strip().splitlines()[0])


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    import psutil

    total = 0.0
    try:
        parent = psutil.Process(pid)
        for process in [parent, *parent.children(recursive=True)]:
            times = process.cpu_times()
            total += times.user + times.system
    except psutil.Error:
        pass
    return total


def start_server(root: Path, static_root: str, workers: int, page_cache: bool):
    port = free_port()
    env = django_env(
        root,
        DJANGO_SETTINGS_MODULE="website.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        DEBUG="false",
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"http://127.0.0.1:{port}",
        STATIC_ROOT=static_root,
        PAGE_CACHE_ENABLED="true" if page_cache else "false",
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=root,
        env=env,
        check=True,
        timeout=300,
    )
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "website.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=root,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{base}/healthz/", timeout=2):
                break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError("gunicorn did not start") from None
            time.sleep(0.3)
    return server, base


def login_cookie(base: str) -> str:
    """Sign in through the login form; returns the Cookie header for wrk. (The cookies are
    ``Secure`` under production settings, so they are handled by hand over plain HTTP.)"""
    import http.client

    host = urllib.parse.urlsplit(base).netloc
    conn = http.client.HTTPConnection(host, timeout=30)
    conn.request("GET", "/account/inloggen/")
    response = conn.getresponse()
    html = response.read().decode()
    cookies = dict(
        header.split(";", 1)[0].split("=", 1)
        for name, header in response.getheaders()
        if name.lower() == "set-cookie"
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": EMAIL, "password": PASSWORD}
    )
    conn.request(
        "POST",
        "/account/inloggen/",
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items()),
            "Origin": base,
            "Referer": f"{base}/account/inloggen/",
        },
    )
    response = conn.getresponse()
    response.read()
    for name, header in response.getheaders():
        if name.lower() == "set-cookie":
            key, value = header.split(";", 1)[0].split("=", 1)
            cookies[key] = value
    conn.close()
    if "sessionid" not in cookies:
        raise RuntimeError(f"login failed ({response.status}): no session cookie")
    return "; ".join(f"{k}={v}" for k, v in cookies.items())


def wrk(url: str, duration: int, connections: int, cookie: str = "") -> dict:
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{duration}s", "--timeout", "30s"]
    command += ["--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60).stdout

    def latency_ms(label: str) -> float:
        match = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {
        "requests": requests,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": round(latency_ms("50"), 2),
        "p99_ms": round(latency_ms("99"), 2),
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "socket_errors": errors.group(1).strip() if errors else "",
    }


def measure(server, url, args, cookie="") -> dict:
    wrk(url, 2, args.connections, cookie)  # warm-up (and the in-app cache)
    cpu_before = cpu_seconds(server.pid)
    figures = wrk(url, args.duration, args.connections, cookie)
    cpu = cpu_seconds(server.pid) - cpu_before
    figures["cpu_ms_per_request"] = round(1000 * cpu / max(figures["requests"], 1), 2)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10, help="seconds per scenario")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--root", default=str(ROOT), help="checkout whose code is served")
    parser.add_argument("--label", default="")
    parser.add_argument("--scenarios", default="cached,uncached,signed_in")
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "pages.json"))
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("wrk is not installed (apt-get install -y wrk)")
        return 1
    root = Path(args.root).resolve()
    scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]

    ensure_database()
    print(f"Preparing {DB_NAME}...", flush=True)
    data = run_python(ROOT, PREPARE, "DATA=")
    queries = run_python(root, COUNT_QUERIES, "QUERIES=", data["path"])
    import redis

    redis.Redis.from_url(REDIS).flushdb()
    results = {}
    with tempfile.TemporaryDirectory(prefix="bench_pages_static_") as static_root:
        for page_cache in (True, False):
            wanted = [s for s in scenarios if (s == "cached") == page_cache]
            if not wanted:
                continue
            server, base = start_server(root, static_root, args.workers, page_cache)
            try:
                for scenario in wanted:
                    cookie = login_cookie(base) if scenario == "signed_in" else ""
                    print(f"  {scenario}: wrk {args.duration}s, {args.connections} connections")
                    results[scenario] = measure(server, base + data["path"], args, cookie)
                    results[scenario]["sql_queries"] = queries[scenario]
            finally:
                server.terminate()
                server.wait(timeout=30)

    label = args.label or root.name
    print(f"\nQ&A page {data['path']} ({label}; gunicorn {args.workers} workers, PostgreSQL)")
    print(
        f"{'scenario':<11} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>11} {'SQL':>4}"
    )
    for name, row in results.items():
        print(
            f"{name:<11} {row['rps']:>8.1f} {row['p50_ms']:>8.2f} {row['p99_ms']:>8.2f} "
            f"{row['cpu_ms_per_request']:>11.2f} {row['sql_queries']:>4}"
        )
    if "cached" in results and "uncached" in results:
        ratio = results["cached"]["rps"] / max(results["uncached"]["rps"], 0.001)
        print(f"cached / uncached throughput: {ratio:.1f}x")
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "label": label,
                "root": str(root),
                "path": data["path"],
                "duration_s": args.duration,
                "connections": args.connections,
                "workers": args.workers,
                "load_average": os.getloadavg(),
                "results": results,
            },
            indent=2,
        )
    )
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
