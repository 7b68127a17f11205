"""In-process CPU per request for every endpoint of the load mix (``bench/locustfile.py``).

No server, no load tool: Django's test client with production settings (DEBUG off, cached
template loader, whitenoise manifest) against the load benchmark's database, so the figures
can be taken on a busy machine without spoiling anyone's measurement. For each endpoint:
``time.process_time()`` per request (warm, ``--n`` requests each), the SQL queries of one
request, and the mean weighted by the locust mix (requests per second each endpoint gets).
``--profile NAME[,NAME]`` prints the top of cProfile for those endpoints.

    PROFILE_DB=perf4_prof .venv/bin/python bench/profile_pages.py [--n 30] [--profile search]

``PROFILE_DB`` (default ``perf_bench_load``) is a database prepared by ``bench/bench_load.py``;
the signal submission writes signals (and runs the outbox), so point it at a copy
(``CREATE DATABASE perf4_prof TEMPLATE perf_bench_load``) or leave ``submit`` out with
``--skip submit``. Paths and accounts come from ``bench/results/load_paths.json``.
Prints a table and writes ``bench/results/profile_pages.json`` (or ``--name``).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import itertools
import json
import os
import pstats
import re
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE_URL = os.environ.get("BENCH_PG", "postgres://postgres:postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("PROFILE_DB", "perf_bench_load")
STATIC_ROOT = Path(tempfile.gettempdir()) / "profile-pages-static"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SIGNAL_LINK = re.compile(r'href="/werkbank/signalen/(\d+)/"')

# Requests per simulated user and second share: (user class weight, task weight, requests
# per task). Visitors 6, professionals 3, coordinators 1 (``bench/locustfile.py``).
MIX = {
    "home": (6, 3 / 13, 1),
    "qa": (6, 3 / 13, 1),
    "theme": (6, 2 / 13, 1),
    "kennisbank": (6, 1 / 13, 1),
    "search_anon": (6, 3 / 13, 1),
    "followup": (6, 1 / 13, 1),
    "signal_form": (3, 2 / 9, 1),
    "submit": (3, 2 / 9, 1),
    "mine": (3, 3 / 9, 1),
    "signal_list": (3, 2 / 9, 1),
    "search_prof": (3, 2 / 9, 1),
    "workbench": (1, 3 / 7, 1),
    "workbench_filtered": (1, 2 / 7, 1),
    "workbench_detail": (1, 2 / 7, 1),
}


def setup():
    os.environ.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        DATABASE_URL=f"{BASE_URL}/{DB_NAME}",
        SECRET_KEY=secrets.token_urlsafe(64),
        DEBUG="false",
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1,testserver",
        SITE_URL="http://127.0.0.1:8000",
        STATIC_ROOT=str(STATIC_ROOT),
        REDIS_URL="",
        ELASTICSEARCH_URL="",
        EMAIL_URL="dummy://",
        LOG_LEVEL="WARNING",
    )
    if not (STATIC_ROOT / "staticfiles.json").exists():
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=ROOT,
            check=True,
        )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def make_client(email=None, password=None):
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    if email:
        page = client.get("/account/inloggen/")
        token = CSRF.search(page.content.decode()).group(1)
        response = client.post(
            "/account/inloggen/",
            {"username": email, "password": password, "csrfmiddlewaretoken": token},
        )
        assert response.status_code == 302, f"login failed for {email}"
    return client


def endpoints(data):
    """name -> (client kind, callable(client) -> response)."""
    questions = itertools.cycle(data["questions"])
    themes = itertools.cycle(data["themes"])
    queries = itertools.cycle(data["queries"])
    places = itertools.cycle(["Utrecht", "Zwolle", "Tilburg", "Groningen", "Arnhem"])
    seen = []

    def submit(client):
        # The form GET is its own endpoint ("signal_form"); here only the POST is timed.
        return client.post(
            "/signalen/nieuw/",
            {
                "title": f"Knelpunt bij de overdracht in {next(places)}",
                "description": "Het driegesprek tussen azc en gemeente lukt niet; de "
                "overdracht gaat per e-mail en informatie raakt kwijt.",
                "urgency": "normaal",
                "confirm": "1",
                "csrfmiddlewaretoken": client._profile_token,
            },
        )

    def workbench(client):
        response = client.get("/werkbank/")
        seen[:] = SIGNAL_LINK.findall(response.content.decode())[:10] or seen
        return response

    def detail(client):
        if not seen:
            workbench(client)
        return client.get(f"/werkbank/signalen/{seen[len(seen) // 2]}/")

    return {
        "home": ("anon", lambda c: c.get("/")),
        "qa": ("anon", lambda c: c.get(next(questions))),
        "theme": ("anon", lambda c: c.get(next(themes))),
        "kennisbank": ("anon", lambda c: c.get("/kennisbank/")),
        "search_anon": ("anon", lambda c: c.get("/zoeken/", {"q": next(queries)})),
        "followup": ("anon", lambda c: c.get("/signalen/opvolging/")),
        "signal_form": ("prof", lambda c: c.get("/signalen/nieuw/")),
        "submit": ("prof", submit),
        "mine": ("prof", lambda c: c.get("/mijn-signalen/")),
        "signal_list": ("prof", lambda c: c.get("/signalen/")),
        "search_prof": ("prof", lambda c: c.get("/zoeken/", {"q": next(queries)})),
        "workbench": ("coord", workbench),
        "workbench_filtered": (
            "coord",
            lambda c: c.get("/werkbank/", {"status": "ingediend", "sort": "deadline"}),
        ),
        "workbench_detail": ("coord", detail),
    }


def count_queries(call, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        call(client)
    return len(ctx.captured_queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=30)
    parser.add_argument("--warm", type=int, default=5)
    parser.add_argument("--only", default="", help="comma-separated endpoint names")
    parser.add_argument("--skip", default="", help="comma-separated endpoint names")
    parser.add_argument("--profile", default="", help="cProfile these endpoints")
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--name", default="profile_pages")
    args = parser.parse_args()
    setup()
    from _results import write_json

    data = json.loads((ROOT / "bench" / "results" / "load_paths.json").read_text())
    clients = {
        "anon": make_client(),
        "prof": make_client(*data["professionals"][0]),
        "coord": make_client(*data["coordinators"][0]),
    }
    form = clients["prof"].get("/signalen/nieuw/").content.decode()
    clients["prof"]._profile_token = CSRF.search(form).group(1)
    only = set(filter(None, args.only.split(",")))
    skip = set(filter(None, args.skip.split(",")))
    to_profile = set(filter(None, args.profile.split(",")))
    rows = []
    for name, (kind, call) in endpoints(data).items():
        if (only and name not in only) or name in skip:
            continue
        client = clients[kind]
        for _ in range(args.warm):
            response = call(client)
            assert response.status_code in (200, 302), f"{name}: {response.status_code}"
        queries = count_queries(call, client)
        times = []
        for _ in range(args.n):
            start = time.process_time()
            call(client)
            times.append((time.process_time() - start) * 1000)
        if name in to_profile:
            profiler = cProfile.Profile(time.process_time)
            profiler.enable()
            for _ in range(args.n):
                call(client)
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
            stats.print_stats(args.top)
            stats.sort_stats("tottime").print_stats(args.top)
            print(f"\n===== cProfile {name} ({args.n} requests) =====\n{out.getvalue()}")
        user_weight, task_share, per_task = MIX[name]
        rows.append(
            {
                "endpoint": name,
                "mean_ms": round(statistics.mean(times), 2),
                "median_ms": round(statistics.median(times), 2),
                "queries": queries,
                "mix_share": user_weight * task_share * per_task,
            }
        )
    total_share = sum(r["mix_share"] for r in rows)
    weighted = sum(r["mean_ms"] * r["mix_share"] for r in rows) / total_share
    print(f"\n{'endpoint':<20} {'mean ms':>8} {'median':>8} {'SQL':>4} {'mix %':>6}")
    for r in rows:
        r["mix_share"] = round(100 * r["mix_share"] / total_share, 1)
        print(
            f"{r['endpoint']:<20} {r['mean_ms']:>8.2f} {r['median_ms']:>8.2f} "
            f"{r['queries']:>4} {r['mix_share']:>6.1f}"
        )
    print(f"{'weighted mean':<20} {weighted:>8.2f}   (ms CPU per request over the mix)")
    write_json(args.name, {"database": DB_NAME, "n": args.n, "rows": rows, "weighted_ms": weighted})
    return 0


if __name__ == "__main__":
    sys.exit(main())
