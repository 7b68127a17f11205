"""Editors' tools: synonyms, promoted results, analytics and the zero-result report."""

import pytest

from accounts import roles
from search.models import PromotedResult, SearchClick, SearchQuery, Synonym

pytestmark = pytest.mark.django_db


def _titles(client, q):
    return [r["title"] for r in client.get("/api/v1/search/", {"q": q}).json()["results"]]


def test_seeded_synonyms_expand_queries(client, standard_corpus):
    assert Synonym.objects.filter(terms__icontains="vergunninghouder").exists()
    titles = _titles(client, "vergunninghouder met bijstand vaste lasten")
    assert "Wat houdt financieel ontzorgen in?" in titles[:3]
    assert "Is de MAP hetzelfde als het oude ONA?" in _titles(client, "ona")[:1]


def test_synonym_added_in_admin_is_effective_at_once(client_for, standard_corpus):
    editor, _user = client_for(roles.REDACTEUR)
    assert _titles(editor, "kraamzorg") == []
    response = editor.post(
        "/admin/snippets/search/synonym/add/",
        {"terms": "kraamzorg, zorgverzekering", "is_active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "Wat houdt financieel ontzorgen in?" in _titles(editor, "kraamzorg")
    synonym = Synonym.objects.get(terms__startswith="kraamzorg")
    synonym.is_active = False
    synonym.save()
    assert _titles(editor, "kraamzorg") == []


def test_synonym_needs_two_terms(client_for, db):
    editor, _user = client_for(roles.REDACTEUR)
    response = editor.post(
        "/admin/snippets/search/synonym/add/", {"terms": "alleen", "is_active": "on"}
    )
    assert response.status_code == 200
    assert "minstens twee termen" in response.content.decode()


def test_promoted_result_comes_first_but_stays_permission_filtered(
    client, client_for, standard_corpus
):
    PromotedResult.objects.create(query="Huur!", url="/kennis/handreiking-ontzorgen/")
    standard_corpus.add(
        "geheim-promo", title="Interne huurinstructie", summary="huur", access=["chain"]
    )
    PromotedResult.objects.create(query="huur", url="/kennis/geheim-promo/", sort_order=1)
    standard_corpus.documents["handreiking-ontzorgen"]["url"] = "/kennis/handreiking-ontzorgen/"
    from search import indexing

    indexing.index_object("tests.fixture", standard_corpus.group("handreiking-ontzorgen").pk)
    data = client.get("/api/v1/search/", {"q": "huur"}).json()
    assert data["results"][0]["title"] == "Handreiking financieel ontzorgen"
    assert data["results"][0]["promoted"] is True
    assert all(r["title"] != "Interne huurinstructie" for r in data["results"])
    chain, _ = client_for(roles.PROFESSIONAL)
    chain_results = chain.get("/api/v1/search/", {"q": "huur"}).json()["results"]
    assert [r["title"] for r in chain_results[:2]] == [
        "Handreiking financieel ontzorgen",
        "Interne huurinstructie",
    ]
    html = client.get("/zoeken/", {"q": "huur"}).content.decode()
    assert "Aanbevolen door de redactie" in html


def test_queries_are_logged_without_identity_and_clicks_counted(client_for, standard_corpus):
    client, user = client_for(roles.PROFESSIONAL)
    response = client.get("/zoeken/", {"q": "  Wie neemt de LEERBAARHEIDSTOETS af? ", "type": "qa"})
    entry = SearchQuery.objects.get()
    assert entry.query == "wie neemt de leerbaarheidstoets af"
    assert entry.result_count == response.context["response"].total > 0
    assert entry.filters == {"kind": ["qa"]}
    field_names = {f.name for f in SearchQuery._meta.get_fields()}
    assert not field_names & {"user", "session", "ip", "user_agent"}
    assert {f.name for f in SearchQuery._meta.concrete_fields} == {
        "id",
        "query",
        "result_count",
        "filters",
        "channel",
        "created_at",
    }
    token = response.context["results"][0]["token"]
    redirect = client.get("/zoeken/klik/", {"t": token})
    assert redirect.status_code == 302
    assert redirect["Location"] == response.context["results"][0]["hit"].url
    click = SearchClick.objects.get()
    assert click.position == 1 and click.search == entry and click.document is not None
    assert client.get("/zoeken/klik/", {"t": token + "x"}).status_code == 400


def test_report_shows_frequent_and_zero_result_queries(client_for, standard_corpus):
    anonymous_searcher, _ = client_for(roles.PROFESSIONAL)
    for _ in range(3):
        anonymous_searcher.get("/api/v1/search/", {"q": "leerbaarheidstoets"})
    anonymous_searcher.get("/api/v1/search/", {"q": "qwertyzonderresultaat"})
    editor, _ = client_for(roles.REDACTEUR)
    response = editor.get("/admin/zoeken/rapport/")
    assert response.status_code == 200
    report = response.context["report"]
    assert report["frequent"][0]["query"] == "leerbaarheidstoets"
    assert report["frequent"][0]["searches"] == 3
    assert [row["query"] for row in report["zero"]] == ["qwertyzonderresultaat"]
    assert "qwertyzonderresultaat" in response.content.decode()
    professional, _ = client_for(roles.PROFESSIONAL)
    assert professional.get("/admin/zoeken/rapport/").status_code in (302, 403)


BAD_QUERIES = [
    "",
    "x" * 10_000,
    "abc\x00def\x01\x02",
    "'; DROP TABLE search_searchdocument; --",
    'title:(a OR b)^3 ~ * \\ " ( ] {',
    "😀🙈 inburgering 🇳🇱",
    "&&& ||| !!! :* <-> ''",
    "%_%_%",
]


@pytest.mark.parametrize("q", BAD_QUERIES)
def test_bad_input_gets_a_sensible_answer(client, standard_corpus, q):
    page = client.get("/zoeken/", {"q": q, "page": "abc", "page_size": "-5", "sort": "evil"})
    assert page.status_code == 200
    api = client.get("/api/v1/search/", {"q": q, "page": "99999999999"})
    assert api.status_code == 200
    data = api.json()
    assert isinstance(data["results"], list)
    assert len(data["query"]) <= 200
    assert client.get("/api/v1/search/autocomplete/", {"q": q}).status_code == 200
    assert "DROP" not in str(data["suggestion"])


def test_emoji_query_still_searches_the_words(client, standard_corpus):
    data = client.get("/api/v1/search/", {"q": "😀 leerbaarheidstoets 🙈"}).json()
    assert data["count"] >= 2


def test_invalid_utf8_bytes_in_the_url_are_harmless(client, standard_corpus):
    for path in ("/zoeken/", "/api/v1/search/", "/api/v1/search/autocomplete/"):
        response = client.get(path + "?q=%ff%fe%00%c3%28pip&theme=%ff")
        assert response.status_code == 200
