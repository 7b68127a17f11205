"""Similar signals: keyword overlap with titles weighing double, over bounded windows."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from accounts import roles
from signals import queries, services
from signals.models import Signal
from signals.queries import similar_signals
from signals.workflow import Level

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()  # the window start is cached
    yield
    cache.clear()


def _age(signal, days):
    Signal.objects.filter(pk=signal.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_titles_weigh_double_and_ties_go_to_the_most_recognised(submit, make_user):
    in_title = submit(title="Leerbaarheidstoets onduidelijk", description="Geen uitleg.")
    in_text = submit(title="Onduidelijkheid", description="Over de leerbaarheidstoets.")
    popular = submit(title="Leerbaarheidstoets onduidelijk (2)", description="Geen uitleg.")
    services.support(popular, make_user(role=roles.PROFESSIONAL))
    submit(title="Iets anders", description="Over budget.")
    coordinator = make_user(role=roles.COORDINATOR_UITVOERING)
    found = list(similar_signals("leerbaarheidstoets", coordinator))
    assert found == [popular, in_title, in_text]
    assert [s.score for s in found] == [2, 2, 1]


def test_more_than_two_keywords_need_two_points(submit, make_user):
    weak = submit(title="Iets anders", description="Alleen het woord leerbaarheidstoets.")
    strong = submit(title="Leerbaarheidstoets bij inburgering", description="Uitleg nodig.")
    coordinator = make_user(role=roles.COORDINATOR_UITVOERING)
    found = list(similar_signals("leerbaarheidstoets gemeente wegen", coordinator))
    assert found == [strong] and weak not in found


def test_declined_excluded_and_invisible_signals_are_never_suggested(
    submit, make_user, coordinators
):
    declined = submit(title="Overdracht COA loopt mis")
    services.apply_action(declined, "decline", coordinators[Level.UITVOERING], "Dubbel.")
    shown = submit(title="Overdracht COA loopt mis (2)")
    itself = submit(title="Overdracht COA loopt mis (3)")
    coordinator = coordinators[Level.UITVOERING]
    assert list(similar_signals("overdracht COA", coordinator, exclude=itself)) == [shown]
    # An inburgeraar sees only their own signals, so nothing from others is suggested.
    outsider = make_user(role=roles.INBURGERAAR)
    assert list(similar_signals("overdracht COA", outsider)) == []
    assert list(similar_signals("de en het", coordinator)) == []  # stop words only


def test_descriptions_are_searched_in_the_newest_window_titles_in_a_larger_one(
    submit, make_user, monkeypatch
):
    monkeypatch.setattr(queries, "SIMILAR_TEXT_WINDOW", 3)
    monkeypatch.setattr(queries, "SIMILAR_TITLE_WINDOW", 6)
    old_title = submit(title="Driegesprek met COA", description="Geen afspraak.")
    old_text = submit(title="Geen afspraak", description="Het driegesprek met COA lukt niet.")
    _age(old_title, 200)
    _age(old_text, 300)
    for i in range(4):
        submit(title=f"Budget {i}", description="Te laat betaald.")
    recent_text = submit(title="Andere kwestie", description="Het driegesprek met COA.")
    coordinator = make_user(role=roles.COORDINATOR_UITVOERING)
    found = list(similar_signals("driegesprek", coordinator))
    # old_text is outside the description window; old_title is inside the title window.
    assert found == [old_title, recent_text]
    monkeypatch.setattr(queries, "SIMILAR_TITLE_WINDOW", 5)
    cache.clear()
    assert list(similar_signals("driegesprek", coordinator)) == [recent_text]


def test_candidates_per_window_are_limited(submit, make_user, monkeypatch):
    monkeypatch.setattr(queries, "SIMILAR_CANDIDATES", 3)
    made = [submit(title=f"Overdracht nummer {i}") for i in range(6)]
    coordinator = make_user(role=roles.COORDINATOR_UITVOERING)
    found = list(similar_signals("overdracht", coordinator, limit=10))
    # Only the newest candidates get a score (same score: newest first).
    assert found == list(reversed(made))[:3]


def test_query_count_does_not_grow_with_signals(submit, make_user, django_assert_max_num_queries):
    coordinator = make_user(role=roles.COORDINATOR_UITVOERING)
    submit(title="Overdracht COA", description="Driegesprek lukt niet.")
    with django_assert_max_num_queries(10) as few:
        list(similar_signals("overdracht driegesprek", coordinator))
    for i in range(30):
        submit(title=f"Overdracht COA {i}", description="Driegesprek lukt niet.")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert len(list(similar_signals("overdracht driegesprek", coordinator))) == 5
