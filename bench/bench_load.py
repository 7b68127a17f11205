"""Load test: locust against gunicorn on PostgreSQL with demo data at scale.

Steps (all on the loopback interface, bounded in time):
1. database ``bench_load`` (created when missing; data kept between runs): migrate,
   ``seed_demo``, then bulk extra data (signals, Q&A pages, bench users), search index;
2. ``collectstatic`` into a temporary folder, then gunicorn with production settings
   (DEBUG off, generated SECRET_KEY, ALLOWED_HOSTS=127.0.0.1, SECURE_SSL_REDIRECT=false);
3. headless locust (``bench/locustfile.py``) with ``--users`` users for ``--duration``;
4. prints a table and writes ``bench/results/load.json`` (``summary`` rows).

    .venv/bin/python bench/bench_load.py [--users 50] [--duration 60] [--signals 20000] [--celery]
        [--runs 3] [--steady-state] [--root DIR] [--name load]

``--root DIR`` serves another checkout (e.g. ``git archive`` of main) against the same
database, prepared by this checkout (data seeding in ``bench/load_data.py``), with the same
locust mix: before and after in one sitting. ``--name`` picks the JSON file.

``--runs N`` repeats the load against the same server; the target has to hold in every run
and the table shows the worst one (the endpoint rows are those of the worst run).

By default follow-up work (e-mail, notifications, index updates) runs in-process, inside the
request that caused it (the embedded mode without ``REDIS_URL``). ``--celery`` runs the
production topology instead: Redis as broker and cache (database ``BENCH_REDIS``, default
``redis://127.0.0.1:6379/11``, flushed first) and one Celery worker next to gunicorn on
the same machine; the run then also reports how much outbox work was still pending.

Target: >= 50 concurrent users, zero errors, p95 < 300 ms on a 2-core machine.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from _results import results_dir, write_json
from load_data import DATABASE_URL, DB_NAME, REDIS, ensure_database, outbox_pending

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(static_root: str, port: int, redis_url: str = "", root: Path = ROOT) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="website.settings.production",
        DATABASE_URL=DATABASE_URL,
        SECRET_KEY=secrets.token_urlsafe(64),
        DEBUG="false",
        SECURE_SSL_REDIRECT="false",
        ALLOWED_HOSTS="127.0.0.1",
        SITE_URL=f"http://127.0.0.1:{port}",
        STATIC_ROOT=static_root,
        REDIS_URL=redis_url,
        ELASTICSEARCH_URL="",
        EMAIL_URL="dummy://",
        LOG_LEVEL="WARNING",
        PYTHONPATH=str(root),
    )
    return env


def cpu_seconds(*pids) -> float:
    """User + system CPU of these processes and their children (gunicorn workers)."""
    import psutil

    total = 0.0
    for pid in pids:
        try:
            parent = psutil.Process(pid)
            for process in [parent, *parent.children(recursive=True)]:
                times = process.cpu_times()
                total += times.user + times.system
        except psutil.Error:
            continue
    return total


def wait_until_up(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn did not answer at {url}")


def aggregated(csv_prefix: Path) -> tuple[dict, list[dict]]:
    with open(f"{csv_prefix}_stats.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    return total, [r for r in rows if r["Name"] != "Aggregated"]


def run_figures(total: dict) -> dict:
    """The figures of one locust run (its "Aggregated" row)."""
    return {
        "requests": int(total["Request Count"]),
        "errors": int(total["Failure Count"]),
        "throughput": float(total["Requests/s"]),
        "p50_ms": float(total["50%"]),
        "p95_ms": float(total["95%"]),
        "p99_ms": float(total["99%"]),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=int, default=10)
    parser.add_argument("--duration", type=int, default=60, help="seconds of load")
    parser.add_argument("--signals", type=int, default=20_000)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument(
        "--runs",
        type=int,
        default=1,
        help="repeat the locust phase this often against the same server; the target must "
        "hold in every run (the summary shows the worst)",
    )
    parser.add_argument(
        "--root",
        default=str(ROOT),
        help="checkout whose code gunicorn serves (e.g. a git archive of main), against the "
        "same database, prepared by this checkout: before/after in one sitting",
    )
    parser.add_argument("--name", default="load", help="JSON written to bench/results/<name>.json")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--fresh", action="store_true", help="drop and rebuild the database (schema changed)"
    )
    parser.add_argument(
        "--steady-state",
        action="store_true",
        help="count only requests after every user has spawned and logged in "
        "(locust --reset-stats); the ramp-up with its login storm is left out",
    )
    parser.add_argument(
        "--celery",
        action="store_true",
        help="production topology: Redis broker and cache plus a Celery worker",
    )
    args = parser.parse_args()

    root = Path(args.root).resolve()
    results_dir()
    ensure_database(args.fresh)
    print(f"Preparing {DB_NAME} (migrate, seed_demo, bulk data)...", flush=True)
    started = time.monotonic()
    # A child process, so this one keeps no Django state and no open connections.
    prep = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, sys; sys.path.insert(0, 'bench'); import load_data as b; "
            f"print('DATA=' + json.dumps(b.populate({args.signals}, {args.questions})))",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DATABASE_URL": DATABASE_URL,
            "PYTHONPATH": str(ROOT),
            "EMAIL_URL": "dummy://",
        },
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if prep.returncode:
        print(prep.stdout[-3000:], prep.stderr[-3000:])
        return 1
    data = json.loads(prep.stdout.split("DATA=", 1)[1].strip().splitlines()[0])
    paths_file = RESULTS / "load_paths.json"
    paths_file.write_text(json.dumps(data))
    print(f"  ready in {time.monotonic() - started:.0f}s: {data['counts']}", flush=True)

    port = free_port()
    worker = None
    with tempfile.TemporaryDirectory(prefix="bench_load_static_") as static_root:
        env = server_env(static_root, port, REDIS if args.celery else "", root)
        pending_before = outbox_pending()
        if args.celery:
            import redis

            redis.Redis.from_url(REDIS).flushdb()
            worker = subprocess.Popen(
                [
                    str(BIN / "celery"),
                    "-A",
                    "website",
                    "worker",
                    "--concurrency",
                    "1",
                    "--loglevel",
                    "warning",
                    "--without-gossip",
                    "--without-mingle",
                ],
                cwd=root,
                env=env,
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
                str(args.workers),
                "--threads",
                str(args.threads),
                "--worker-class",
                "gthread",
                "--keep-alive",
                "10",  # longer than the users' think time: no reset of reused connections
                "--log-level",
                "warning",
            ],
            cwd=root,
            env=env,
        )
        try:
            wait_until_up(f"http://127.0.0.1:{port}/healthz/")
            for path in ["/", "/kennisbank/", *data["questions"][:20], *data["themes"][:5]]:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30).read()
            load_before = round(os.getloadavg()[0], 2)
            app_pids = [p.pid for p in (server, worker) if p is not None]
            cpu_before = cpu_seconds(*app_pids)
            runs = []
            for run in range(1, args.runs + 1):
                print(
                    f"locust run {run}/{args.runs}: {args.users} users, spawn "
                    f"{args.spawn_rate}/s, {args.duration}s against gunicorn "
                    f"({args.workers} workers x {args.threads} threads)",
                    flush=True,
                )
                csv_prefix = RESULTS / ("load" if args.runs == 1 else f"load_run{run}")
                locust = subprocess.run(
                    [
                        str(BIN / "locust"),
                        "-f",
                        str(ROOT / "bench" / "locustfile.py"),
                        "--headless",
                        "-u",
                        str(args.users),
                        "-r",
                        str(args.spawn_rate),
                        "-t",
                        f"{args.duration}s",
                        "--host",
                        f"http://127.0.0.1:{port}",
                        "--csv",
                        str(csv_prefix),
                        "--only-summary",
                        "--loglevel",
                        "WARNING",
                        "--stop-timeout",
                        "5",
                        *(["--reset-stats"] if args.steady_state else []),
                    ],
                    cwd=ROOT,
                    env={**os.environ, "LOAD_PATHS": str(paths_file)},
                    timeout=args.duration + 180,
                    capture_output=True,
                    text=True,
                )
                if locust.returncode not in (0, 1):  # locust exits 1 when a request failed
                    print(locust.stdout[-2000:], locust.stderr[-2000:])
                total, per_name = aggregated(csv_prefix)
                figures = run_figures(total)
                runs.append((figures, per_name))
                print(
                    f"  {figures['requests']} requests, {figures['errors']} errors, "
                    f"p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, "
                    f"p99 {figures['p99_ms']} ms",
                    flush=True,
                )
            load_after = round(os.getloadavg()[0], 2)
            cpu_used = cpu_seconds(*app_pids) - cpu_before
        finally:
            pending_after = outbox_pending() - pending_before if worker else None
            for process in filter(None, [server, worker]):
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
    # The worst run (highest p95) stands for the whole measurement.
    worst, per_name = max(runs, key=lambda run: run[0]["p95_ms"])
    requests = sum(run["requests"] for run, _ in runs)
    failures = sum(run["errors"] for run, _ in runs)
    best_p95 = min(run["p95_ms"] for run, _ in runs)
    summary = [
        {"metric": "concurrent users", "value": args.users, "unit": "users"},
        {"metric": "duration", "value": args.duration, "unit": "s"},
        {"metric": "runs", "value": args.runs, "unit": ""},
        {"metric": "requests (all runs)", "value": requests, "unit": "requests"},
        {
            "metric": "throughput (worst run)",
            "value": round(worst["throughput"], 1),
            "unit": "req/s",
        },
        {"metric": "p50 (worst run)", "value": worst["p50_ms"], "unit": "ms"},
        {"metric": "p95 (worst run)", "value": worst["p95_ms"], "unit": "ms"},
        {"metric": "p95 (best run)", "value": best_p95, "unit": "ms"},
        {"metric": "p99 (worst run)", "value": worst["p99_ms"], "unit": "ms"},
        {"metric": "errors (all runs)", "value": failures, "unit": "requests"},
        {"metric": "signals in database", "value": data["counts"]["signals"], "unit": "rows"},
        {"metric": "Q&A pages in database", "value": data["counts"]["questions"], "unit": "pages"},
        {
            # CPU of gunicorn (and the Celery worker) per request, without PostgreSQL and
            # locust: unlike latency, this hardly depends on what else runs on the machine.
            "metric": "app CPU per request",
            "value": round(cpu_used * 1000 / max(requests, 1), 1),
            "unit": "ms",
        },
        {"metric": "load average (1 min) at start", "value": load_before, "unit": ""},
        {"metric": "load average (1 min) at end", "value": load_after, "unit": ""},
    ]
    if pending_after is not None:
        summary.append(
            {"metric": "outbox still pending at end", "value": pending_after, "unit": "messages"}
        )
    endpoints = [
        {
            "name": row["Name"],
            "method": row["Type"],
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "p50_ms": float(row["50%"]),
            "p95_ms": float(row["95%"]),
            "p99_ms": float(row["99%"]),
        }
        for row in per_name
    ]
    target_met = args.users >= 50 and failures == 0 and worst["p95_ms"] < 300
    write_json(
        args.name,
        {
            "root": str(root),
            "summary": summary,
            "endpoints": endpoints,
            "target": {"users": 50, "errors": 0, "p95_ms": 300, "met": target_met},
            "mode": "celery worker" if args.celery else "in-process",
            "runs": [run for run, _ in runs],
            "measured": "steady state (after ramp-up)" if args.steady_state else "whole run",
        },
    )
    print(
        f"\n{'endpoint':<24} {'method':<6} {'reqs':>6} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6}"
    )
    for row in endpoints:
        print(
            f"{row['name'][:24]:<24} {row['method']:<6} {row['requests']:>6} {row['failures']:>5} "
            f"{row['p50_ms']:>6.0f} {row['p95_ms']:>6.0f} {row['p99_ms']:>6.0f}"
        )
    print()
    for row in summary:
        print(f"{row['metric']:<30} {row['value']:>10} {row['unit']}")
    print(f"target (>=50 users, 0 errors, p95 < 300 ms): {'met' if target_met else 'NOT met'}")
    return 0 if target_met else 1


if __name__ == "__main__":
    sys.exit(main())
