"""Main journeys in Debian's Chromium that the per-app browser tests do not cover end to end.

* a professional registers, activates the account from the e-mail, submits a signal, follows
  someone else's signal and finds both on "Mijn signalen";
* a coordinator triages a signal (takes it in behandeling, assigns it to themself) and
  resolves it; the follower sees the outcome;
* focus is visible on every tab stop of the page types in these journeys.

Other journeys live with their apps: the visitor and the editor in
``tests/knowledge/test_browser.py``, escalation and dossiers in ``tests/signals/test_browser.py``,
Arabic feedback in ``tests/feedback/test_browser.py`` and the community in
``tests/communities/test_browser.py``.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.cache import cache

from accounts import roles
from tests.browser_helpers import axe_violations
from tests.conftest import login_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Zeer-lang-wachtwoord-42"


@pytest.fixture
def site(db, home_page):
    from taxonomy.demo import seed as seed_taxonomy
    from website.demo import seed as seed_site

    seed_taxonomy()
    seed_site()
    cache.clear()
    yield
    cache.clear()


def _other_signal(make_user):
    from signals import services

    return services.create_signal(
        submitted_by=make_user(role=roles.PROFESSIONAL),
        title="Budget voor taalcoaches komt te laat",
        description="De gemeente hoort pas in het najaar hoeveel budget er is.",
    )


def test_professional_registers_submits_and_follows(page, site, make_user):
    from accounts.models import User
    from signals.models import Follow, Signal

    other = _other_signal(make_user)

    # Register.
    page.goto("/account/registreren/")
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label("Achternaam").fill("de Boer")
    page.get_by_label("Werk-e-mailadres").fill("noor@gemeente.example")
    page.get_by_label("Organisatie").select_option(index=1)
    page.get_by_label("Functie").fill("Klantmanager")
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.get_by_label(re.compile("Ik heb de privacyverklaring gelezen")).check()
    page.get_by_role("button", name="Account aanmaken").click()
    page.get_by_text("bevestig uw e-mailadres", exact=False).wait_for()
    assert axe_violations(page) == []
    user = User.objects.get(email="noor@gemeente.example")
    assert not user.is_active and user.has_role(roles.PROFESSIONAL)

    # Activate from the e-mail: signed in at once.
    link = re.search(r"https?://[^/\s]+(/account/activeren/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    page.get_by_text("Uw account is geactiveerd").wait_for()

    # Submit a signal.
    page.goto("/signalen/nieuw/")
    page.get_by_label("Titel").fill("Leerbaarheidstoets wordt verschillend gewogen")
    page.get_by_label("Omschrijving").fill(
        "Gemeenten in de regio wegen de uitkomst van de toets elk op hun eigen manier."
    )
    page.get_by_role("button", name="Signaal indienen").click()
    page.get_by_text("is ingediend").wait_for()
    own = Signal.objects.get(submitted_by__email="noor@gemeente.example")

    # Follow someone else's signal.
    page.goto(f"/signalen/{other.pk}/")
    page.get_by_role("button", name="Volgen", exact=True).click()
    page.get_by_text("U volgt dit signaal.").wait_for()
    assert Follow.objects.filter(signal=other, user__email="noor@gemeente.example").exists()

    # Both on "Mijn signalen", in their own lists.
    page.goto("/mijn-signalen/")
    submitted = page.locator("section", has=page.locator("#ingediend"))
    followed = page.locator("section", has=page.locator("#gevolgd"))
    assert own.title in submitted.inner_text()
    assert other.title in followed.inner_text()
    assert axe_violations(page) == []
    assert page.js_errors == []


def test_coordinator_triages_assigns_and_resolves(page, site, make_user):
    from signals import services
    from signals.models import Signal
    from signals.workflow import Status

    follower = make_user(role=roles.PROFESSIONAL, email="volger@example.org")
    coordinator = make_user(
        role=roles.COORDINATOR_UITVOERING,
        email="uitvoering@example.org",
        first_name="Sanne",
        last_name="Coördinator",
    )
    signal = _other_signal(make_user)
    services.follow(signal, follower)

    login_in_browser(page, coordinator.email)
    page.goto("/werkbank/")
    page.get_by_role("link", name=signal.title).click()
    page.wait_for_url(f"**/werkbank/signalen/{signal.pk}/")
    assert axe_violations(page) == []

    # Triage: take it in behandeling.
    page.locator("summary", has_text="In behandeling nemen").click()
    page.get_by_role("button", name="In behandeling nemen").click()
    page.get_by_text("Gelukt").wait_for()
    signal.refresh_from_db()
    assert signal.status == Status.IN_BEHANDELING

    # Assign it to themself.
    page.get_by_label("Behandelaar").select_option(value=str(coordinator.pk))
    page.get_by_role("button", name="Toewijzen").click()
    page.get_by_text("De behandelaar is aangepast.").wait_for()
    assert Signal.objects.get(pk=signal.pk).assignee == coordinator

    # Resolve with an outcome for the submitter and followers.
    page.locator("summary", has_text="Oplossen").click()
    page.get_by_label("Uitkomst (terugkoppeling aan de melders)").fill(
        "Het Rijk maakt het budget voortaan in het voorjaar bekend."
    )
    page.get_by_role("button", name="Oplossen", exact=True).click()
    page.get_by_text("Gelukt").wait_for()
    signal.refresh_from_db()
    assert signal.status == Status.OPGELOST
    assert page.js_errors == []

    # The follower sees the outcome.
    page.get_by_role("button", name="Uitloggen").click()
    login_in_browser(page, follower.email)
    page.goto(f"/signalen/{signal.pk}/")
    assert "in het voorjaar bekend" in page.locator("section.outcome").inner_text()


FOCUS_INDICATOR = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    const ring = s.boxShadow && s.boxShadow !== 'none';
    const label = (el.id || el.name || el.textContent || el.tagName).trim().slice(0, 40);
    return {key: el.tagName + '#' + label, visible: outline || ring};
}"""


def _tab_stops_without_visible_focus(page, limit=200) -> tuple[int, list[str]]:
    """Tab through the page; returns (number of tab stops, those without a focus indicator)."""
    seen, missing = [], []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = page.evaluate(FOCUS_INDICATOR)
        if info is None or info["key"] in seen:
            break  # back at the start: every tab stop was visited
        seen.append(info["key"])
        if not info["visible"]:
            missing.append(info["key"])
    return len(seen), missing


def test_focus_is_visible_on_every_tab_stop(page, site, make_user, live_server):
    from tests.quality.test_accessibility_journeys import sign_in

    signal = _other_signal(make_user)
    public = ["/", "/account/registreren/", "/feedback/ar/", "/toegankelijkheid/"]
    signed_in = ["/signalen/nieuw/", f"/signalen/{signal.pk}/", "/mijn-signalen/"]
    problems = {}
    for path in public:
        page.goto(path)
        stops, missing = _tab_stops_without_visible_focus(page)
        assert stops >= 3, f"{path}: only {stops} tab stops"
        if missing:
            problems[path] = missing
    from signals import services
    from signals.views import MINE_PAGE_SIZE

    professional = make_user(role=roles.PROFESSIONAL)
    for i in range(MINE_PAGE_SIZE + 1):  # so "Mijn signalen" shows its pagination
        services.create_signal(
            submitted_by=professional, title=f"Eigen signaal {i}", description="Tekst."
        )
    sign_in(page, professional, live_server)
    for path in signed_in:
        page.goto(path)
        stops, missing = _tab_stops_without_visible_focus(page)
        assert stops >= 3, f"{path}: only {stops} tab stops"
        if missing:
            problems[path] = missing
    assert problems == {}
    # The paged "Mijn signalen" (a labelled navigation landmark per list) passes axe as well.
    page.goto("/mijn-signalen/")
    assert page.get_by_role("navigation", name="Paginering ingediende signalen").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Volgende").click()
    page.wait_for_url("**/mijn-signalen/?ingediend=2#ingediend")
    assert "Eigen signaal 0" in page.locator("section", has=page.locator("#ingediend")).inner_text()


def test_accessibility_statement_is_linked_from_every_page(page, site):
    page.goto("/kennisbank/")
    page.locator("footer").get_by_role("link", name="Toegankelijkheid").click()
    page.wait_for_url("**/toegankelijkheid/")
    assert page.get_by_role("heading", level=1).inner_text() == "Toegankelijkheidsverklaring"
    assert "WCAG 2.1" in page.locator("main").inner_text()
    assert axe_violations(page) == []
