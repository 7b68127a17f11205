"""axe-core (WCAG 2.1 A/AA) on every page type of the main journeys, keyboard-only forms,
visible focus and language/direction attributes, in Debian's Chromium (CSP enforced)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from accounts import roles
from tests.browser_helpers import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, user, live_server):
    """Share a Django session with the browser (the login form has tests of its own)."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def journey(db, make_user, home_page):
    """A small but complete site: taxonomy, Q&A, a signal with a follow-up, a community."""
    from communities import services as community_services
    from communities.factories import make_community
    from feedback import services as feedback_services
    from knowledge.factories import publish_question
    from signals import services as signal_services
    from taxonomy.demo import seed as seed_taxonomy
    from taxonomy.models import Theme
    from website.demo import seed as seed_site

    seed_taxonomy()
    seed_site()
    cache.clear()
    theme = Theme.objects.first()
    professional = make_user(role=roles.PROFESSIONAL)
    coordinator = make_user(role=roles.COORDINATOR_UITVOERING)
    question = publish_question(
        "Wie neemt de leerbaarheidstoets af?",
        short_answer="Een onafhankelijke partij, in opdracht van de gemeente.",
        answer="De toets hoort bij de brede intake.",
        themes=[theme],
    )
    signal = signal_services.create_signal(
        submitted_by=professional,
        title="Driegesprek bij de overdracht lukt vaak niet",
        description="Het azc en de gemeente vinden geen gezamenlijk moment.",
        themes=[theme],
    )
    signal_services.add_followup(signal, coordinator, "We bespreken dit in het ketenoverleg.")
    community = make_community(facilitator=professional, title="CoP Brede intake")
    thread = community_services.start_thread(
        community, professional, "Ervaringen met de brede intake", "Hoe plannen jullie dit?"
    )
    feedback = feedback_services.submit_feedback(
        language="ar", kind="moeilijk", topic="taalcursus", text="الدروس سريعة جدا"
    )
    return {
        "professional": professional,
        "coordinator": coordinator,
        "question": question,
        "theme": theme,
        "signal": signal,
        "community": community,
        "thread": thread,
        "feedback": feedback,
    }


def _check(page, paths):
    problems = {}
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, f"{path}: {response.status}"
        violations = axe_violations(page)
        if violations:
            problems[path] = violations
    return problems


def test_visitor_pages_have_no_wcag_violations(page, journey):
    paths = [
        journey["question"].url,
        f"/kennisbank/thema/{journey['theme'].slug}/",
        "/kennisbank/",
        "/zoeken/?q=leerbaarheidstoets",
        "/signalen/opvolging/",
        "/feedback/",
        "/feedback/ar/",
        "/rapportage/publiek/",
        journey["community"].url,
    ]
    assert _check(page, paths) == {}
    assert page.js_errors == []


def test_professional_pages_have_no_wcag_violations(page, journey, live_server):
    sign_in(page, journey["professional"], live_server)
    community = journey["community"]
    paths = [
        "/signalen/nieuw/",
        f"/signalen/{journey['signal'].pk}/",
        "/signalen/",
        "/mijn-signalen/",
        "/meldingen/",
        "/kennisbank/vraag-stellen/",
        f"{community.url}discussies/",
        f"{community.url}discussies/{journey['thread'].pk}/",
    ]
    assert _check(page, paths) == {}
    assert page.js_errors == []


def test_coordinator_pages_have_no_wcag_violations(page, journey, live_server):
    sign_in(page, journey["coordinator"], live_server)
    paths = [
        "/werkbank/",
        f"/werkbank/signalen/{journey['signal'].pk}/",
        "/dossiers/",
        "/feedback/moderatie/",
        f"/feedback/moderatie/{journey['feedback'].pk}/",
        "/rapportage/uitvoering/",
    ]
    assert _check(page, paths) == {}
    assert page.js_errors == []


def test_signal_form_can_be_completed_with_the_keyboard_only(page, journey, live_server):
    from signals.models import Signal

    sign_in(page, journey["professional"], live_server)
    page.goto("/signalen/nieuw/")
    title = page.locator("#id_title")
    description = page.locator("#id_description")
    # From the top of the page, Tab until the title field has focus (skip link, navigation...).
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_title":
            break
    assert page.evaluate("document.activeElement.id") == "id_title"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus is not visible on the title field"
    page.keyboard.type("Overdracht zonder warme overdracht")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "id_description":
            break
    page.keyboard.type("De gemeente krijgt het dossier pas weken later.")
    assert title.input_value() == "Overdracht zonder warme overdracht"
    assert description.input_value().startswith("De gemeente")
    # Tab to the submit button and press Enter (twice if similar signals are shown first).
    for _round in range(2):
        for _ in range(80):
            page.keyboard.press("Tab")
            active = page.evaluate(
                "[document.activeElement.tagName, document.activeElement.type || '',"
                " !!document.activeElement.closest('#signal-form')]"
            )
            if active == ["BUTTON", "submit", True]:
                break
        with page.expect_navigation():
            page.keyboard.press("Enter")
        if "/signalen/nieuw/" not in page.url:
            break
    assert Signal.objects.filter(title="Overdracht zonder warme overdracht").exists()
    assert page.js_errors == []


def test_feedback_form_in_arabic_works_with_the_keyboard_only(page, journey):
    from feedback.models import Feedback

    page.goto("/feedback/ar/")
    content = page.locator("#feedback-content")
    assert content.get_attribute("lang") == "ar"
    assert content.get_attribute("dir") == "rtl"
    # The whole page, header included, is Arabic and right to left (docs/languages.md).
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"
    # Radio groups: Tab into the group, arrow keys choose; textarea: type.
    seen = []
    for _ in range(80):
        page.keyboard.press("Tab")
        info = page.evaluate(
            "({id: document.activeElement.id, name: document.activeElement.name || '',"
            " type: document.activeElement.type || '', tag: document.activeElement.tagName,"
            " inForm: !!document.activeElement.closest('form.feedback-form')})"
        )
        seen.append(info["name"])
        if not info["inForm"]:
            continue
        if info["name"] in ("kind", "topic") and info["type"] == "radio":
            page.keyboard.press("Space")
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", "focus is not visible on a radio button"
        elif info["name"] == "text":
            page.keyboard.type("الدروس سريعة جدا بالنسبة لي")
        elif info["name"] == "website":
            pytest.fail("the honeypot field is reachable with the keyboard")
        elif info["tag"] == "BUTTON" and info["type"] == "submit":
            with page.expect_navigation():
                page.keyboard.press("Enter")
            break
    assert "/bedankt/" in page.url, " ".join(s or "-" for s in seen)
    assert Feedback.objects.filter(language="ar", text__contains="سريعة").count() == 2
    assert axe_violations(page) == []


def test_right_to_left_content_is_marked_in_the_moderation_view(page, journey, live_server):
    sign_in(page, journey["coordinator"], live_server)
    page.goto(f"/feedback/moderatie/{journey['feedback'].pk}/")
    marked = page.locator("[lang='ar']")
    assert marked.count() >= 1
    assert "سريعة" in marked.first.inner_text()
    assert marked.first.get_attribute("dir") in ("rtl", "auto")
