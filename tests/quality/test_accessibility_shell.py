"""axe-core (WCAG 2.1 A/AA) on every page type of the site shell, in Debian's Chromium."""

import pytest

from tests.browser_helpers import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHELL_PAGES = [
    "/",
    "/over/",
    "/privacy/",
    "/toegankelijkheid/",
    "/account/inloggen/",
    "/account/registreren/",
    "/account/wachtwoord-vergeten/",
    "/api/v1/docs/",
    "/bestaat-niet/",
]


@pytest.fixture
def seeded(db):
    from taxonomy.demo import seed as seed_taxonomy
    from website.demo import seed as seed_site

    seed_taxonomy()
    seed_site()


def test_shell_pages_have_no_wcag_violations(page, seeded):
    problems = {}
    for path in SHELL_PAGES:
        page.goto(path)
        violations = axe_violations(page)
        if violations:
            problems[path] = violations
    assert problems == {}
    assert page.js_errors == []


def test_registration_errors_are_announced_and_linked(page, seeded):
    page.goto("/account/registreren/")
    page.get_by_role("button", name="Account aanmaken").click()
    summary = page.locator("#error-summary")
    assert summary.get_attribute("role") == "alert"
    first_link = summary.locator("a").first
    target = first_link.get_attribute("href")
    first_link.click()
    focused_id = page.evaluate("document.activeElement.id")
    assert f"#{focused_id}" == target
    assert axe_violations(page) == []


def test_keyboard_user_reaches_content_through_the_skip_link(page, seeded):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Direct naar de inhoud"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_english_interface_declares_its_language(page, seeded):
    page.goto("/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Log in").is_visible()
