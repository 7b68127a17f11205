"""A test-only search source over a fixture corpus (auth Groups stand in for content items).

The source behaves like a content app's ``search_index`` module: a queryset, a function to
turn an item into a document dict, and a user-token provider (community membership).
"""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from search import indexing, registry
from search.registry import Source

from .corpus import HANDREIKINGEN, QA
from .engine_fixtures import engine, engine_node, engine_nodes  # noqa: F401  OpenSearch node

PREFIX = "zoekfixture:"
SOURCE_NAME = "tests.fixture"


class FixtureCorpus:
    def __init__(self):
        self.documents: dict[str, dict] = {}
        self.members: dict[int, set[int]] = {}  # community id -> user ids

    # The source --------------------------------------------------------------------
    def queryset(self):
        return Group.objects.filter(name__startswith=PREFIX)

    def to_document(self, group):
        return self.documents.get(group.name[len(PREFIX) :])

    def user_tokens(self, user):
        return [f"community:{cid}" for cid, ids in self.members.items() if user.pk in ids]

    # Helpers -----------------------------------------------------------------------
    def add(self, slug, *, index=True, **data):
        data.setdefault("kind", "qa")
        data.setdefault("url", f"/kennis/{slug}/")
        data.setdefault("access", ["public"])
        data.setdefault("date", timezone.now() - datetime.timedelta(days=30))
        self.documents[slug] = data
        group, _ = Group.objects.get_or_create(name=PREFIX + slug)
        if index:
            indexing.index_object(SOURCE_NAME, group.pk)
        return group

    def group(self, slug):
        return Group.objects.get(name=PREFIX + slug)

    def load_standard(self):
        for slug, title, summary, body, themes, phases in QA:
            self.add(
                slug,
                title=title,
                summary=summary,
                body=body,
                themes=themes,
                phases=phases,
                organisations=["Divosa"],
                quality=0.5,
                index=False,
            )
        for slug, title, summary, body, themes, phases in HANDREIKINGEN:
            self.add(
                slug,
                kind="handreiking",
                title=title,
                summary=summary,
                body=body,
                themes=themes,
                phases=phases,
                url=f"/handreikingen/{slug}/",
                index=False,
            )
        indexing.index_source(registry.get_source(SOURCE_NAME))
        indexing.rebuild_vocabulary()
        return self


@pytest.fixture
def corpus(db):
    fixture = FixtureCorpus()
    source = Source(
        name=SOURCE_NAME,
        model="auth.Group",
        queryset=fixture.queryset,
        to_document=fixture.to_document,
    )
    registry.register(source, user_tokens=fixture.user_tokens)
    yield fixture
    registry.unregister(SOURCE_NAME, user_tokens=fixture.user_tokens)


@pytest.fixture
def standard_corpus(corpus):
    return corpus.load_standard()


@pytest.fixture(autouse=True)
def _fresh_field_averages():
    """PostgreSQL keeps the corpus's average field lengths for an hour per process; each test
    has its own corpus, so it starts without the previous test's averages."""
    from search.backends import pg_ranking

    pg_ranking._averages.update(at=0.0, value=None)
    yield
    pg_ranking._averages.update(at=0.0, value=None)
