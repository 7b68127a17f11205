"""Search engine part of ``bench_search.py --engine opensearch``.

Starts a real OpenSearch node (engine/, heap 1 GB), builds the index from the benchmark's
database with the production rebuild (bulk load + alias swap; documents per second), then runs
the same queries as the PostgreSQL measurement: through the JSON endpoint and straight through
the engine backend. Prints one table beside PostgreSQL's figures and writes
bench/results/search_engine.json.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from _results import write_json

ROOT = Path(__file__).resolve().parent.parent


def _percentiles(values):
    ordered = sorted(values)

    def at(p):
        k = max(0, min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1))))
        return round(ordered[k], 1)

    return {"p50": at(50), "p95": at(95), "max": round(ordered[-1], 1)}


def run(engine: str, queries, rounds: int, client, tokens, postgres: dict) -> dict:
    """Measure ``engine`` (only "opensearch" can be started here) beside ``postgres``."""
    if engine != "opensearch":
        raise SystemExit("only --engine opensearch can be started on this machine")
    sys.path.insert(0, str(ROOT))
    from django.conf import settings

    from search import engine_backend
    from search.models import SearchDocument
    from search.query import SearchParams
    from search.synonyms import expand
    from tests.search.engine_fixtures import EngineNode, ensure_built

    ensure_built()
    node = EngineNode(name="bench-engine").start()
    try:
        node.health()
        settings.OPENSEARCH_URL = node.url
        settings.ELASTICSEARCH_INDEX_PREFIX = "bench"
        settings.SEARCH_ENGINE_TIMEOUT = 30
        engine_backend.resume()
        total = SearchDocument.objects.count()
        t0 = time.perf_counter()
        engine_backend.rebuild(SearchDocument.objects.order_by("pk").iterator(chunk_size=2000))
        seconds = time.perf_counter() - t0
        assert engine_backend.count() == total
        for q in queries:  # warm up, as for PostgreSQL
            client.get("/api/v1/search/", {"q": q})
        endpoint, raw = [], []
        for _round in range(rounds):
            for q in queries:
                t0 = time.perf_counter()
                response = client.get("/api/v1/search/", {"q": q})
                t1 = time.perf_counter()
                assert response.status_code == 200
                params = SearchParams(q=q)
                t2 = time.perf_counter()
                engine_backend.search(params, expand(q), tokens)
                t3 = time.perf_counter()
                endpoint.append((t1 - t0) * 1000)
                raw.append((t3 - t2) * 1000)
        assert not engine_backend.paused(), "the engine failed during the benchmark"
        result = {
            "engine": engine,
            "documents": total,
            "reindex_seconds": round(seconds, 1),
            "reindex_docs_per_s": round(total / seconds),
            "endpoint_ms": _percentiles(endpoint),
            "engine_ms": _percentiles(raw),
            "queries": len(queries),
            "rounds": rounds,
            "heap": "1g",
        }
    finally:
        node.cleanup()
        settings.OPENSEARCH_URL = None
    print()
    print(f"PostgreSQL vs {engine} ({total:,} documents, {len(queries)} queries x {rounds})")
    print(f"{'':26}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    rows = [
        ("PostgreSQL JSON endpoint", postgres["endpoint_ms"]),
        ("PostgreSQL raw SQL", postgres["raw_sql_ms"]),
        (f"{engine} JSON endpoint", result["endpoint_ms"]),
        (f"{engine} engine request", result["engine_ms"]),
    ]
    for label, r in rows:
        print(f"{label:26}{r['p50']:>10}{r['p95']:>10}{r['max']:>10}")
    print(
        f"Full reindex into {engine}: {total:,} documents in {result['reindex_seconds']} s "
        f"= {result['reindex_docs_per_s']:,} docs/s (bulk 500, refresh off during the load)"
    )
    result["postgres"] = {
        "endpoint_ms": postgres["endpoint_ms"],
        "raw_sql_ms": postgres["raw_sql_ms"],
    }
    write_json("search_engine", result)
    return result
