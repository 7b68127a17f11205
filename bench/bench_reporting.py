"""Benchmark of the reporting pages with 100,000 signals in PostgreSQL.

Uses its own database ``bench_reporting`` (created and migrated when missing; the data is
kept between runs, so a second run starts at once). Bulk-creates signals over two years
with themes, outcomes, escalation events, dossier decisions and ratings, then reports:

- p50/p95 of the overall dashboard render (``/rapportage/``, last twelve months), of a
  level dashboard with a theme filter and of the public page, **uncached** (every request
  computes its figures: this is what the target is about, p95 < 500 ms), and of the overall
  dashboard with the default 5-minute figure cache (for comparison only);
- the time to build the kwartaalrapportage (figures of two quarters + dossiers) and its
  PDF (target < 30 s) and XLSX;
- the load average of the machine before and after the measurements (the machine may be
  shared: compare runs with a similar load).

Prints a table and writes ``bench/results/reporting.json`` (top-level ``summary`` list).

The figures use the reporting indexes of the signals app (``signal_report_*_idx``,
``signalevent_escalate_idx``): mostly index-only scans, so the tables are vacuumed after
loading (as autovacuum would) to set the visibility map.

    .venv/bin/python bench/bench_reporting.py [--signals 100000] [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

from _results import write_json

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BASE_URL = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = "bench_reporting"
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


def populate(target: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from signals.models import Dossier, OutcomeRating, Signal, SignalEvent
    from signals.workflow import Level, Status
    from taxonomy.models import Organisation, Phase, Region, Theme

    have = Signal.objects.count()
    if have >= target:
        add_followups()
        vacuum()
        return
    rng = random.Random(8)
    themes = list(Theme.objects.values_list("pk", flat=True))
    phases = list(Phase.objects.values_list("pk", flat=True)) + [None]
    regions = list(Region.objects.values_list("pk", flat=True))
    orgs = list(Organisation.objects.values_list("pk", "region_id"))
    if len(orgs) < 20:
        for i in range(40):
            Organisation.objects.get_or_create(
                slug=f"bench-org-{i}",
                defaults={
                    "name": f"Bench organisatie {i}",
                    "type": rng.choice(["gemeente", "taalschool", "coa_locatie", "overig"]),
                    "region_id": rng.choice(regions),
                },
            )
        orgs = list(Organisation.objects.values_list("pk", "region_id"))
    levels = [Level.UITVOERING] * 6 + [Level.SCHAKEL] * 3 + [Level.STELSEL]
    open_states = [
        Status.INGEDIEND,
        Status.IN_BEHANDELING,
        Status.MEER_INFORMATIE,
        Status.GEBUNDELD,
    ]
    now = timezone.now()
    dossiers = [
        Dossier(
            title=f"Benchdossier {i}",
            level=rng.choice([Level.SCHAKEL, Level.STELSEL]),
            status=rng.choice([Status.IN_BEHANDELING, Status.OPGELOST, Status.GEESCALEERD]),
            created_at=now - timedelta(days=rng.randint(0, 700)),
            outcome="Besloten in het ketenoverleg.",
        )
        for i in range(300)
    ]
    Dossier.objects.bulk_create(dossiers, batch_size=500)
    dossier_events = []
    for d in dossiers:
        when = d.created_at + timedelta(days=rng.randint(5, 60))
        action = "resolve" if d.status == Status.OPGELOST else "escalate"
        dossier_events.append(
            SignalEvent(
                dossier=d,
                action=action,
                from_level=Level.SCHAKEL,
                to_level=Level.STELSEL if action == "escalate" else Level.SCHAKEL,
                reason="Uitkomst van het dossier.",
                created_at=when,
            )
        )
    SignalEvent.objects.bulk_create(dossier_events, batch_size=1000)

    Through = Signal.themes.through
    batch = 5000
    started = time.monotonic()
    for offset in range(have, target, batch):
        n = min(batch, target - offset)
        rows = []
        for i in range(n):
            created = now - timedelta(days=rng.random() * 730)
            closed = rng.random() < 0.55
            org, region = rng.choice(orgs)
            outcome_at = created + timedelta(days=rng.expovariate(1 / 25)) if closed else None
            if outcome_at and outcome_at > now:
                outcome_at = now
            rows.append(
                Signal(
                    title=f"Benchsignaal {offset + i}",
                    description="Knelpunt in de keten (benchmark).",
                    created_at=created,
                    level=rng.choice(levels),
                    status=rng.choice([Status.OPGELOST, Status.OPGELOST, Status.AFGEWEZEN])
                    if closed
                    else rng.choice(open_states),
                    outcome="Terugkoppeling gegeven." if closed else "",
                    outcome_at=outcome_at,
                    deadline=(created + timedelta(days=rng.randint(10, 60))).date(),
                    organisation_id=org,
                    region_id=region,
                    phase_id=rng.choice(phases),
                    is_published=rng.random() < 0.3,
                    dossier=rng.choice(dossiers) if rng.random() < 0.1 else None,
                )
            )
        with transaction.atomic():
            Signal.objects.bulk_create(rows, batch_size=batch)
            Through.objects.bulk_create(
                [
                    Through(signal_id=s.pk, theme_id=t)
                    for s in rows
                    for t in rng.sample(themes, rng.randint(1, 2))
                ],
                batch_size=batch,
            )
            events = [
                SignalEvent(
                    signal_id=s.pk,
                    action="escalate",
                    from_level=Level.UITVOERING,
                    to_level=Level.SCHAKEL,
                    created_at=s.created_at + timedelta(days=3),
                )
                for s in rows
                if s.level != Level.UITVOERING
            ]
            SignalEvent.objects.bulk_create(events, batch_size=batch)
            ratings = [
                OutcomeRating(
                    signal_id=s.pk,
                    rating=rng.choice(["ja", "deels", "nee"]),
                    outcome_at=s.outcome_at,
                    created_at=s.outcome_at + timedelta(days=2),
                )
                for s in rows
                if s.outcome_at and rng.random() < 0.2
            ]
            OutcomeRating.objects.bulk_create(ratings, batch_size=batch)
        print(f"  {offset + n:>7} signals ({time.monotonic() - started:.0f} s)", flush=True)
    add_followups()
    vacuum()


def add_followups() -> None:
    """Updates (terugkoppeling) on every tenth signal and every third dossier, once."""
    from signals.models import Dossier, FollowUp, Signal

    if FollowUp.objects.exists():
        return
    rows = [
        FollowUp(
            signal_id=pk, text="Voortgang (benchmark).", created_at=created + timedelta(days=7)
        )
        for pk, created in Signal.objects.order_by("pk").values_list("pk", "created_at")[::10]
    ]
    rows += [
        FollowUp(dossier_id=pk, text="Voortgang dossier (benchmark).", created_at=created)
        for pk, created in Dossier.objects.order_by("pk").values_list("pk", "created_at")[::3]
    ]
    FollowUp.objects.bulk_create(rows, batch_size=5000)


def vacuum() -> None:
    """VACUUM ANALYZE the tables the figures read (sets the visibility map, as autovacuum does)."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in (
            "signals_signal",
            "signals_signal_themes",
            "signals_signalevent",
            "signals_outcomerating",
            "signals_followup",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")


def timed(fn, runs):
    times = []
    for _i in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--signals", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()

    ensure_database()
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.utils import timezone

    call_command("migrate", verbosity=0, interactive=False)
    populate(args.signals)

    from accounts import roles
    from accounts.factories import UserFactory
    from reporting import services
    from reporting.pdf import build_pdf
    from reporting.periods import last_complete_quarter
    from reporting.xlsx import build_xlsx
    from signals.models import Signal
    from taxonomy.models import Theme

    total = Signal.objects.count()
    user = UserFactory(email="bench-stelsel@example.org", role=roles.COORDINATOR_STELSEL)
    client = Client()
    client.force_login(user)
    theme = Theme.objects.get(slug="pip")

    def get(url):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)

    from django.core.cache import cache
    from django.test import override_settings

    load_before = os.getloadavg()
    get("/rapportage/")  # warm-up
    with override_settings(REPORTING_CACHE_SECONDS=0):  # every request computes its figures
        get(f"/rapportage/schakel/?theme={theme.pk}")
        get("/rapportage/publiek/")
        overall = timed(lambda: get("/rapportage/"), args.runs)
        level = timed(lambda: get(f"/rapportage/schakel/?theme={theme.pk}"), args.runs)
        public = timed(lambda: get("/rapportage/publiek/"), max(5, args.runs // 3))
    cache.clear()
    with override_settings(REPORTING_CACHE_SECONDS=300):  # the default: figures cached 5 min
        warm = timed(lambda: get("/rapportage/"), args.runs)

    period = last_complete_quarter(timezone.localdate())
    started = time.perf_counter()
    data = services.build_report_data("alle", period)
    build_s = time.perf_counter() - started
    started = time.perf_counter()
    pdf_bytes = build_pdf(data)
    pdf_s = time.perf_counter() - started
    started = time.perf_counter()
    build_xlsx(data)
    xlsx_s = time.perf_counter() - started
    load_after = os.getloadavg()

    def ms(label, values):
        return [
            {"metric": f"{label} p50", "value": round(percentile(values, 50), 1), "unit": "ms"},
            {"metric": f"{label} p95", "value": round(percentile(values, 95), 1), "unit": "ms"},
        ]

    summary = [
        {"metric": "signals in database", "value": total, "unit": ""},
        *ms("dashboard overall uncached", overall),
        *ms("dashboard level+theme uncached", level),
        *ms("public page uncached", public),
        *ms("dashboard overall cached", warm),
        {"metric": "quarterly report figures", "value": round(build_s, 2), "unit": "s"},
        {"metric": "quarterly report PDF build", "value": round(build_s + pdf_s, 2), "unit": "s"},
        {"metric": "quarterly report XLSX build", "value": round(build_s + xlsx_s, 2), "unit": "s"},
        {"metric": "load average before (1 min)", "value": round(load_before[0], 2), "unit": ""},
        {"metric": "load average after (1 min)", "value": round(load_after[0], 2), "unit": ""},
    ]
    print(f"\n{'metric':<36} {'value':>10} unit")
    print("-" * 54)
    for row in summary:
        print(f"{row['metric']:<36} {row['value']:>10} {row['unit']}")
    write_json(
        "reporting",
        {
            "summary": summary,
            "targets": {"dashboard_uncached_p95_ms": 500, "pdf_s": 30},
            "runs": args.runs,
            "cpus": os.cpu_count(),
            "load_average": {"before": load_before, "after": load_after},
            "pdf_bytes": len(pdf_bytes),
            "overall_ms": {"mean": round(statistics.mean(overall), 1)},
        },
    )
    # The target is about computing the figures: a cache hit does not count.
    ok = percentile(overall, 95) < 500 and percentile(level, 95) < 500 and build_s + pdf_s < 30
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
