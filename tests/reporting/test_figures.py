"""Every figure against hand-computed expectations on the fixed data set (conftest.py).

Durations of the outcomes in 2025-K1: s1 10, s7 16, s2 20, s5 20, s3 30 days.
percentile_cont: median = 20; p90 at position 0.9*4 = 3.6 -> 20 + 0.6*(30-20) = 26.
"""

from datetime import date

import pytest

from reporting.figures import ReportFilter, compute_figures, dossier_events
from reporting.periods import Period

from .conftest import NOW, at

pytestmark = pytest.mark.django_db

Q1 = Period.quarter(2025, 1)


def figures(**kwargs):
    scope = kwargs.pop("scope", "alle")
    return compute_figures(ReportFilter.for_period(Q1, scope, **kwargs), now=NOW)


def test_totals_of_the_quarter(dataset):
    t = figures()["totals"]
    assert t["inflow"] == 7  # s1 s2 s3 s4 s5 s6 s10
    assert t["open"] == 3  # s4 s6 s10 (s9 was created after the quarter)
    assert t["overdue"] == 1  # s4: deadline 1 April, in behandeling
    assert (t["outcomes"], t["resolved"], t["declined"]) == (5, 4, 1)
    assert t["resolved_share"] == 80.0
    assert t["escalated"] == 4
    assert t["with_feedback"] == 6 and t["feedback_share"] == 85.7  # all but s6
    assert (t["median_days"], t["p90_days"]) == (20.0, 26.0)


def test_inflow_per_month(dataset):
    assert figures()["months"] == [
        {"month": "2025-01", "count": 3},
        {"month": "2025-02", "count": 2},
        {"month": "2025-03", "count": 2},
    ]


def test_per_level_time_to_outcome_and_shares(dataset):
    rows = {row["level"]: row for row in figures()["levels"]}
    uitv, schakel, stelsel = rows["uitvoering"], rows["schakel"], rows["stelsel"]
    # uitvoering: 10, 16, 20 -> median 16, p90 at 1.8 -> 16 + 0.8 * 4 = 19.2
    assert (uitv["median_days"], uitv["p90_days"]) == (16.0, 19.2)
    assert (schakel["median_days"], schakel["p90_days"]) == (30.0, 30.0)
    assert (stelsel["median_days"], stelsel["p90_days"]) == (20.0, 20.0)
    assert [uitv["open"], schakel["open"], stelsel["open"]] == [1, 2, 0]
    assert [uitv["overdue"], schakel["overdue"], stelsel["overdue"]] == [0, 1, 0]
    assert [uitv["resolved_share"], schakel["resolved_share"], stelsel["resolved_share"]] == [
        100.0,
        0.0,
        100.0,
    ]
    assert [r["share_of_outcomes"] for r in (uitv, schakel, stelsel)] == [60.0, 20.0, 20.0]


def test_top_themes_phases_regions_and_organisation_types(dataset):
    f = figures()
    assert f["themes"] == [{"name": "B1-route", "count": 3}, {"name": "PIP", "count": 3}]
    phase3, phase4 = dataset.phases[3].name, dataset.phases[4].name
    assert f["phases"] == [
        {"name": phase3, "count": 3},
        {"name": phase4, "count": 2},
        {"name": "", "count": 2},
    ]
    assert f["regions"] == [
        {"name": "Regio Noordkant", "count": 4},
        {"name": "Regio Zuidkant", "count": 3},
    ]
    assert [(r["type"], r["count"]) for r in f["organisation_types"]] == [
        ("gemeente", 3),
        ("taalschool", 3),
        ("coa_locatie", 1),
    ]


def test_satisfaction_counts_ratings_given_in_the_period(dataset):
    s = figures()["satisfaction"]
    assert (s["total"], s["ja"], s["deels"], s["nee"]) == (4, 2, 1, 1)
    assert (s["ja_share"], s["deels_share"], s["nee_share"]) == (50.0, 25.0, 25.0)


def test_a_level_scope_covers_only_that_level(dataset):
    f = figures(scope="schakel")
    t = f["totals"]
    assert (t["inflow"], t["open"], t["overdue"], t["outcomes"]) == (3, 2, 1, 1)
    assert t["escalated"] == 1  # s5 from schakel to stelsel
    assert [row["level"] for row in f["levels"]] == ["schakel"]
    assert figures(scope="uitvoering")["totals"]["escalated"] == 3


def test_filters_by_theme_phase_and_region(dataset):
    assert figures(theme=dataset.themes["pip"].pk)["totals"]["inflow"] == 3
    assert figures(phase=dataset.phases[4].pk)["totals"]["inflow"] == 2
    by_region = figures(region=dataset.regions["zuid"].pk)
    assert by_region["totals"]["inflow"] == 3
    assert by_region["totals"]["outcomes"] == 1


def test_previous_quarter_and_empty_period(dataset):
    prev = compute_figures(ReportFilter.for_period(Q1.previous()), now=NOW)["totals"]
    assert (prev["inflow"], prev["outcomes"], prev["median_days"]) == (2, 1, 10.0)
    empty = compute_figures(ReportFilter(start=date(2020, 1, 1), end=date(2020, 2, 1)), now=NOW)
    assert empty["totals"]["inflow"] == 0
    assert empty["totals"]["median_days"] is None and empty["totals"]["feedback_share"] is None


def test_dossiers_escalated_or_decided_in_the_period(dataset):
    rows = dossier_events(ReportFilter.for_period(Q1))
    assert [(r["title"], r["action"], r["outcome"]) for r in rows] == [
        ("Dossier drie doorgezet", "escalate", ""),
        ("Dossier twee besloten", "resolve", "Regeling aangepast"),
    ]
    assert [r["title"] for r in dossier_events(ReportFilter.for_period(Q1, "schakel"))] == [
        "Dossier drie doorgezet"
    ]


def test_figures_take_a_fixed_number_of_queries(dataset):
    """The same number of queries whatever the amount of data (at most 21, SQLite fallback)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from signals.factories import SignalFactory

    with CaptureQueriesContext(connection) as before:
        figures()
    for _i in range(30):
        SignalFactory(created_at=dataset.signals["s1"].created_at, region=dataset.regions["noord"])
    with CaptureQueriesContext(connection) as after:
        result = figures()
    assert result["totals"]["inflow"] == 37
    assert len(after) == len(before) <= 21


def test_escalations_and_ratings_follow_the_filters(dataset):
    """Escalations and ratings count only the signals in scope (unfiltered: all of them)."""
    b1 = figures(theme=dataset.themes["b1"].pk)  # s2, s3, s4
    assert b1["totals"]["escalated"] == 2  # s3 and s4, from uitvoering
    s = b1["satisfaction"]
    assert (s["total"], s["ja"], s["deels"], s["nee"]) == (1, 0, 1, 0)  # s2
    zuid = figures(region=dataset.regions["zuid"].pk)  # s3, s4, s10
    assert zuid["totals"]["escalated"] == 2
    assert zuid["satisfaction"]["total"] == 0
    published = figures(published_only=True)  # s1 s2 s3 s5 s6
    assert published["totals"]["escalated"] == 3  # s3 once, s5 twice
    assert published["satisfaction"]["total"] == 3  # s1 s2 s5


def test_overdue_signals_are_open_signals():
    """compute_figures counts the overdue signals among the open ones (one index range)."""
    from signals.workflow import CLOSED_STATES, DEADLINE_STATES

    assert not set(DEADLINE_STATES) & set(CLOSED_STATES)


def test_the_partial_indexes_match_the_figure_queries(dataset):
    """PostgreSQL can use the partial reporting indexes for the open and outcome queries.

    Their predicates must be implied by the queries' WHERE clauses, or the planner falls back
    to scanning the table (slow with many signals). On this tiny table the planner would pick
    any index, so inside a rolled-back transaction the other (non-unique) indexes of the
    table are dropped and sequential scans switched off: then only the partial index can
    serve the query, if its predicate matches.
    """
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    if connection.vendor != "postgresql":
        pytest.skip("partial covering indexes: PostgreSQL")
    with CaptureQueriesContext(connection) as ctx:
        figures()
    queries = {
        name: next(q["sql"] for q in ctx.captured_queries if f'AS "{name}"' in q["sql"])
        for name in ("open", "outcomes")
    }
    indexes = {"open": "signal_report_open_idx", "outcomes": "signal_report_outcome_idx"}
    for name, sql in queries.items():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                " WHERE x.indrelid = 'signals_signal'::regclass AND NOT x.indisunique"
                " AND i.relname <> %s",
                [indexes[name]],
            )
            for (other,) in cursor.fetchall():
                cursor.execute(f'DROP INDEX "{other}"')
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            transaction.set_rollback(True)
        assert indexes[name] in plan, plan


def test_breakdowns_without_phase_region_or_theme(dataset):
    """Signals without a phase, region or theme count under an empty name, listed last."""
    from signals.factories import SignalFactory

    for _i in range(2):
        SignalFactory(created_at=at(2020, 3, 2), region=None, phase=None, organisation=None)
    f = compute_figures(ReportFilter(start=date(2020, 3, 1), end=date(2020, 4, 1)), now=NOW)
    assert f["themes"] == []
    assert f["phases"] == [{"name": "", "count": 2}]
    assert f["regions"] == [{"name": "", "count": 2}]
    SignalFactory(
        created_at=at(2020, 3, 3),
        region=dataset.regions["zuid"],
        phase=dataset.phases[4],
        organisation=None,
    )
    f = compute_figures(ReportFilter(start=date(2020, 3, 1), end=date(2020, 4, 1)), now=NOW)
    assert f["phases"] == [{"name": "", "count": 2}, {"name": dataset.phases[4].name, "count": 1}]
    assert f["regions"] == [{"name": "", "count": 2}, {"name": "Regio Zuidkant", "count": 1}]
