"""Who sees which dashboard, what the pages show, and that query counts stay constant."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from accounts import roles
from signals.factories import SignalFactory

pytestmark = pytest.mark.django_db

Q1 = "?start=2025-01-01&end=2025-03-31"
LEVELS = ["uitvoering", "schakel", "stelsel"]


@pytest.mark.parametrize(
    "role, allowed",
    [
        (roles.COORDINATOR_STELSEL, {"alle", "uitvoering", "schakel", "stelsel"}),
        (roles.REDACTEUR, {"alle", "uitvoering", "schakel", "stelsel"}),
        (roles.BEHEERDER, {"alle", "uitvoering", "schakel", "stelsel"}),
        (roles.COORDINATOR_SCHAKEL, {"schakel"}),
        (roles.COORDINATOR_UITVOERING, {"uitvoering"}),
        (roles.KETENPARTNER, {"alle"}),
        (roles.PROFESSIONAL, set()),
        (roles.INBURGERAAR, set()),
    ],
)
def test_dashboard_access_per_role(client_for, role, allowed):
    client, _user = client_for(role)
    urls = {"alle": reverse("reporting:dashboard")}
    urls.update({level: reverse("reporting:level", args=[level]) for level in LEVELS})
    for scope, url in urls.items():
        status = client.get(url).status_code
        assert status == (200 if scope in allowed else 403), (role, scope, status)
        report = client.get(reverse("reporting:quarterly", args=[scope, "2025-K1"]))
        assert report.status_code == (200 if scope in allowed else 403), (role, scope)


def test_anonymous_visitors_are_sent_to_the_login_page(db):
    client = Client()
    for url in [
        reverse("reporting:dashboard"),
        reverse("reporting:level", args=["schakel"]),
        reverse("reporting:quarterly_pdf", args=["alle", "2025-K1"]),
        reverse("reporting:import"),
    ]:
        response = client.get(url)
        assert response.status_code == 302 and "/account/inloggen/" in response["Location"]
    assert client.get(reverse("reporting:home")).url == reverse("reporting:public")


def test_home_sends_each_role_to_its_own_dashboard(client_for):
    client, _ = client_for(roles.COORDINATOR_SCHAKEL)
    assert client.get(reverse("reporting:home")).url == reverse("reporting:level", args=["schakel"])
    client, _ = client_for(roles.KETENPARTNER)
    assert client.get(reverse("reporting:home")).url == reverse("reporting:dashboard")


def test_level_coordinator_sees_only_the_figures_of_the_level(dataset, client_for):
    client, _ = client_for(roles.COORDINATOR_SCHAKEL)
    html = client.get(reverse("reporting:level", args=["schakel"]) + Q1).content.decode()
    # schakel: inflow 3, open 2, overdue s4; no row for the other levels, no link to them
    assert re.search(r"Nieuwe signalen</dt><dd[^>]*>3<", html)
    assert re.search(r"Open</dt><dd[^>]*>2<", html)
    assert ">Uitvoeringsniveau</th>" not in html and ">Stelselniveau</th>" not in html
    assert reverse("reporting:dashboard") + '"' not in html


def test_overall_dashboard_shows_figures_charts_and_tables(dataset, client_for):
    client, _ = client_for(roles.COORDINATOR_STELSEL)
    html = client.get(reverse("reporting:dashboard") + Q1).content.decode()
    assert re.search(r"Nieuwe signalen</dt><dd[^>]*>7<", html)
    assert re.search(r"Mediane tijd tot uitkomst</dt><dd[^>]*>20 <", html)
    assert re.search(r"Met terugkoppeling</dt><dd[^>]*>85,7 <", html)
    assert html.count('role="img"') >= 6 and html.count("<caption") >= 7
    assert "style=" not in html.split("<main", 1)[1]
    # the data table of the inflow chart
    assert re.search(r"<th[^>]*scope=\"row\">jan 2025</th><td[^>]*>3</td>", html)


def test_bad_filter_input_shows_a_friendly_error_and_keeps_the_page(dataset, client_for):
    client, _ = client_for(roles.COORDINATOR_STELSEL)
    response = client.get(
        reverse("reporting:dashboard") + "?start=2025-05-01&end=2025-01-01&theme=abc"
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "De begindatum ligt na de einddatum." in html
    assert 'value="2025-05-01"' in html


def test_dashboard_query_count_does_not_grow_with_data(dataset, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, _ = client_for(roles.COORDINATOR_STELSEL)
    url = reverse("reporting:dashboard") + Q1
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for _i in range(25):
        SignalFactory(created_at=dataset.signals["s1"].created_at, region=dataset.regions["zuid"])
    with CaptureQueriesContext(connection) as after:
        assert client.get(url).status_code == 200
    assert len(after) == len(before) <= 35


def test_phase_page_shows_indicators_and_only_visible_signals(dataset, client_for, make_user):
    from reporting.models import Indicator, IndicatorValue

    phase = dataset.phases[3]
    indicator = Indicator.objects.create(
        name="Doorlooptijd PIP",
        slug="doorlooptijd-pip",
        phase=phase,
        definition="Weken tot PIP",
        unit="weken",
        target=10,
        direction="lager",
    )
    for start, value in [("2024-10-01", 14), ("2025-01-01", 12), ("2025-04-01", 9)]:
        IndicatorValue.objects.create(indicator=indicator, period_start=start, value=value)
    url = reverse("reporting:phase", args=[phase.slug])
    client, _ = client_for(roles.PROFESSIONAL)
    html = client.get(url).content.decode()
    assert "Doorlooptijd PIP" in html and "streefwaarde gehaald" in html
    assert '<th class="utrecht-table__header-cell" scope="row">2025-K1</th>' in html
    assert "Signaal s1<" in html and "Signaal s4<" not in html  # s4 is about phase 4
    # an inburgeraar sees the indicators but no signals of others
    inburgeraar = Client()
    inburgeraar.force_login(make_user(role=roles.INBURGERAAR))
    html = inburgeraar.get(url).content.decode()
    assert "Doorlooptijd PIP" in html and "Signaal s1<" not in html
    assert Client().get(url).status_code == 302


def test_phase_page_query_count_is_constant(dataset, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reporting.models import Indicator

    phase = dataset.phases[3]
    client, _ = client_for(roles.PROFESSIONAL)
    url = reverse("reporting:phase", args=[phase.slug])
    Indicator.objects.create(name="Een", slug="een", phase=phase, definition="x", unit="%")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for i in range(5):
        Indicator.objects.create(name=f"I{i}", slug=f"i{i}", phase=phase, definition="x", unit="%")
        SignalFactory(phase=phase)
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def test_dashboard_figures_are_cached_for_a_few_minutes(dataset, client_for, settings):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.REPORTING_CACHE_SECONDS = 300
    cache.clear()
    client, _ = client_for(roles.COORDINATOR_STELSEL)
    url = reverse("reporting:dashboard") + Q1
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    with CaptureQueriesContext(connection) as second:
        html = client.get(url).content.decode()
    assert len(second) <= len(first) - 10
    assert re.search(r"Nieuwe signalen</dt><dd[^>]*>7<", html)
    cache.clear()
