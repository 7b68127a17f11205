"""The impact-ordered postings on PostgreSQL: kept in step by the trigger, bounded, honest counts."""

import pytest
from django.db import connection

from search import services
from search.backends import postings
from search.models import SearchDocument

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="postings exist on PostgreSQL only (SQLite scores in Python); CI runs PostgreSQL",
    ),
]


def _postings_of(document_id):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT term, grp FROM search_posting WHERE doc_id = %s ORDER BY term", [document_id]
        )
        return cursor.fetchall()


def test_trigger_writes_rewrites_and_removes_postings(corpus):
    corpus.add("overdracht", title="Warme overdracht van het azc", body="Een driegesprek.")
    document = SearchDocument.objects.get(url="/kennis/overdracht/")
    terms = {term for term, _grp in _postings_of(document.pk)}
    assert {"warm", "overdracht", "azc", "driegesprek"} <= terms
    assert all(grp == 0 for _term, grp in _postings_of(document.pk))  # a knowledge kind

    with connection.cursor() as cursor:
        cursor.execute("SELECT ctid FROM search_posting WHERE doc_id = %s", [document.pk])
        rows_before = cursor.fetchall()
    document.status = "Opgelost"
    document.save()  # text unchanged: the postings are left as they are
    with connection.cursor() as cursor:
        cursor.execute("SELECT ctid FROM search_posting WHERE doc_id = %s", [document.pk])
        assert cursor.fetchall() == rows_before

    document.title = "Koude overdracht"
    document.body = ""
    document.save()
    terms = {term for term, _grp in _postings_of(document.pk)}
    assert "kode" in terms or "koud" in terms
    assert "driegesprek" not in terms and "azc" not in terms

    document.delete()
    assert _postings_of(document.pk) == []


def test_signals_form_their_own_group(corpus):
    corpus.add("knelpunt", kind="signal", title="Driegesprek lukt niet", access=["public"])
    document = SearchDocument.objects.get(url="/kennis/knelpunt/")
    assert {grp for _term, grp in _postings_of(document.pk)} == {1}


def test_truncate_empties_the_postings(transactional_db, corpus):
    corpus.add("a", title="Leerbaarheidstoets afnemen")
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE search_searchdocument CASCADE")
        cursor.execute("SELECT count(*) FROM search_posting")
        assert cursor.fetchone()[0] == 0


def test_compound_expansion_comes_from_the_lexicon(client, corpus):
    corpus.add("taal", title="Een taalcursus kiezen voor gezinsmigranten")
    corpus.add("toets", title="Afname van de leerbaarheidstoets")
    postings.refresh_lexicon(connection)
    titles = [r["title"] for r in client.get("/api/v1/search/", {"q": "taal"}).json()["results"]]
    assert titles == ["Een taalcursus kiezen voor gezinsmigranten"]
    titles = [r["title"] for r in client.get("/api/v1/search/", {"q": "toets"}).json()["results"]]
    assert titles == ["Afname van de leerbaarheidstoets"]


def test_refresh_lexicon_counts_documents_and_drops_vanished_words(corpus):
    corpus.add("a", title="Huisvesting en inschrijving")
    corpus.add("b", title="Huisvesting van nareizigers")
    assert postings.refresh_lexicon(connection) >= 3
    with connection.cursor() as cursor:
        cursor.execute("SELECT df FROM search_lexeme WHERE term = 'huisvest'")
        assert cursor.fetchone()[0] == 2
    SearchDocument.objects.filter(url="/kennis/b/").delete()
    postings.refresh_lexicon(connection)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT term, df FROM search_lexeme WHERE term IN ('huisvest', 'nareiziger')"
        )
        assert dict(cursor.fetchall()) == {"huisvest": 1}


def test_large_result_sets_report_a_lower_bound(client, corpus, monkeypatch):
    for i in range(12):
        corpus.add(f"pip-{i}", title=f"Het PIP opstellen, variant {i}")
    monkeypatch.setattr(postings, "SAMPLE_POSTINGS", 1)
    monkeypatch.setattr(postings, "PER_PIECE_RANGE", (5, 5))
    data = client.get("/api/v1/search/", {"q": "pip"}).json()
    assert data["count_exact"] is False
    assert data["count"] == 5
    html = client.get("/zoeken/", {"q": "pip"}).content.decode()
    assert "Meer dan 5 resultaten" in html

    monkeypatch.setattr(postings, "PER_PIECE_RANGE", (50, 50))
    data = client.get("/api/v1/search/", {"q": "pip"}).json()
    assert data["count_exact"] is True
    assert data["count"] == 12


def test_sample_respects_permissions_in_counts_and_results(client, corpus, make_user):
    corpus.add("open", title="Inkoop van taalaanbod", access=["public"])
    corpus.add("dicht", title="Inkoop van taalaanbod in de regio", access=["community:9"])
    data = client.get("/api/v1/search/", {"q": "inkoop taalaanbod"}).json()
    assert [r["title"] for r in data["results"]] == ["Inkoop van taalaanbod"]
    assert data["count"] == 1
    assert sum(v["count"] for v in data["facets"]["type"]) == 1


def test_query_count_does_not_grow_with_the_corpus(
    corpus, make_user, django_assert_max_num_queries
):
    user = make_user()
    for i in range(3):
        corpus.add(f"s{i}", title=f"Brede intake op het azc {i}")
    services.search(user, "brede intake azc")  # warm the synonym cache
    with django_assert_max_num_queries(6) as small:
        services.search(user, "brede intake azc")
    for i in range(3, 40):
        corpus.add(f"s{i}", title=f"Brede intake op het azc {i}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        services.search(user, "brede intake azc")


def _crowd(corpus, n, **extra):
    for i in range(n):
        corpus.add(f"crowd-{i}", title=f"Brede intake plannen, variant {i}", **extra)


def test_selective_filter_beyond_the_sample_is_answered_exactly(client, corpus, monkeypatch):
    _crowd(corpus, 12, themes=["Brede intake"])
    corpus.add("rare", title="Brede intake met een tolk", themes=["Inkoop"])
    monkeypatch.setattr(postings, "SAMPLE_POSTINGS", 1)
    monkeypatch.setattr(postings, "PER_PIECE_RANGE", (3, 3))
    data = client.get("/api/v1/search/", {"q": "brede intake", "theme": "Inkoop"}).json()
    assert [r["title"] for r in data["results"]] == ["Brede intake met een tolk"]
    assert data["count"] == 1
    assert data["count_exact"] is True


def test_date_order_finds_the_newest_match_outside_the_sample(client, corpus, monkeypatch):
    import datetime

    from django.utils import timezone

    _crowd(corpus, 12, date=timezone.now() - datetime.timedelta(days=400))
    corpus.add("newest", title="Intake", body="Brede intake", date=timezone.now())
    monkeypatch.setattr(postings, "SAMPLE_POSTINGS", 1)
    monkeypatch.setattr(postings, "PER_PIECE_RANGE", (3, 3))
    data = client.get("/api/v1/search/", {"q": "brede intake", "sort": "date"}).json()
    assert data["results"][0]["title"] == "Intake"
    dates = [r["date"] for r in data["results"]]
    assert dates == sorted(dates, reverse=True)


def test_bulk_rebuild_gives_the_same_postings_as_the_trigger(corpus):
    corpus.add("a", title="Warme overdracht van het azc", body="Een driegesprek plannen.")
    corpus.add("b", kind="signal", title="Driegesprek lukt niet", access=["chain"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT term, grp, impact, doc_id FROM search_posting ORDER BY 1, 4")
        by_trigger = cursor.fetchall()
    assert postings.rebuild_postings(connection) == len(by_trigger)
    with connection.cursor() as cursor:
        cursor.execute("SELECT term, grp, impact, doc_id FROM search_posting ORDER BY 1, 4")
        assert cursor.fetchall() == by_trigger
