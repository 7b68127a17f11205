"""Operations against a real OpenSearch node: analysis, rebuild under load, reconcile, outbox
catch-up after a crash, bad input, health."""

from __future__ import annotations

import io
import logging
import threading

import pytest
from django.http import QueryDict

from search import engine_backend
from search.models import SearchDocument, Synonym
from search.query import SearchParams
from search.synonyms import expand

from .test_editorial import BAD_QUERIES

pytestmark = pytest.mark.django_db

PUBLIC = ["public", "outside-chain"]


def _params(**values):
    data = QueryDict(mutable=True)
    for key, value in values.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return SearchParams.from_querydict(data)


@pytest.fixture
def knowledge(corpus):
    """The standard corpus plus an answer that uses "toets" on its own (vocabulary)."""
    corpus.load_standard()
    corpus.add("toets-los", title="Wanneer is een toets geldig?", summary="Over de geldigheid.")
    return corpus


def _rebuild():
    return engine_backend.rebuild(SearchDocument.objects.order_by("pk").iterator(), grace=0)


def _titles(q, tokens=PUBLIC, **filters):
    rows, total, _counts = engine_backend.search(_params(q=q, **filters), expand(q), tokens)
    return [row[2] for row in rows]


def test_node_accepts_the_mapping_and_analyses_dutch(engine, knowledge):
    _rebuild()
    mapping = engine_backend.client().indices.get_mapping(index=engine_backend.alias_name())
    (index,) = mapping.values()
    assert index["mappings"]["properties"]["title"]["search_analyzer"] == "nl_search"
    # Dutch stemmer: inflections meet.
    assert engine_backend.analyze("inburgeringstermijnen", "nl_index") != []
    assert engine_backend.analyze("gemeenten", "nl_search") == engine_backend.analyze(
        "gemeente", "nl_search"
    )
    # Compound splitting from the vocabulary: the compound is also indexed by its parts.
    parts = engine_backend.analyze("leerbaarheidstoets", "nl_index")
    assert len(parts) > 1 and engine_backend.analyze("toets", "nl_index")[0] in parts
    # Editors' synonyms at search time (synonym_graph).
    expanded = engine_backend.analyze("statushouder", "nl_search")
    assert engine_backend.analyze("vergunninghouder", "nl_index")[0] in expanded


def test_compound_part_and_typo_find_the_answer(engine, knowledge):
    _rebuild()
    assert any("leerbaarheidstoets" in title.lower() for title in _titles("toets"))
    assert any("leerbaarheidstoets" in title.lower() for title in _titles("leerbaarheidstoest"))


def test_changed_synonyms_reach_the_engine_through_the_outbox(
    engine, standard_corpus, django_capture_on_commit_callbacks
):
    _rebuild()
    (insurance,) = engine_backend.analyze("zorgverzekering", "nl_search")
    assert insurance not in engine_backend.analyze("kraamzorg", "nl_search")
    with django_capture_on_commit_callbacks(execute=True):
        Synonym.objects.create(terms="kraamzorg, zorgverzekering", is_active=True)
    assert insurance in engine_backend.analyze("kraamzorg", "nl_search")


def test_facets_counts_paging_and_date_order_on_the_node(engine, standard_corpus):
    _rebuild()
    params = _params(q="inburgering")
    rows, total, counts = engine_backend.search(params, expand(params.q), PUBLIC)
    assert total > 10 and len(rows) == 10
    kinds = {key: value for key, value in counts.items() if key.startswith("kind:")}
    visible = SearchDocument.objects.filter(pk__in=engine_backend.ids_in_index())
    assert sum(kinds.values()) == total <= visible.count()
    only_qa = _params(q="inburgering", type="qa")
    rows_qa, total_qa, _ = engine_backend.search(only_qa, expand("inburgering"), PUBLIC)
    assert total_qa == counts["kind:qa"] and {row[1] for row in rows_qa} == {"qa"}
    page2 = _params(q="inburgering", page="2")
    rows2, total2, _ = engine_backend.search(page2, expand("inburgering"), PUBLIC)
    assert total2 == total and not {r[0] for r in rows} & {r[0] for r in rows2}
    dated = _params(q="inburgering", sort="date")
    rows_dated, _, _ = engine_backend.search(dated, expand("inburgering"), PUBLIC)
    # The engine keeps dates to the millisecond: documents saved within one millisecond tie.
    dates = [
        row[4].replace(microsecond=row[4].microsecond // 1000 * 1000)
        for row in rows_dated
        if row[4] is not None
    ]
    assert dates == sorted(dates, reverse=True)


def test_bad_input_never_raises_in_the_engine_path(engine, standard_corpus):
    from search.text import clean_query

    _rebuild()
    for q in [*BAD_QUERIES, "a" * 100_000, "\udcff\ufffd\x7f", "AND OR NOT", "title:x^9 ~2"]:
        params = _params(q=clean_query(q))
        engine_backend.search(params, expand(params.q), PUBLIC)
        engine_backend.search(_params(q=q[:200]), expand(q[:200]), PUBLIC)  # uncleaned too
        engine_backend.autocomplete([q[:50] or "x"], PUBLIC, ("qa",), 5)
    assert not engine_backend.paused()


def test_rebuild_swaps_the_alias_while_queries_run(engine, standard_corpus):
    _rebuild()
    params = _params(q="statushouder")
    _rows, expected, _ = engine_backend.search(params, expand(params.q), PUBLIC)
    assert expected > 0
    stop = threading.Event()
    failures, totals = [], []

    def query():
        while not stop.is_set():
            try:
                _rows, total, _ = engine_backend.search(params, expand(params.q), PUBLIC)
                totals.append(total)
            except Exception as exc:  # recorded, asserted below
                failures.append(repr(exc))

    threads = [threading.Thread(target=query) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        names = [
            engine_backend.rebuild(SearchDocument.objects.order_by("pk").iterator(), grace=1.0)
            for _ in range(2)
        ]
        from django.core.management import call_command

        call_command("search_reindex", "--es-only", "--quiet-progress", stdout=io.StringIO())
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
    assert failures == [] and not engine_backend.paused()
    assert len(totals) > 10 and set(totals) == {expected}  # never an empty or partial index
    aliased = engine_backend.client().indices.get_alias(name=engine_backend.alias_name())
    indices = engine_backend.client().indices.get(index=f"{engine_backend.alias_name()}-*")
    assert list(aliased) == list(indices) and names[-1] not in aliased  # old ones dropped


def test_reconcile_repairs_missing_stale_and_extra_documents(engine, standard_corpus):
    _rebuild()
    documents = list(SearchDocument.objects.order_by("pk")[:3])
    missing, stale, _keep = documents
    engine_backend.delete_document(missing.pk)
    SearchDocument.objects.filter(pk=stale.pk).update(title="Nieuwe titel voor de verzoening")
    stale.refresh_from_db()
    from django.utils import timezone

    SearchDocument.objects.filter(pk=stale.pk).update(indexed_at=timezone.now())
    extra = SearchDocument(pk=99_999_999, **{f: getattr(stale, f) for f in ("kind", "title")})
    extra.content_type_id, extra.object_id = stale.content_type_id, "weg"
    for field in ("summary", "keywords", "body", "url", "date", "level", "status", "facets"):
        setattr(extra, field, getattr(stale, field))
    extra.access, extra.quality, extra.indexed_at = stale.access, 0, timezone.now()
    engine_backend.index_documents([extra], refresh=True)
    engine_backend.refresh()
    assert engine_backend.count() == SearchDocument.objects.count()  # -1 +1

    report = engine_backend.reconcile_index()
    engine_backend.refresh()
    assert report == {"indexed": 2, "deleted": 1}
    assert set(engine_backend.ids_in_index()) == {
        str(pk) for pk in SearchDocument.objects.values_list("pk", flat=True)
    }
    assert "Nieuwe titel voor de verzoening" in _titles("verzoening")
    assert engine_backend.reconcile_index() == {"indexed": 0, "deleted": 0}


def test_ping_reports_up_unreachable_and_wrong_client(engine, settings):
    assert engine_backend.ping() == {
        "engine": "opensearch",
        "ok": True,
        "detail": engine_backend.ping()["detail"],
    }
    from .engine_fixtures import free_port

    settings.OPENSEARCH_URL = f"http://127.0.0.1:{free_port()}"
    down = engine_backend.ping()
    assert down["engine"] == "opensearch" and down["ok"] is False
    # The elasticsearch client refuses an OpenSearch server: reported, not raised.
    settings.OPENSEARCH_URL = None
    settings.ELASTICSEARCH_URL = engine.url
    wrong = engine_backend.ping()
    assert wrong["engine"] == "elasticsearch" and wrong["ok"] is False, wrong


def test_node_killed_mid_run_then_back_catches_up_from_the_outbox(
    engine_nodes, settings, corpus, client, caplog, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from notifications import outbox
    from notifications.models import OutboxMessage

    node = engine_nodes(name="engine-crash")
    node.health()
    settings.OPENSEARCH_URL = node.url
    settings.ELASTICSEARCH_INDEX_PREFIX = "crash"
    settings.SEARCH_ENGINE_TIMEOUT = 15
    settings.SEARCH_ENGINE_PAUSE_SECONDS = 60
    engine_backend.resume()
    corpus.load_standard()
    _rebuild()
    before = SearchDocument.objects.count()
    assert engine_backend.count() == before

    last_message = OutboxMessage.objects.order_by("-pk").values_list("pk", flat=True).first()
    node.kill()
    with caplog.at_level(logging.WARNING, logger="search.engine"):
        with django_capture_on_commit_callbacks(execute=True):
            for n in range(5):
                corpus.add(f"na-crash-{n}", title=f"Nieuw antwoord over huisvesting {n}")
        responses = [client.get("/api/v1/search/", {"q": "huisvesting"}) for _ in range(4)]
        page = client.get("/zoeken/", {"q": "huisvesting"})
    assert [r.status_code for r in responses] == [200] * 4 and page.status_code == 200
    assert page.context["response"].backend in ("postgres", "simple")
    assert responses[0].json()["count"] >= 5
    warnings = [r for r in caplog.records if "unavailable" in r.getMessage()]
    assert len(warnings) == 1  # one warning per pause, not one per request
    pending = OutboxMessage.objects.filter(handler="search.engine_sync", status="pending")
    failed_while_down = pending.filter(pk__gt=last_message or 0)
    assert failed_while_down.count() >= 5 and all(m.attempts == 1 for m in failed_while_down)

    node.start()
    node.health()
    engine_backend.resume()
    pending.update(available_at=timezone.now())
    outbox.redispatch()
    engine_backend.refresh()
    assert not OutboxMessage.objects.filter(handler="search.engine_sync", status="pending").exists()
    assert engine_backend.count() == SearchDocument.objects.count() == before + 5
    response = client.get("/api/v1/search/", {"q": "huisvesting"})
    assert response.status_code == 200


def test_a_replica_on_a_second_node_keeps_search_answering(engine_nodes, settings, corpus):
    """Two nodes in one cluster: the index gets a replica (auto_expand_replicas 0-1); when the
    data node crashes, the other node still has every document and search keeps answering."""
    from .engine_fixtures import free_port

    ports = free_port(), free_port()
    common = {
        "cluster": "pair",
        "discovery.seed_hosts": ",".join(f"127.0.0.1:{port}" for port in ports),
        "cluster.initial_cluster_manager_nodes": "pair-1",
    }
    first = engine_nodes(name="pair-1", transport_port=ports[0], **common)
    second = engine_nodes(
        name="pair-2", transport_port=ports[1], **{"node.roles": "data"}, **common
    )
    first.health(status="green", wait_for_nodes="2")
    settings.OPENSEARCH_URL = f"{second.url},{first.url}"
    settings.ELASTICSEARCH_INDEX_PREFIX = "pair"
    settings.SEARCH_ENGINE_TIMEOUT = 15
    engine_backend.resume()
    corpus.load_standard()
    _rebuild()
    health = first.health(status="green", index=f"{engine_backend.alias_name()}")
    assert health["active_shards"] == 2  # primary and replica on different nodes
    expected = _titles("statushouder")
    assert expected

    second.kill()
    answers = [_titles("statushouder") for _ in range(6)]
    assert answers == [expected] * 6
    assert not engine_backend.paused()
    assert first.health(status="yellow")["number_of_nodes"] == 1
