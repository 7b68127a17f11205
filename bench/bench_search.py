"""Search benchmark on PostgreSQL: JSON endpoint latency vs raw SQL, plus relevance figures.

    .venv/bin/python bench/bench_search.py [--signals 10000|100000|1000000] [--rebuild]

Uses its own database (``bench_search`` on the local server, or BENCH_DATABASE_URL), created
with ``migrate`` and the demo content on first use. Synthetic documents (5,000 Q&A, 500
handreikingen and N signals, Dutch text generated from the domain vocabulary) are bulk
loaded with COPY straight into the search table; the trigger builds the vectors.
Prints a table and writes bench/results/search.json. The corpus generator lives in
``search_corpus.py``, its vocabulary and the 50 timed queries in ``search_vocabulary.py``.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

from _results import results_dir, write_json
from search_corpus import load
from search_vocabulary import QUERIES

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_search"


def ensure_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
            return True
    return False


def percentile(values, p):
    values = sorted(values)
    k = (len(values) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--signals", type=int, default=100_000)
    parser.add_argument("--qa", type=int, default=5_000)
    parser.add_argument("--handreikingen", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--rebuild", action="store_true", help="Reload the synthetic corpus.")
    parser.add_argument(
        "--no-rum", action="store_true", help="Ignore the RUM index (measure the GIN path)."
    )
    parser.add_argument(
        "--engine",
        choices=["opensearch"],
        help="Also measure a real search engine node (bench/bench_engine.py).",
    )
    args = parser.parse_args()

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")
    created = ensure_database(url)

    import django

    django.setup()
    from django.conf import settings

    if args.no_rum:
        settings.SEARCH_RUM = False
    import logging

    logging.disable(logging.WARNING)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from accounts import roles
    from accounts.factories import UserFactory
    from search import services
    from search.backends.postgres import PostgresBackend
    from search.backends.postings import rebuild_postings
    from search.models import SearchDocument
    from search.permissions import tokens_for
    from search.query import SearchParams
    from search.synonyms import expand

    call_command("migrate", verbosity=0)
    if created or not SearchDocument.objects.exclude(source="bench.synthetic").exists():
        print("Loading demo content (knowledge, signals, communities) ...")
        call_command("seed_demo", force=True, stdout=io.StringIO())
    want = {"qa": args.qa, "handreiking": args.handreikingen, "signal": args.signals}
    have = dict(
        SearchDocument.objects.filter(source="bench.synthetic")
        .values_list("kind")
        .annotate(n=__import__("django.db.models", fromlist=["Count"]).Count("id"))
    )
    if args.rebuild or have != want:
        print(f"Loading synthetic corpus {want} ...")
        # Bulk path: the row trigger that maintains the postings is off during the load;
        # the postings are then rebuilt in one pass (as `rebuild_postings` does in production).
        with connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE search_searchdocument DISABLE TRIGGER search_document_postings"
            )
            if args.no_rum:  # not maintained during the load (costly at a million rows)
                cursor.execute("DROP INDEX IF EXISTS search_doc_vector_rum")
        try:
            SearchDocument.objects.filter(source="bench.synthetic").delete()
            rng = random.Random(2021)
            start = 0
            t0 = time.perf_counter()
            for kind, count in want.items():
                load(kind, count, rng, start)
                start += count
            print(f"  documents loaded in {time.perf_counter() - t0:.0f} s")
        finally:
            with connection.cursor() as cursor:
                cursor.execute(
                    "ALTER TABLE search_searchdocument ENABLE TRIGGER search_document_postings"
                )
        t0 = time.perf_counter()
        count = rebuild_postings(connection)
        print(f"  {count:,} postings built in {time.perf_counter() - t0:.0f} s")
        with connection.cursor() as cursor:
            for table in ("search_searchdocument", "search_posting", "search_lexeme"):
                cursor.execute(f"VACUUM ANALYZE {table}")
    else:
        with connection.cursor() as cursor:  # an interrupted earlier load left no postings?
            cursor.execute(
                "SELECT count(*) FROM search_searchdocument d WHERE NOT EXISTS "
                "(SELECT 1 FROM search_posting p WHERE p.doc_id = d.id)"
            )
            missing = cursor.fetchone()[0]
        if missing:
            print(f"  {missing:,} documents without postings: rebuilding the postings")
            rebuild_postings(connection)
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE search_posting")
    total_docs = SearchDocument.objects.count()

    user = UserFactory(role=roles.PROFESSIONAL)
    client = Client()
    client.force_login(user)
    tokens = tokens_for(user)
    backend = PostgresBackend()

    # Warm up (plans, caches, synonyms): every query once, so both measurements below see
    # the same steady state (otherwise the endpoint pays the first reads from disk and the
    # raw SQL, run right after it, does not).
    for q in QUERIES:
        client.get("/api/v1/search/", {"q": q})

    endpoint, raw = [], []
    per_query = []
    for _round in range(args.rounds):
        for q in QUERIES:
            t0 = time.perf_counter()
            response = client.get("/api/v1/search/", {"q": q})
            t1 = time.perf_counter()
            assert response.status_code == 200
            params = SearchParams(q=q)
            expanded = expand(q)
            t2 = time.perf_counter()
            backend.search(params, expanded, tokens)
            t3 = time.perf_counter()
            endpoint.append((t1 - t0) * 1000)
            raw.append((t3 - t2) * 1000)
            if _round == 0:
                data = response.json()
                per_query.append((q, data["count"], data["count_exact"]))

    # The same queries with a filter or in date order (one round each).
    variants = {
        "type=signal": {"type": "signal"},
        "theme=PIP": {"theme": "PIP"},
        "sort=date": {"sort": "date"},
    }
    variant_ms = {}
    exact = sum(1 for _q, _n, e in per_query if e)
    for label, extra in variants.items():
        times = []
        for q in QUERIES:
            t0 = time.perf_counter()
            response = client.get("/api/v1/search/", {"q": q, **extra})
            times.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200
        variant_ms[label] = {
            "p50": round(percentile(times, 50), 1),
            "p95": round(percentile(times, 95), 1),
        }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_total_relation_size('search_searchdocument'), "
            "pg_total_relation_size('search_posting'), (SELECT count(*) FROM search_posting)"
        )
        documents_bytes, postings_bytes, postings_rows = cursor.fetchone()

    sys.path.insert(0, str(ROOT / "tests" / "search"))
    from relevance_set import evaluate_halves

    halves = evaluate_halves(lambda q: [h.title for h in services.search(user, q).hits])
    relevance = halves["held_out"]

    from search.pg_setup import rum_enabled

    # Relevance queries run on the postings; the GIN (or, where installed, RUM) index serves
    # the exact fallbacks (selective filters, date order).
    index = "postings+rum" if rum_enabled(connection) else "postings+gin"
    result = {
        "database": "postgresql",
        "index": index,
        "documents": total_docs,
        "qa": args.qa,
        "handreikingen": args.handreikingen,
        "signals": args.signals,
        "queries": len(QUERIES),
        "rounds": args.rounds,
        "endpoint_ms": {
            "p50": round(percentile(endpoint, 50), 1),
            "p95": round(percentile(endpoint, 95), 1),
            "max": round(max(endpoint), 1),
        },
        "raw_sql_ms": {
            "p50": round(percentile(raw, 50), 1),
            "p95": round(percentile(raw, 95), 1),
            "max": round(max(raw), 1),
        },
        "variants_ms": variant_ms,
        "median_result_count": statistics.median(n for _, n, _e in per_query),
        "exact_counts": f"{exact}/{len(per_query)}",
        "documents_table_mb": round(documents_bytes / 2**20),
        "postings_mb": round(postings_bytes / 2**20),
        "postings": postings_rows,
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "relevance": {k: v for k, v in relevance.items() if k != "misses"},
        "relevance_tuning": {k: v for k, v in halves["tuning"].items() if k != "misses"},
        "relevance_misses": [list(m[:2]) for m in relevance["misses"]],
    }
    print()
    print(
        f"Search benchmark: {total_docs:,} documents ({args.signals:,} signals), "
        f"{len(QUERIES)} queries x {args.rounds} rounds, as a chain professional, {index.upper()}"
    )
    print(f"{'':22}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for label, key in (("JSON endpoint", "endpoint_ms"), ("backend (SQL+ranking)", "raw_sql_ms")):
        r = result[key]
        print(f"{label:22}{r['p50']:>10}{r['p95']:>10}{r['max']:>10}")
    for label, r in variant_ms.items():
        print(f"{'  ' + label:22}{r['p50']:>10}{r['p95']:>10}")
    print(
        f"Exact counts for {result['exact_counts']} queries (others: lower bound); postings "
        f"{postings_rows:,} rows, {result['postings_mb']} MB (documents {result['documents_table_mb']} MB); "
        f"load average {result['load_average']}"
    )
    for half, key in (("tuning", "relevance_tuning"), ("held-out", "relevance")):
        rel = result[key]
        print(
            f"Relevance, {half} half ({rel['queries']} queries, demo content among the "
            f"synthetic corpus): hit@1={rel['hit@1']} hit@3={rel['hit@3']} MRR={rel['mrr']}"
        )
    out = results_dir() / "search.json"
    existing = {}
    if out.exists():
        try:
            existing = json.loads(out.read_text())
        except ValueError:
            existing = {}
    existing.pop("summary", None)
    existing[f"{args.signals}_{index}"] = result
    stale = [
        key
        for key, run in existing.items()
        if not isinstance(run, dict) or not str(run.get("index", "")).startswith("postings")
    ]
    for key in stale:  # results of earlier backends (before the postings)
        existing.pop(key)
    summary = []
    for _key, run in sorted(existing.items()):
        if not isinstance(run, dict) or "endpoint_ms" not in run:
            continue
        label = f"search {run['signals']:,} signals {run.get('index', 'gin').upper()}"
        summary += [
            {"metric": f"{label} endpoint p50", "value": run["endpoint_ms"]["p50"], "unit": "ms"},
            {"metric": f"{label} endpoint p95", "value": run["endpoint_ms"]["p95"], "unit": "ms"},
            {"metric": f"{label} raw SQL p95", "value": run["raw_sql_ms"]["p95"], "unit": "ms"},
            {
                "metric": f"{label} held-out hit@3",
                "value": run["relevance"]["hit@3"],
                "unit": "ratio",
            },
            {
                "metric": f"{label} held-out hit@1",
                "value": run["relevance"]["hit@1"],
                "unit": "ratio",
            },
        ]
    existing["summary"] = summary
    write_json("search", existing, ensure_ascii=False)
    if args.engine:
        from bench_engine import run as run_engine

        run_engine(args.engine, QUERIES, args.rounds, client, tokens, result)


if __name__ == "__main__":
    main()
