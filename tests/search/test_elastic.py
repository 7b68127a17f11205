"""Elasticsearch backend: mapping, analyzer and query generation, fallback, live tests."""

import logging
import socket
import urllib.request

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
    function_score = body["query"]["function_score"]
    bool_query = function_score["query"]["bool"]
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
    assert any("gauss" in f for f in function_score["functions"])


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
    with caplog.at_level(logging.WARNING, logger="search.services"):
        response = client.get("/api/v1/search/", {"q": "leerbaarheidstoets"})
        page = client.get("/zoeken/", {"q": "leerbaarheidstoets"})
    assert response.status_code == 200 and page.status_code == 200
    assert response.json()["count"] >= 2
    assert page.context["response"].backend in ("postgres", "simple")
    assert any("Elasticsearch unavailable" in r.getMessage() for r in caplog.records)


def _live_server_url():
    import os

    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        return None
    try:
        urllib.request.urlopen(url, timeout=1)
    except Exception:
        return None
    return url


@pytest.mark.skipif(
    _live_server_url() is None,
    reason="no Elasticsearch server answers at ELASTICSEARCH_URL (none in this environment)",
)
def test_live_cluster_returns_the_same_results_as_the_database(standard_corpus, settings):
    from search import services
    from search.models import SearchDocument

    settings.ELASTICSEARCH_URL = _live_server_url()
    settings.ELASTICSEARCH_INDEX_PREFIX = "test-lerendstelsel"
    elastic.rebuild(SearchDocument.objects.all(), SearchDocument.objects.count())
    response = services.search(None, "wie betaalt de huur de eerste maanden")
    assert response.backend == "elasticsearch"
    assert response.hits[0].title == "Wat houdt financieel ontzorgen in?"
