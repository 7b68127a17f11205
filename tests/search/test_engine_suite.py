"""The shared search suite against a real OpenSearch node.

The test functions of the database backends' suite (results, snippets, facets, paging, date
order, permissions, autocomplete, synonyms, promoted results, bad input) run here once more
with ``OPENSEARCH_URL`` pointing at the session's node. Before a search, the engine is rebuilt
from the database when the database changed (as ``search_reindex`` does after a load), so the
tests keep their own fixtures; how single writes reach the engine (the outbox) is tested in
``test_engine_operations.py``.
"""

import pytest

from search import engine_backend

from .test_editorial import *  # noqa: F403
from .test_permissions import *  # noqa: F403
from .test_search import *  # noqa: F403

pytestmark = pytest.mark.django_db

# Behaviour that differs on purpose (the engine's own test is named in the reason).
NOT_FOR_THE_ENGINE = {
    "test_search_page_query_count_does_not_grow_with_data": "counts the SQL of the database path",
    "test_suggestion_for_a_typo_in_public_words": (
        "the engine's fuzzy matching answers the typo itself, so there is nothing to suggest "
        "(test_engine_operations.py::test_compound_part_and_typo_find_the_answer)"
    ),
}


class SyncedEngine:
    """``search.engine_backend`` with a rebuild from the database before each read."""

    def __init__(self):
        self.fingerprint = None
        self.rebuilds = 0

    def __getattr__(self, name):
        return getattr(engine_backend, name)

    def _fingerprint(self):
        from django.db.models import Count, Max

        from search.models import SearchDocument, Synonym

        docs = SearchDocument.objects.aggregate(n=Count("pk"), pk=Max("pk"), at=Max("indexed_at"))
        synonyms = Synonym.objects.aggregate(n=Count("pk"), at=Max("updated_at"))
        return (tuple(docs.values()), tuple(synonyms.values()))

    def sync(self):
        from search.models import SearchDocument

        fingerprint = self._fingerprint()
        if fingerprint != self.fingerprint:
            engine_backend.rebuild(SearchDocument.objects.order_by("pk").iterator(), grace=0)
            self.fingerprint = fingerprint
            self.rebuilds += 1

    def search(self, *args, **kwargs):
        self.sync()
        return engine_backend.search(*args, **kwargs)

    def autocomplete(self, *args, **kwargs):
        self.sync()
        return engine_backend.autocomplete(*args, **kwargs)


@pytest.fixture(autouse=True)
def on_the_engine(request, engine, monkeypatch):
    if request.node.originalname in NOT_FOR_THE_ENGINE:
        pytest.skip(NOT_FOR_THE_ENGINE[request.node.originalname])
    from search import services

    synced = SyncedEngine()
    monkeypatch.setattr(services, "engine", synced)
    yield synced
    if synced.rebuilds:
        # Every search of the test was answered by the engine, none by the database.
        assert not engine_backend.paused(), "the engine failed during the test"
