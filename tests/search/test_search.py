"""Search over the fixture corpus: results, snippets, facets, sorting, paging, query counts."""

import datetime

import pytest
from django.utils import timezone

from search import services
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def test_paraphrase_finds_the_answer_with_highlighted_snippet(client, standard_corpus):
    response = client.get("/zoeken/", {"q": "wie betaalt de huur de eerste maanden"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wat houdt financieel ontzorgen in?" in html
    first = response.context["response"].hits[0]
    assert first.title == "Wat houdt financieel ontzorgen in?"
    assert "<mark>" in first.snippet
    assert "resultaten" in html


def test_api_returns_documented_shape(client, standard_corpus):
    data = client.get("/api/v1/search/", {"q": "leerbaarheidstoets"}).json()
    assert data["count"] >= 2
    result = data["results"][0]
    assert set(result) >= {"type", "title", "snippet", "url", "date", "score"}
    assert result["type"] == "qa"
    assert "leerbaarheidstoets" in result["title"].lower()
    assert any("<mark>leerbaarheidstoets</mark>" in r["snippet"] for r in data["results"])
    assert result["url"].startswith("/kennis/")
    assert result["score"] > 0
    themes = {v["value"]: v["count"] for v in data["facets"]["theme"]}
    assert themes["Leerbaarheidstoets"] >= 2
    assert sum(v["count"] for v in data["facets"]["type"]) == data["count"]


def test_type_and_theme_filters_narrow_results_and_counts(client, standard_corpus):
    everything = client.get("/api/v1/search/", {"q": "ontzorgen"}).json()
    kinds = {v["value"] for v in everything["facets"]["type"]}
    assert kinds == {"qa", "handreiking"}
    only = client.get("/api/v1/search/", {"q": "ontzorgen", "type": "handreiking"}).json()
    assert only["count"] == 1
    assert only["results"][0]["title"] == "Handreiking financieel ontzorgen"
    themed = client.get(
        "/api/v1/search/", {"q": "route", "theme": "Z-route", "phase": "Inburgeren en participeren"}
    ).json()
    assert themed["count"] >= 1
    assert all("z-route" in r["url"] for r in themed["results"])


def test_sort_by_date_and_pagination(client, corpus):
    now = timezone.now()
    for i in range(15):
        corpus.add(
            f"knm-{i}",
            title=f"KNM vraag {i}",
            summary="Over kennis van de Nederlandse maatschappij.",
            date=now - datetime.timedelta(days=i),
        )
    first = client.get("/api/v1/search/", {"q": "knm", "sort": "date"}).json()
    assert first["count"] == 15 and first["num_pages"] == 2
    assert [r["title"] for r in first["results"][:3]] == [
        "KNM vraag 0",
        "KNM vraag 1",
        "KNM vraag 2",
    ]
    second = client.get("/api/v1/search/", {"q": "knm", "sort": "date", "page": 2}).json()
    assert len(second["results"]) == 5
    assert second["results"][-1]["title"] == "KNM vraag 14"
    page = client.get("/zoeken/", {"q": "knm", "page": 2})
    assert 'rel="prev"' in page.content.decode()


def test_snippet_escapes_html_before_marking(client, corpus):
    corpus.add(
        "xss",
        title="Brede intake <script>alert(1)</script>",
        summary="Tekst met <img src=x onerror=alert(1)> en de brede intake.",
    )
    data = client.get("/api/v1/search/", {"q": "brede intake"}).json()
    snippet = data["results"][0]["snippet"]
    assert "<img" not in snippet and "&lt;img" in snippet
    assert "<mark>intake</mark>" in snippet
    html = client.get("/zoeken/", {"q": "brede intake"}).content.decode()
    assert "<script>alert(1)</script>" not in html


def test_accents_and_inflections_match(client, corpus):
    corpus.add("financien", title="Financiën van de inburgering", summary="Geld en budget.")
    assert client.get("/api/v1/search/", {"q": "financien"}).json()["count"] == 1
    corpus.add("leerroutes", title="De drie leerroutes op een rij", summary="B1, onderwijs, Z.")
    assert client.get("/api/v1/search/", {"q": "leerroute"}).json()["count"] == 1


def test_compound_part_finds_compound_title(client, corpus):
    corpus.add(
        "toets", title="Afname van de leerbaarheidstoets", summary="Door een externe partij."
    )
    data = client.get("/api/v1/search/", {"q": "toets"}).json()
    assert data["count"] == 1


def test_recent_and_well_rated_answers_rank_higher(corpus):
    old = timezone.now() - datetime.timedelta(days=2000)
    corpus.add(
        "oud", title="Taalschool kiezen", summary="Kies een taalschool.", date=old, quality=0
    )
    corpus.add("nieuw", title="Taalschool kiezen", summary="Kies een taalschool.", quality=1)
    hits = services.search(None, "taalschool kiezen").hits
    assert [h.url for h in hits] == ["/kennis/nieuw/", "/kennis/oud/"]


def test_title_weighs_more_than_body(corpus):
    corpus.add("body", title="Algemene informatie", body="Iets over de participatieverklaring.")
    corpus.add("title", title="De participatieverklaring", body="Algemene informatie.")
    hits = services.search(None, "participatieverklaring").hits
    assert hits[0].url == "/kennis/title/"


def _count_queries(client, django_assert_max_num_queries, params, limit):
    with django_assert_max_num_queries(limit):
        assert client.get("/zoeken/", params).status_code == 200


def test_search_page_query_count_does_not_grow_with_data(
    client, corpus, django_assert_max_num_queries, professional
):
    client.force_login(professional)
    for i in range(3):
        corpus.add(f"a{i}", title=f"PIP vraag {i}", summary="plan inburgering", themes=["PIP"])
    client.get("/zoeken/", {"q": "pip"})  # warm caches (synonyms, content types)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get("/zoeken/", {"q": "pip"})
    for i in range(3, 40):
        corpus.add(
            f"a{i}",
            title=f"PIP vraag {i}",
            summary="plan inburgering",
            themes=["PIP"],
            phases=[f"Fase {i}"],
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/zoeken/", {"q": "pip"})
    assert response.context["response"].total == 40
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/api/v1/search/", {"q": "pip"})


def test_index_follows_saves_and_deletes_through_the_outbox(
    corpus, django_capture_on_commit_callbacks
):
    from notifications.models import OutboxMessage

    corpus.documents["later"] = {
        "kind": "qa",
        "title": "Voorinburgering op de opvanglocatie",
        "url": "/kennis/later/",
        "access": ["public"],
    }
    with django_capture_on_commit_callbacks(execute=True):
        group = corpus.add("later", index=False, **corpus.documents["later"])
    assert OutboxMessage.objects.filter(handler="search.index").exists()
    assert SearchDocument.objects.filter(url="/kennis/later/").exists()
    with django_capture_on_commit_callbacks(execute=True):
        group.delete()
    assert not SearchDocument.objects.filter(url="/kennis/later/").exists()
