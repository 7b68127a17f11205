"""Benchmark of routing with 100,000 signals, 40 teams and 200 rules in PostgreSQL.

Uses its own database ``bench_routing`` (created when missing, data kept between runs).
Measures: queries and time to route a new signal (``decide``) and to submit one (routing,
history, notifications included); the team-scoped workbench ("my teams") against the whole
level list; and the notification fan-out of a submission (team members vs. every
coordinator of the level). Prints a table and writes ``bench/results/routing.json``.

    .venv/bin/python bench/bench_routing.py [--signals 100000] [--runs 20]

``BENCH_ROUTING_DB`` names another database (e.g. a copy made with
``CREATE DATABASE x TEMPLATE bench_routing``). The same run also compares the two workbench
p95 figures (``comparison``) and measures the subscription fan-out: ``SUBSCRIBERS`` chain
professionals follow a theme, region, organisation or search text; the queries and the
number of people notified for one new signal, and the p50/p95 of the matching query.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BASE_URL = os.environ.get("BENCH_PG", "postgres://postgres:postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("BENCH_ROUTING_DB", "bench_routing")
os.environ["DATABASE_URL"] = f"{BASE_URL}/{DB_NAME}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")

TEAMS = 40
RULES = 200
MEMBERS_PER_TEAM = 3
SUBSCRIBERS = 2000


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


def setup_routing():
    """40 teams (a default per level), 3 coordinators each, 200 rules on region/theme/org."""
    from accounts import roles
    from accounts.factories import UserFactory
    from signals.models import RoutingRule, Team
    from signals.workflow import Level
    from taxonomy.factories import OrganisationFactory, RegionFactory
    from taxonomy.models import Organisation, Region, Theme

    if Team.objects.count() >= TEAMS:
        return
    for i in range(35 - Region.objects.count()):
        RegionFactory(name=f"Bench regio {i}", slug=f"bench-regio-{i}")
    regions = list(Region.objects.order_by("pk"))
    for i in range(60 - Organisation.objects.count()):
        OrganisationFactory(
            name=f"Bench gemeente {i}", slug=f"bench-gemeente-{i}", region=regions[i % 35]
        )
    role_of = {
        Level.UITVOERING: roles.COORDINATOR_UITVOERING,
        Level.SCHAKEL: roles.COORDINATOR_SCHAKEL,
        Level.STELSEL: roles.COORDINATOR_STELSEL,
    }
    plan = [Level.UITVOERING] * 20 + [Level.SCHAKEL] * 15 + [Level.STELSEL] * 5
    seen = set()
    for i, level in enumerate(plan):
        team = Team.objects.create(
            name=f"Bench team {i}", level=level, is_default=level not in seen
        )
        seen.add(level)
        team.members.set(
            [
                UserFactory(email=f"bench-t{i}-m{m}@example.org", role=role_of[level])
                for m in range(MEMBERS_PER_TEAM)
            ]
        )
    teams = {lvl: list(Team.objects.filter(level=lvl)) for lvl in Level.values}
    themes = list(Theme.objects.values_list("pk", flat=True))
    orgs = list(Organisation.objects.values_list("pk", flat=True))
    rng = random.Random(3)
    rules = []
    for i in range(RULES):
        level = plan[i % len(plan)]
        kind = i % 3
        conditions = (
            {"region": [regions[i % len(regions)].pk]}
            if kind == 0
            else {"theme": [rng.choice(themes)], "urgency": ["hoog"]}
            if kind == 1
            else {"organisation": [rng.choice(orgs)]}
        )
        rules.append(
            RoutingRule(
                name=f"Bench regel {i}",
                level=level,
                position=i,
                team=rng.choice(teams[level]),
                conditions=conditions,
            )
        )
    RoutingRule.objects.bulk_create(rules)


def populate(target: int):
    from django.db import connection, transaction
    from django.utils import timezone

    from accounts import roles
    from accounts.factories import UserFactory
    from signals.models import Signal, Team
    from signals.workflow import Level, Status
    from taxonomy.models import Organisation, Phase, Region, Theme

    professional = UserFactory(email="bench-professional@example.org", role=roles.PROFESSIONAL)
    have = Signal.objects.count()
    if have >= target:
        return professional
    themes = list(Theme.objects.values_list("pk", flat=True))
    phases = list(Phase.objects.all())
    regions = list(Region.objects.all())
    orgs = list(Organisation.objects.all())
    teams = {lvl: list(Team.objects.filter(level=lvl)) for lvl in Level.values}
    levels = [Level.UITVOERING] * 6 + [Level.SCHAKEL] * 3 + [Level.STELSEL]
    statuses = [Status.INGEDIEND, Status.IN_BEHANDELING, Status.OPGELOST, Status.AFGEWEZEN]
    rng = random.Random(42)
    today, now = timezone.localdate(), timezone.now()
    Through = Signal.themes.through
    while have < target:
        n = min(5000, target - have)
        rows = []
        for i in range(n):
            level = rng.choice(levels)
            rows.append(
                Signal(
                    title=f"Bench signaal {have + i}",
                    description="Overdracht en koppeling met DUO ontbreken.",
                    phase=rng.choice(phases),
                    region=rng.choice(regions),
                    organisation=rng.choice(orgs),
                    submitted_by=professional,
                    level=level,
                    team=rng.choice(teams[level]),
                    status=rng.choice(statuses),
                    deadline=today + timezone.timedelta(days=rng.randint(-30, 60)),
                    created_at=now - timezone.timedelta(minutes=rng.randint(0, 60 * 24 * 900)),
                )
            )
        with transaction.atomic():
            created = Signal.objects.bulk_create(rows)
            Through.objects.bulk_create(
                [Through(signal_id=s.pk, theme_id=rng.choice(themes)) for s in created]
            )
        have += n
        print(f"  {have:>7} signals", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return professional


def setup_subscriptions():
    """``SUBSCRIBERS`` professionals, each with one subscription (theme/region/org/text)."""
    from accounts import roles
    from accounts.factories import UserFactory
    from notifications.models import Subscription
    from taxonomy.models import Organisation, Region, Theme

    if Subscription.objects.filter(user__email__startswith="bench-sub-").count() >= SUBSCRIBERS:
        return
    themes = list(Theme.objects.all())
    regions = list(Region.objects.all())
    orgs = list(Organisation.objects.all())
    rng = random.Random(7)
    rows = []
    for i in range(SUBSCRIBERS):
        user = UserFactory(email=f"bench-sub-{i}@example.org", role=roles.PROFESSIONAL)
        kind = i % 4
        rows.append(
            Subscription(
                user=user,
                theme=rng.choice(themes) if kind == 0 else None,
                region=rng.choice(regions) if kind == 1 else None,
                organisation=rng.choice(orgs) if kind == 2 else None,
                query="overdracht" if kind == 3 else "",
                frequency=["immediate", "daily", "weekly"][i % 3],
            )
        )
    Subscription.objects.bulk_create(rows)


def timed(fn, runs):
    fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--signals", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    ensure_database()
    import django

    django.setup()
    from _results import write_json
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from notifications.models import Notification, Subscription
    from signals import services
    from signals.models import RoutingRule, Signal, Team
    from signals.services.common import coordinators_of
    from signals.services.routing import decide
    from taxonomy.models import Organisation, Theme

    call_command("migrate", verbosity=0)
    setup_routing()
    professional = populate(args.signals)
    team = Team.objects.filter(level="uitvoering", is_default=False).order_by("pk").first()
    member = team.members.first()
    client = Client()
    client.force_login(member)
    sample = Signal.objects.filter(level="uitvoering").order_by("-pk").first()

    with CaptureQueriesContext(connection) as routing_queries:
        decide(sample)
    with CaptureQueriesContext(connection) as submit_queries:
        created = services.create_signal(
            submitted_by=professional,
            title="Bench: nieuw signaal voor de routering",
            description="Een knelpunt bij de overdracht.",
        )
    fanout = Notification.objects.filter(event_key__startswith=f"signal:{created.pk}:created")
    level_coordinators = coordinators_of("uitvoering").count()

    results = {
        "signals": Signal.objects.count(),
        "teams": Team.objects.count(),
        "rules": RoutingRule.objects.count(),
        "routing_queries": len(routing_queries.captured_queries),
        "submit_queries": len(submit_queries.captured_queries),
        "fanout_team_members": fanout.count(),
        "fanout_level_coordinators": level_coordinators,
    }
    # Subscriptions: one new signal with a theme, region and organisation, matched once.
    from signals.subscriptions import fan_out, recipients_for

    setup_subscriptions()
    org = Organisation.objects.order_by("pk").first()
    subject = services.create_signal(
        submitted_by=professional,
        title="Bench: overdracht zonder driegesprek",
        description="Een knelpunt voor de volgopdrachten.",
        themes=list(Theme.objects.order_by("pk")[:2]),
        organisation=org,
    )
    Notification.objects.filter(event_key__startswith=f"subscription:signal:{subject.pk}:").delete()
    with CaptureQueriesContext(connection) as sub_queries:
        notified = fan_out(subject.pk)
    theme_ids = list(subject.themes.values_list("pk", flat=True))
    results.update(
        {
            "subscriptions": Subscription.objects.count(),
            "subscription_fanout_queries": len(sub_queries.captured_queries),
            "subscription_fanout_notified": notified,
        }
    )
    cases = [
        ("decide (route one signal)", lambda: decide(sample)),
        ("subscriptions: match one signal", lambda: recipients_for(subject, theme_ids)),
        (
            "workbench: my teams",
            lambda: client.get("/werkbank/", {"level": "uitvoering"}),
        ),
        (
            "workbench: whole level",
            lambda: client.get("/werkbank/", {"level": "uitvoering", "scope": "niveau"}),
        ),
    ]
    print(f"\n{results}\n")
    print(f"{'case':<32} {'p50 ms':>8} {'p95 ms':>8}")
    for name, fn in cases:
        samples = timed(fn, args.runs)
        p50, p95 = statistics.median(samples), percentile(samples, 95)
        results[name] = {"p50_ms": round(p50, 1), "p95_ms": round(p95, 1)}
        print(f"{name:<32} {p50:>8.1f} {p95:>8.1f}")
    mine, whole = results["workbench: my teams"], results["workbench: whole level"]
    results["comparison"] = {
        "my_teams_p95_ms": mine["p95_ms"],
        "whole_level_p95_ms": whole["p95_ms"],
        "ratio": round(mine["p95_ms"] / whole["p95_ms"], 2) if whole["p95_ms"] else None,
        "team_scoped_no_worse": mine["p95_ms"] <= whole["p95_ms"] * 1.1,  # 10 % noise margin
    }
    print(f"\ncomparison: {results['comparison']}")
    print(
        f"subscriptions: {results['subscriptions']}, one signal notified "
        f"{results['subscription_fanout_notified']} people in "
        f"{results['subscription_fanout_queries']} queries"
    )
    write_json("routing", results)


if __name__ == "__main__":
    main()
