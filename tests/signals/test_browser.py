"""The full path in a real browser: submit, escalate, bundle, resolve, and the outcome comes back."""

import re

import pytest

from accounts import roles
from signals.models import Signal
from tests.conftest import login_in_browser


def _switch_user(page, email):
    page.get_by_role("button", name="Uitloggen").click()
    login_in_browser(page, email)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_signal_travels_up_and_the_outcome_comes_back(page, make_user):
    professional = make_user(role=roles.PROFESSIONAL, email="melder@example.org")
    make_user(role=roles.COORDINATOR_UITVOERING, email="uitvoering@example.org")
    make_user(role=roles.COORDINATOR_SCHAKEL, email="schakel@example.org")

    # 1. A professional submits a signal.
    login_in_browser(page, professional.email)
    page.goto("/signalen/nieuw/")
    page.get_by_label("Titel").fill("Driegesprek bij de overdracht lukt zelden")
    page.get_by_label("Omschrijving").fill(
        "De overdracht van COA naar de gemeente gaat dan alleen per e-mail."
    )
    page.get_by_role("button", name="Signaal indienen").click()
    page.get_by_text("is ingediend").wait_for()
    signal = Signal.objects.get()
    assert not page.js_errors

    # 2. The coordinator at uitvoeringsniveau escalates it to schakelniveau.
    _switch_user(page, "uitvoering@example.org")
    page.goto(f"/werkbank/signalen/{signal.pk}/")
    page.locator("summary", has_text="Doorzetten naar het volgende niveau").click()
    page.get_by_label("Motivering voor het doorzetten").fill("Speelt in de hele regio.")
    page.get_by_role("button", name="Doorzetten naar het volgende niveau").click()
    page.get_by_text("Gelukt").wait_for()
    signal.refresh_from_db()
    assert signal.level == "schakel"

    # 3. The schakel coordinator bundles it into a new dossier and resolves the dossier.
    _switch_user(page, "schakel@example.org")
    page.goto(f"/werkbank/signalen/{signal.pk}/")
    page.get_by_label("Of maak een nieuw dossier met titel").fill("Overdracht zonder driegesprek")
    page.get_by_role("button", name="Bundelen", exact=True).click()
    page.get_by_role("link", name="Overdracht zonder driegesprek").first.click()
    page.wait_for_url(re.compile(r"/dossiers/\d+/"))
    page.locator("summary", has_text="Oplossen").click()
    page.get_by_label("Uitkomst (terugkoppeling aan de melders)").fill(
        "COA en gemeenten gebruiken voortaan een vast overdrachtsformulier."
    )
    page.get_by_role("button", name="Oplossen", exact=True).click()
    page.get_by_text("Gelukt").wait_for()

    # 4. The submitter sees the outcome on the signal.
    _switch_user(page, professional.email)
    page.goto(f"/signalen/{signal.pk}/")
    outcome = page.locator("section.outcome")
    assert "vast overdrachtsformulier" in outcome.inner_text()
    assert page.get_by_text("Wat vindt u van de uitkomst?").is_visible()
    assert not page.js_errors
