"""The guard on its evaluation set (tests/privacy/guard_cases.py): recall >= 0.95 on
personal data, false refusals <= 0.05 on legitimate text, and every evasion and every
false refusal from the security review (issue 20) handled."""

from __future__ import annotations

import pytest

from privacy.evaluation import evaluate
from privacy.guard import certain, find_personal_data

from . import guard_cases as cases


def test_the_set_is_large_enough():
    assert len(cases.PERSONAL) + len(cases.POSSIBLE) + len(cases.LEGITIMATE) >= 150


def test_recall_and_false_refusals_meet_the_targets():
    figures = evaluate(cases.PERSONAL, cases.POSSIBLE, cases.LEGITIMATE)
    assert figures.recall >= 0.95, figures.missed
    assert figures.false_refusal_rate <= 0.05, figures.wrongly_refused
    assert figures.warning_recall >= 0.9, figures.not_warned


@pytest.mark.parametrize(("kind", "text"), cases.ISSUE_EVASIONS)
def test_every_evasion_from_the_review_is_refused(kind, text):
    assert kind in {f.kind for f in certain(find_personal_data(text))}


@pytest.mark.parametrize("text", cases.ISSUE_FALSE_REFUSALS)
def test_every_false_refusal_from_the_review_passes(text):
    assert certain(find_personal_data(text)) == []


@pytest.mark.parametrize(("kind", "text"), cases.PERSONAL)
def test_the_kind_found_is_the_kind_written(kind, text):
    found = certain(find_personal_data(text))
    if found:  # misses are counted by the recall test; a wrong label is a bug of its own
        assert kind in {f.kind for f in found}
