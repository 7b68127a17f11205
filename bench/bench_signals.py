"""Benchmark of the signal pages with 100,000 signals in PostgreSQL.

Uses its own database ``bench_signals`` (created when missing, data kept between runs so a
second run starts at once). Reports p50/p95 of the coordinator workbench (filtered,
sorted, paginated), the signal detail page and a submission, prints a table and writes
``bench/results/signals.json``.

    .venv/bin/python bench/bench_signals.py [--signals 100000] [--runs 40]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

from _results import write_json

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BASE_URL = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "bench_signals"
os.environ["DATABASE_URL"] = f"{BASE_URL}/{DB_NAME}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")


def ensure_database():
    import psycopg

    with psycopg.connect(f"{BASE_URL}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def percentile(values, p):
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


def populate(target: int):
    from django.db import connection, transaction
    from django.utils import timezone

    from accounts import roles
    from accounts.factories import UserFactory
    from signals.models import Signal
    from signals.workflow import Level, Status
    from taxonomy.models import Organisation, Phase, Region, Theme

    professional = UserFactory(email="bench-professional@example.org", role=roles.PROFESSIONAL)
    coordinator = UserFactory(
        email="bench-uitvoering@example.org", role=roles.COORDINATOR_UITVOERING
    )
    have = Signal.objects.count()
    if have >= target:
        return professional, coordinator
    themes = list(Theme.objects.values_list("pk", flat=True))
    phases = list(Phase.objects.all())
    regions = list(Region.objects.all())
    orgs = list(Organisation.objects.all())
    levels = [Level.UITVOERING] * 6 + [Level.SCHAKEL] * 3 + [Level.STELSEL]
    statuses = [
        Status.INGEDIEND,
        Status.IN_BEHANDELING,
        Status.MEER_INFORMATIE,
        Status.OPGELOST,
        Status.AFGEWEZEN,
    ]
    words = (
        "overdracht driegesprek leerbaarheidstoets brede intake PIP participatiewet inkoop "
        "budget gegevens AVG koppeling DUO COA taalschool regio samenwerking ontzorgen"
    ).split()
    rng = random.Random(42)
    today = timezone.localdate()
    now = timezone.now()
    Through = Signal.themes.through
    batch = 5000
    started = time.perf_counter()
    while have < target:
        n = min(batch, target - have)
        rows = []
        for i in range(n):
            title = " ".join(rng.sample(words, 4)).capitalize() + f" {have + i}"
            rows.append(
                Signal(
                    title=title,
                    description=" ".join(rng.choices(words, k=40)),
                    phase=rng.choice(phases),
                    region=rng.choice(regions),
                    organisation=rng.choice(orgs),
                    submitted_by=professional,
                    level=rng.choice(levels),
                    status=rng.choice(statuses),
                    deadline=today + timezone.timedelta(days=rng.randint(-30, 60)),
                    support_count=rng.randint(0, 20),
                    created_at=now - timezone.timedelta(minutes=rng.randint(0, 60 * 24 * 900)),
                )
            )
        with transaction.atomic():
            created = Signal.objects.bulk_create(rows, batch_size=batch)
            Through.objects.bulk_create(
                [Through(signal_id=s.pk, theme_id=rng.choice(themes)) for s in created],
                batch_size=batch,
            )
        have += n
        print(f"  {have:>7} signals ({time.perf_counter() - started:.1f}s)", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return professional, coordinator


def timed(fn, runs):
    fn()  # warm up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--signals", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()

    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from signals.models import Signal
    from taxonomy.models import Theme

    call_command("migrate", verbosity=0)
    professional, coordinator = populate(args.signals)
    total = Signal.objects.count()

    coord_client, prof_client = Client(), Client()
    coord_client.force_login(coordinator)
    prof_client.force_login(professional)
    theme = Theme.objects.order_by("pk").first()
    ids = list(Signal.objects.order_by("?").values_list("pk", flat=True)[:200])
    rng = random.Random(7)

    def workbench():
        response = coord_client.get(
            "/werkbank/",
            {
                "level": "uitvoering",
                "status": "ingediend",
                "theme": theme.pk,
                "sort": "deadline",
                "page": rng.randint(1, 5),
            },
        )
        assert response.status_code == 200

    def workbench_overdue():
        response = coord_client.get("/werkbank/", {"level": "uitvoering", "overdue": "on"})
        assert response.status_code == 200

    def detail():
        assert prof_client.get(f"/signalen/{rng.choice(ids)}/").status_code == 200

    def submit():
        response = prof_client.post(
            "/signalen/nieuw/",
            {
                "title": "Benchmark: koppeling met DUO ontbreekt",
                "description": "Gegevens moeten met de hand worden overgetypt.",
                "urgency": "normaal",
                "confirm": "1",
            },
        )
        assert response.status_code == 302, response.status_code

    def api_list():
        response = coord_client.get(
            "/api/v1/signals/", {"level": "uitvoering", "status": "in_behandeling", "page": 2}
        )
        assert response.status_code == 200

    cases = [
        ("workbench list (filtered, sorted, page 1-5)", workbench),
        ("workbench list (overdue filter)", workbench_overdue),
        ("signal detail", detail),
        ("submission (POST, one transaction)", submit),
        ("API list (filtered, page 2)", api_list),
    ]
    results = {"signals": total, "runs": args.runs, "database": "postgresql", "cases": {}}
    print(f"\n{total:,} signals in PostgreSQL, {args.runs} runs each\n")
    print(f"{'case':<46}{'p50 ms':>10}{'p95 ms':>10}{'queries':>10}")
    for name, fn in cases:
        samples = timed(fn, args.runs)
        with CaptureQueriesContext(connection) as ctx:
            fn()
        row = {
            "p50_ms": round(statistics.median(samples), 1),
            "p95_ms": round(percentile(samples, 95), 1),
            "queries": len(ctx.captured_queries),
        }
        results["cases"][name] = row
        print(f"{name:<46}{row['p50_ms']:>10}{row['p95_ms']:>10}{row['queries']:>10}")
    # Remove the signals the submissions created, so repeated runs measure the same data.
    from signals.models import SignalEvent

    extra = Signal.objects.filter(title="Benchmark: koppeling met DUO ontbreekt")
    SignalEvent.objects.filter(signal__in=extra)._raw_delete(SignalEvent.objects.db)
    extra.delete()
    write_json("signals", results)


if __name__ == "__main__":
    main()
