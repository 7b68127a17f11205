"""The public page: anonymous access, only published items, small groups suppressed."""

import pytest
from django.test import Client
from django.urls import reverse

from reporting.figures import ReportFilter, public_figures
from reporting.periods import Period

from .conftest import NOW

pytestmark = pytest.mark.django_db
URL = reverse("reporting:public") + "?start=2025-01-01&end=2025-03-31"


def test_public_figures_count_only_published_signals(dataset, settings):
    settings.REPORTING_PUBLIC_MIN_COUNT = 2
    f = public_figures(ReportFilter.for_period(Period.quarter(2025, 1)), now=NOW)
    assert f["totals"]["inflow"] == 5  # s1 s2 s3 s5 s6; unpublished s4 and s10 not counted
    assert f["totals"]["open"] == 1  # s6
    assert f["regions"] == [{"name": "Regio Noordkant", "count": 4}]  # Zuidkant has 1
    assert f["organisations"] == [{"name": "Gemeente Aadorp", "count": 3}]
    assert f["suppressed"] == {"regions": 1, "organisation_types": 2, "organisations": 2}
    assert f["satisfaction"]["total"] == 3  # ratings on published s1 s2 s5


def test_public_page_is_open_to_anyone_and_leaks_nothing(dataset, settings):
    settings.REPORTING_PUBLIC_MIN_COUNT = 5
    response = Client().get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    for secret in [
        "Gemeente Aadorp",  # 3 published signals < 5
        "Taalschool Beekveld",
        "COA Ceesdorp",
        "Regio Noordkant",  # 4 < 5
        "Regio Zuidkant",
        "Signaal s4",
        "Signaal s10",
        "Dossier een",
    ]:
        assert secret not in html, secret
    assert "Taalschool of ROC" not in html  # organisation types below the minimum too
    # time to outcome from 4 published outcomes (< 5) is withheld
    assert 'Mediane tijd tot uitkomst</dt><dd class="report-kpi__value">–' in html


def test_public_page_shows_groups_at_or_above_the_minimum(dataset, settings):
    settings.REPORTING_PUBLIC_MIN_COUNT = 3
    html = Client().get(URL).content.decode()
    assert "Gemeente Aadorp" in html and "Regio Noordkant" in html
    assert "COA Ceesdorp" not in html and "Regio Zuidkant" not in html


def test_public_page_query_count_is_constant(dataset, django_assert_max_num_queries):
    from signals.factories import SignalFactory

    client = Client()
    client.get(URL)
    for _i in range(20):
        SignalFactory(is_published=True, created_at=dataset.signals["s1"].created_at)
    with django_assert_max_num_queries(30):
        assert client.get(URL).status_code == 200
