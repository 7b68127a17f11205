"""Rebuilding and repairing the index: the command, the reconcile job, the demo seed."""

import pytest
from django.core.management import call_command

from search import tasks
from search.models import SearchDocument, SearchTerm

pytestmark = pytest.mark.django_db


def test_reconcile_repairs_missing_stale_and_extra_documents(standard_corpus):
    total = SearchDocument.objects.filter(source="tests.fixture").count()
    SearchDocument.objects.filter(url="/kennis/pvt/").delete()  # missing
    SearchDocument.objects.filter(url="/kennis/pip-inhoud/").update(
        title="Verouderde titel"
    )  # stale
    ghost = SearchDocument.objects.get(url="/kennis/tolk-inzetten/")
    standard_corpus.documents.pop("tolk-inzetten")  # the item left its source: extra document
    SearchTerm.objects.create(term="spookwoord", token="public", documents=1)

    report = tasks.reconcile()

    assert report["indexed"] == total - 1
    assert SearchDocument.objects.filter(url="/kennis/pvt/").exists()
    assert SearchDocument.objects.get(url="/kennis/pip-inhoud/").title == (
        "Wat staat er in het plan inburgering en participatie?"
    )
    assert not SearchDocument.objects.filter(pk=ghost.pk).exists()
    assert not SearchTerm.objects.filter(term="spookwoord").exists()
    assert SearchTerm.objects.filter(term="participatie", token="public").exists()


def test_reindex_command_rebuilds_from_sources(standard_corpus, capsys):
    SearchDocument.objects.all().delete()
    call_command("search_reindex", "--quiet-progress")
    out = capsys.readouterr().out
    assert "tests.fixture: 42 documenten" in out
    assert SearchDocument.objects.filter(source="tests.fixture").count() == 42


def test_reconcile_is_scheduled():
    from website.schedule import CELERY_BEAT_SCHEDULE

    assert any(entry["task"] == "search.reconcile" for entry in CELERY_BEAT_SCHEDULE.values())


def test_suggestion_vocabulary_follows_title_changes(corpus):
    from search import indexing

    def documents(term):
        row = SearchTerm.objects.filter(term=term, token="public").first()
        return row.documents if row else 0

    corpus.add("a", title="Huisvesting van statushouders")
    corpus.add("b", title="Huisvesting en inschrijving")
    assert documents("huisvesting") == 2
    corpus.documents["b"]["title"] = "Inschrijving in de BRP"
    indexing.index_object("tests.fixture", corpus.group("b").pk)
    assert documents("huisvesting") == 1
    assert documents("brp") == 1
    corpus.documents.pop("a")
    indexing.index_object("tests.fixture", corpus.group("a").pk)
    assert documents("huisvesting") == 0
    assert not SearchTerm.objects.filter(term="statushouders").exists()
