"""One journey in a real browser: the dashboard draws its charts and tables, axe finds nothing."""

import pytest

from accounts import roles
from tests.browser_helpers import axe_violations
from tests.conftest import login_in_browser


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_dashboard_renders_charts_and_tables_accessibly(page, make_user):
    from signals.factories import SignalFactory
    from taxonomy.factories import ThemeFactory

    theme = ThemeFactory(name="Browsertest thema", slug="browsertest-thema")
    for _i in range(3):
        SignalFactory().themes.set([theme])
    user = make_user(role=roles.COORDINATOR_STELSEL)
    login_in_browser(page, user.email)
    page.goto("/rapportage/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Rapportage")
    charts = page.locator("svg[role='img']")
    assert charts.count() >= 6
    assert charts.first.is_visible()
    assert charts.first.bounding_box()["height"] > 50
    first_table = page.locator("details.report-chart__table").first
    first_table.locator("summary").click()
    assert first_table.locator("table caption").is_visible()
    assert page.locator("table.report-levels").is_visible()
    assert axe_violations(page) == []
    assert page.js_errors == []
