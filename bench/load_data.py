"""Data for the load benchmark (``bench/bench_load.py``): the database, demo data at scale
and what the locust scenario needs (paths, accounts).

The database ``BENCH_LOAD_DB`` (default ``bench_load``) is created when missing and kept
between runs; ``populate`` only adds what is missing.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE_URL = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
DB_NAME = os.environ.get("BENCH_LOAD_DB", "bench_load")  # one per parallel checkout
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/11")
DATABASE_URL = f"{BASE_URL}/{DB_NAME}"
BENCH_PASSWORD = "bench-load-wachtwoord-2026"
QUERIES = [
    "leerbaarheidstoets",
    "overdracht azc gemeente",
    "driegesprek",
    "PIP",
    "financieel ontzorgen",
    "B1-route",
    "Z-route",
    "statushouder huisvesting",
    "KNM",
    "MAP participatie",
    "brede intake",
    "inburgeringsplicht gezinsmigrant",
]


def ensure_database(fresh: bool = False):
    import psycopg

    with psycopg.connect(f"{BASE_URL}/postgres", autocommit=True) as conn:
        if fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def populate(signals_target: int, questions_target: int) -> dict:
    """Demo data plus bulk data; returns what the locust scenario needs (paths, accounts)."""
    os.environ["DATABASE_URL"] = DATABASE_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from accounts import roles
    from accounts.models import User
    from knowledge.factories import publish_question
    from knowledge.models import QuestionPage
    from signals.models import Signal
    from signals.workflow import Level, Status
    from taxonomy.models import Organisation, Phase, Region, Theme

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", verbosity=0)

    def bench_user(email, role):
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=BENCH_PASSWORD,
                first_name="Bench",
                last_name=email.split("@")[0],
                organisation=Organisation.objects.order_by("pk").first(),
            )
            roles.assign_role(user, role)
        return user

    professionals = [
        bench_user(f"load-prof-{i}@example.org", roles.PROFESSIONAL) for i in range(40)
    ]
    coordinators = [
        bench_user(f"load-coord-{i}@example.org", roles.COORDINATOR_UITVOERING) for i in range(10)
    ]

    import random

    rng = random.Random(7)
    words = (
        "overdracht driegesprek leerbaarheidstoets brede intake PIP participatiewet inkoop "
        "budget gegevens AVG koppeling DUO COA taalschool regio samenwerking ontzorgen"
    ).split()
    have = Signal.objects.count()
    added_signals = max(0, signals_target - have)
    if added_signals:
        phases, regions = list(Phase.objects.all()), list(Region.objects.all())
        orgs = list(Organisation.objects.all())
        themes = list(Theme.objects.values_list("pk", flat=True))
        levels = [Level.UITVOERING] * 6 + [Level.SCHAKEL] * 3 + [Level.STELSEL]
        statuses = [Status.INGEDIEND, Status.IN_BEHANDELING, Status.OPGELOST, Status.AFGEWEZEN]
        now, today = timezone.now(), timezone.localdate()
        rows = [
            Signal(
                title=" ".join(rng.sample(words, 4)).capitalize() + f" {have + i}",
                description=" ".join(rng.choices(words, k=40)),
                phase=rng.choice(phases),
                region=rng.choice(regions),
                organisation=rng.choice(orgs),
                submitted_by=rng.choice(professionals),
                level=rng.choice(levels),
                status=rng.choice(statuses),
                deadline=today + timezone.timedelta(days=rng.randint(-30, 60)),
                created_at=now - timezone.timedelta(minutes=rng.randint(0, 60 * 24 * 700)),
            )
            for i in range(added_signals)
        ]
        with transaction.atomic():
            created = Signal.objects.bulk_create(rows, batch_size=5000)
            Through = Signal.themes.through
            Through.objects.bulk_create(
                [Through(signal_id=s.pk, theme_id=rng.choice(themes)) for s in created],
                batch_size=5000,
            )
    added_questions = max(0, questions_target - QuestionPage.objects.count())
    theme_objs = list(Theme.objects.all())
    for i in range(added_questions):
        publish_question(
            f"Vraag uit de praktijk {i}: {' '.join(rng.sample(words, 3))}?",
            short_answer=" ".join(rng.choices(words, k=25)),
            answer=" ".join(rng.choices(words, k=120)),
            themes=[rng.choice(theme_objs)],
        )
    if added_signals or added_questions:
        from search.indexing import reindex_all

        reindex_all()
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    questions = [p.url for p in QuestionPage.objects.live().public().order_by("?")[:200] if p.url]
    data = {
        "questions": questions,
        "themes": [f"/kennisbank/thema/{t.slug}/" for t in theme_objs],
        "queries": QUERIES,
        "professionals": [[u.email, BENCH_PASSWORD] for u in professionals],
        "coordinators": [[u.email, BENCH_PASSWORD] for u in coordinators],
        "counts": {
            "signals": Signal.objects.count(),
            "questions": QuestionPage.objects.count(),
            "users": User.objects.count(),
        },
    }
    connection.close()
    return data


def outbox_pending() -> int:
    """Outbox messages not yet done (what the worker still had to do when the load stopped)."""
    import psycopg

    with psycopg.connect(DATABASE_URL) as conn:
        row = conn.execute(
            "SELECT count(*) FROM notifications_outboxmessage WHERE status = 'pending'"
        ).fetchone()
    return int(row[0])
