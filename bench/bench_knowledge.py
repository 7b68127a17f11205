"""Benchmark: a Q&A page and a theme page with 5,000 Q&A items in the base.

Loads the items in bulk into the configured database (below a dedicated question index and
theme, so nothing else is touched), measures requests/s, p50 and p95 with Django's test
client, prints a table, writes ``bench/results/knowledge.json`` and removes the items again.

    .venv/bin/python bench/bench_knowledge.py [--items 5000] [--requests 300]

Runs on its own scratch database (migrated on start): a SQLite file in the system's temporary
folder, or ``BENCH_DATABASE_URL`` (e.g. ``postgres://postgres@127.0.0.1:5432/bench_knowledge``).
It never touches ``DATABASE_URL``, so the development database stays as it is.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from pathlib import Path

from _results import write_json

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.dev")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL",
    "sqlite:///" + str(Path(__import__("tempfile").gettempdir()) / "bench_knowledge.sqlite3"),
)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page  # noqa: E402

BENCH_SLUG = "bench-vragen"
THEME_SLUG = "bench-thema"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def _step(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n, 36)
        out = ALPHABET[rem] + out
    return out.rjust(4, "0")


def load(items: int):
    """Bulk-create ``items`` live QuestionPages under a bench index, in one theme."""
    from knowledge.models import QuestionIndexPage, QuestionPage
    from knowledge.services import ensure_knowledge_tree
    from taxonomy.models import Theme

    index, _questions, _ = ensure_knowledge_tree()
    cleanup()
    theme, _ = Theme.objects.get_or_create(slug=THEME_SLUG, defaults={"name": "Benchmark thema"})
    other = Theme.objects.exclude(slug=THEME_SLUG).first()
    parent = index.add_child(
        instance=QuestionIndexPage(title="Benchmark vragen", slug=BENCH_SLUG, live=True)
    )
    parent.refresh_from_db()
    ct = ContentType.objects.get_for_model(QuestionPage)
    now = timezone.now()
    with transaction.atomic():
        base_rows = [
            Page(
                title=f"Benchmarkvraag {i} over de inburgering",
                slug=f"benchmarkvraag-{i}",
                content_type=ct,
                path=parent.path + _step(i + 1),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}benchmarkvraag-{i}/",
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
                live_revision=None,
                locale_id=parent.locale_id,
                draft_title=f"Benchmarkvraag {i} over de inburgering",
            )
            for i in range(items)
        ]
        created = Page.objects.bulk_create(base_rows, batch_size=500)
        ids = [p.pk for p in created]
        if any(pk is None for pk in ids):  # backends without RETURNING
            ids = list(
                Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
                .order_by("path")
                .values_list("pk", flat=True)
            )
        fields = QuestionPage._meta.local_concrete_fields
        rows = []
        for n, pk in enumerate(ids):
            page = QuestionPage(
                page_ptr_id=pk,
                short_answer=f"Kort antwoord {n}: de gemeente regelt dit in het PIP.",
                answer=[],
                sources=[],
                audience="public",
                last_reviewed=now.date(),
                review_interval_months=12,
                review_due_at=now.date(),
                change_note="",
                origin_note="",
                origin_url="",
            )
            rows.append(page)
        for start in range(0, len(rows), 200):
            QuestionPage._base_manager._insert(rows[start : start + 200], fields=fields)
        through = QuestionPage.themes.through
        links = [through(questionpage_id=pk, theme_id=theme.pk) for pk in ids]
        if other:
            links += [through(questionpage_id=pk, theme_id=other.pk) for pk in ids[::3]]
        through.objects.bulk_create(links, batch_size=1000)
        Page.objects.filter(pk=parent.pk).update(numchild=len(ids))
    return QuestionPage.objects.get(pk=ids[len(ids) // 2]), theme


def cleanup():
    """Remove the bench items fast: raw deletes (no per-page signals), then the index page."""
    from knowledge.models import QuestionIndexPage, QuestionPage
    from taxonomy.models import Theme

    for parent in QuestionIndexPage.objects.filter(slug=BENCH_SLUG):
        with transaction.atomic():
            children = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1)
            ids = children.values("pk")
            through = QuestionPage.themes.through.objects.filter(questionpage_id__in=ids)
            through._raw_delete(through.db)
            rows = QuestionPage.objects.filter(page_ptr_id__in=ids)
            rows._raw_delete(rows.db)
            children._raw_delete(children.db)
            Page.objects.filter(pk=parent.pk).update(numchild=0)
        Page.objects.get(pk=parent.pk).delete()
    Theme.objects.filter(slug=THEME_SLUG).delete()


def measure(client: Client, url: str, requests: int) -> dict:
    for _ in range(10):  # warm up caches
        assert client.get(url).status_code == 200, url
    timings = []
    started = time.perf_counter()
    for _ in range(requests):
        t0 = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
    total = time.perf_counter() - started
    timings.sort()
    return {
        "url": url,
        "requests": requests,
        "requests_per_s": round(requests / total, 1),
        "p50_ms": round(statistics.median(timings), 2),
        "p95_ms": round(timings[int(len(timings) * 0.95) - 1], 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="Leave the items in the database.")
    args = parser.parse_args()

    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    logging.getLogger("celery").setLevel(logging.WARNING)
    t0 = time.perf_counter()
    question, theme = load(args.items)
    load_s = time.perf_counter() - t0
    try:
        from knowledge.models import QuestionPage

        client = Client()
        results = {
            "question_page": measure(client, question.url, args.requests),
            "theme_page": measure(client, f"/kennisbank/thema/{theme.slug}/", args.requests),
        }
        loaded = QuestionPage.objects.count()
    finally:
        if not args.keep:
            cleanup()
    print(
        f"\nKnowledge base benchmark ({loaded} Q&A items, {connection.vendor}, loaded in {load_s:.1f} s)"
    )
    print(f"{'view':<15} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8}")
    for name, row in results.items():
        print(f"{name:<15} {row['requests_per_s']:>8} {row['p50_ms']:>8} {row['p95_ms']:>8}")
    data = {
        "items": loaded,
        "database": connection.vendor,
        "load_seconds": round(load_s, 1),
        **results,
        "summary": [
            {"metric": f"{name} {key}", "value": row[key], "unit": unit}
            for name, row in results.items()
            for key, unit in (("requests_per_s", "req/s"), ("p50_ms", "ms"), ("p95_ms", "ms"))
        ],
    }
    write_json("knowledge", data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
