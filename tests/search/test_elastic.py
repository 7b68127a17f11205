"""Engine backend contract: mapping, analyzer and query bodies (the same for Elasticsearch and
OpenSearch), the Elasticsearch client over HTTP, and the fallback. The real node: test_engine_*."""

import json
import logging
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.http import QueryDict

from search import elastic
from search.query import SearchParams
from search.synonyms import expand

pytestmark = pytest.mark.django_db


def _params(**values):
    data = QueryDict(mutable=True)
    for key, value in values.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return SearchParams.from_querydict(data)


def test_mapping_has_dutch_analyzers_keywords_and_synonyms(db):
    body = elastic.index_body()
    analysis = body["settings"]["analysis"]
    assert analysis["filter"]["nl_stemmer"] == {"type": "stemmer", "language": "dutch"}
    assert analysis["filter"]["nl_stop"]["stopwords"] == "_dutch_"
    synonyms = analysis["filter"]["nl_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    assert "statushouder, asielstatushouder, vergunninghouder" in synonyms["synonyms"]
    assert "asciifolding" in analysis["analyzer"]["nl_index"]["filter"]
    compounds = analysis["filter"]["nl_compounds"]
    assert compounds["type"] == "dictionary_decompounder" and compounds["word_list"]
    assert "nl_compounds" in analysis["analyzer"]["nl_index"]["filter"]
    assert "nl_compounds" not in analysis["analyzer"]["nl_search"]["filter"]
    assert body["settings"]["auto_expand_replicas"] == "0-1"
    assert analysis["analyzer"]["nl_search"]["filter"].index("nl_synonyms") < analysis["analyzer"][
        "nl_search"
    ]["filter"].index("nl_stemmer")
    props = body["mappings"]["properties"]
    assert props["title"]["analyzer"] == "nl_index"
    assert props["title"]["search_analyzer"] == "nl_search"
    assert props["title"]["fields"]["trigram"]["analyzer"] == "nl_trigram"
    assert props["access"] == {"type": "keyword"}
    assert props["facets"] == {"type": "keyword"}
    assert props["date"] == {"type": "date"}


def test_query_filters_on_access_tokens_facets_and_expands_synonyms(db):
    params = _params(q="statushouder driegesprek", type="qa", theme=["PIP", "KNM"])
    body = elastic.build_search(params, expand(params.q), ["public", "chain"]).to_dict()
    # rating x recency x kind (products, as search/ranking.py), then coverage, then the text.
    function_score = body["query"]["function_score"]
    recency = function_score["query"]["function_score"]
    rating = recency["query"]["function_score"]
    coverage = rating["query"]["function_score"]
    bool_query = coverage["query"]["bool"]
    assert {"terms": {"access": ["public", "chain"]}} in bool_query["filter"]
    assert {"terms": {"facets": ["kind:qa"]}} in bool_query["filter"]
    assert {"terms": {"facets": ["theme:PIP", "theme:KNM"]}} in bool_query["filter"]
    assert bool_query["minimum_should_match"] == 1
    text = str(bool_query["should"])
    assert "vergunninghouder" in text and "driepartijengesprek" in text
    assert body["aggs"]["facets"]["terms"]["field"] == "facets"
    assert body["from"] == 0 and body["size"] == 10 and body["track_total_hits"] is True
    kinds = [f for f in function_score["functions"] if "filter" in f]
    assert {"filter": {"term": {"kind": "qa"}}, "weight": 1.3} in kinds
    assert function_score["score_mode"] == "first" and function_score["functions"][-1] == {
        "weight": 0.8
    }
    assert any("exp" in f for f in recency["functions"])
    assert any("field_value_factor" in f for f in rating["functions"])
    # Coverage: 0.25 + 1/2 per concept in title/summary/keywords, half that when body-only.
    assert coverage["functions"][0] == {"weight": 0.25}
    assert [f["weight"] for f in coverage["functions"][1:]] == [0.5, 0.25, 0.5, 0.25]
    # A concept is the best (dis_max) of its alternatives; a synonym counts 0.9.
    alternatives = bool_query["should"][1]["dis_max"]["queries"]
    assert alternatives[0]["multi_match"]["query"] == "driegesprek"
    assert {a["multi_match"].get("boost") for a in alternatives[1:]} == {0.9}


def test_typed_compound_also_finds_both_parts_at_split_weight(db):
    from search.engine_backend import mapping
    from search.text import stem

    mapping._known.update(at=time.monotonic(), stems=frozenset({stem("intake"), stem("gesprek")}))
    try:
        body = elastic.build_search(_params(q="intakegesprek"), expand("intakegesprek"), ["public"])
    finally:
        mapping._known.update(at=-1e9)
    query = body.to_dict()["query"]
    for _level in ("kind", "recency", "rating", "coverage"):
        query = query["function_score"]["query"]
    concept = query["bool"]["should"][0]["dis_max"]["queries"]
    split = next(q["bool"] for q in concept if "bool" in q)
    assert split["boost"] == 0.8  # both parts must occur, each on its own stem
    assert [m["multi_match"]["query"] for m in split["must"]] == ["intake", "gesprek"]
    # Either part alone, at SPLIT_PART_WEIGHT (as the database ranking).
    alone = {
        q["multi_match"]["query"]: q["multi_match"]["boost"]
        for q in concept[2:]
        if "multi_match" in q
    }
    assert alone == {"intake": 0.5, "gesprek": 0.5}


def test_date_sort_and_browse_queries(db):
    dated = elastic.build_search(_params(q="pip", sort="date", page="3"), expand("pip"), ["public"])
    body = dated.to_dict()
    assert body["sort"][0] == {"date": {"order": "desc", "missing": "_last"}}
    assert body["from"] == 20
    browse = elastic.build_search(_params(theme="PIP"), expand(""), ["public"]).to_dict()
    assert "function_score" not in browse["query"]
    assert {"terms": {"facets": ["theme:PIP"]}} in browse["query"]["bool"]["filter"]


def _closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def test_unreachable_cluster_falls_back_to_database_with_warning(
    client, standard_corpus, settings, caplog
):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{_closed_port()}"
    settings.OPENSEARCH_URL = None
    elastic.resume()
    try:
        with caplog.at_level(logging.WARNING, logger="search.engine"):
            response = client.get("/api/v1/search/", {"q": "leerbaarheidstoets"})
            page = client.get("/zoeken/", {"q": "leerbaarheidstoets"})
            again = client.get("/api/v1/search/", {"q": "inburgering"})
        assert elastic.paused()
    finally:
        elastic.resume()
    assert response.status_code == 200 and page.status_code == 200 and again.status_code == 200
    assert response.json()["count"] >= 2
    assert page.context["response"].backend in ("postgres", "simple")
    warnings = [r for r in caplog.records if "unavailable" in r.getMessage()]
    assert len(warnings) == 1  # one per pause, not one per request


class _FakeElasticsearch(BaseHTTPRequestHandler):
    """Answers like an Elasticsearch 8 node and records what the client sent (contract test)."""

    received: list = []

    def _reply(self, body: dict):
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.elasticsearch+json; compatible-with=8")
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):  # noqa: N802 - http.server naming
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        type(self).received.append((self.path, body))
        self._reply(
            {
                "hits": {
                    "total": {"value": 1, "relation": "eq"},
                    "hits": [
                        {
                            "_id": "7",
                            "_score": 2.5,
                            "_source": {"kind": "qa", "title": "Wat is de PIP?", "url": "/k/"},
                        }
                    ],
                },
                "aggregations": {"facets": {"buckets": [{"key": "kind:qa", "doc_count": 1}]}},
            }
        )

    def log_message(self, *args):
        pass


def test_elasticsearch_client_sends_the_same_body_and_parses_the_answer(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeElasticsearch)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _FakeElasticsearch.received = []
    try:
        settings.OPENSEARCH_URL = None
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{server.server_address[1]}"
        elastic.resume()
        params = _params(q="pip", theme="PIP")
        rows, total, counts = elastic.search(params, expand("pip"), ["public"])
    finally:
        server.shutdown()
    assert elastic.flavour() == "elasticsearch"
    ((path, body),) = _FakeElasticsearch.received
    assert path.startswith(f"/{elastic.alias_name()}/_search")
    assert body == elastic.build_search(params, expand("pip"), ["public"]).to_dict()
    assert rows[0][:3] == (7, "qa", "Wat is de PIP?") and total == 1
    assert counts == {"kind:qa": 1}
    assert "query_string" not in json.dumps(body)


def test_admin_dashboard_shows_an_unreachable_engine(client_for, settings):
    from accounts import roles
    from search.engine_backend import admin as engine_admin

    editor, _user = client_for(roles.REDACTEUR)
    settings.OPENSEARCH_URL = None
    settings.ELASTICSEARCH_URL = None
    assert "Zoekmachine niet bereikbaar" not in editor.get("/admin/").content.decode()
    settings.OPENSEARCH_URL = f"http://127.0.0.1:{_closed_port()}"
    engine_admin._last.update(at=0.0, result=None)
    page = editor.get("/admin/")
    assert page.status_code == 200
    assert "Zoekmachine niet bereikbaar" in page.content.decode()
    assert elastic.ping()["ok"] is False
