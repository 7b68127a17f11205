"""Relevance is measured: the expected item is in the top 3 for at least 90% of the set."""

import pytest
from django.db import connection

from accounts import roles

from .relevance_set import RELEVANCE_SET, evaluate

pytestmark = pytest.mark.django_db


@pytest.fixture
def knowledge_demo(db):
    knowledge_demo = pytest.importorskip("knowledge.demo")
    for name in ("taxonomy.demo", "accounts.demo", "website.demo"):
        module = pytest.importorskip(name)
        module.seed()
    knowledge_demo.seed()
    from search import demo

    demo.seed()


def test_relevance_set_is_big_enough():
    assert len(RELEVANCE_SET) >= 30
    assert len({query for query, _ in RELEVANCE_SET}) == len(RELEVANCE_SET)


def test_expected_item_in_top_three(knowledge_demo, make_user, capsys):
    from search import services
    from search.models import PromotedResult, SearchDocument

    PromotedResult.objects.all().delete()  # measure ranking, not editors' pins
    titles = set(SearchDocument.objects.values_list("title", flat=True))
    missing = [expected for _, expected in RELEVANCE_SET if expected not in titles]
    assert not missing, f"expected items not in the demo content: {missing}"
    user = make_user(role=roles.PROFESSIONAL)
    result = evaluate(lambda q: [h.title for h in services.search(user, q).hits])
    with capsys.disabled():
        print(
            f"\n[relevance on {connection.vendor}] hit@1={result['hit@1']} "
            f"hit@3={result['hit@3']} MRR={result['mrr']}"
        )
        for miss in result["misses"]:
            print("  miss:", miss)
    if connection.vendor != "postgresql":
        pytest.skip(
            f"the 90% target applies to PostgreSQL; SQLite scored hit@3={result['hit@3']} "
            f"hit@1={result['hit@1']} MRR={result['mrr']}"
        )
    assert result["hit@3"] >= 0.9, result["misses"]
