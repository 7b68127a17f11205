import pytest

from feedback.models import Feedback
from tests.browser_helpers import axe_violations

ARABIC_TEXT = "دروس اللغة جيدة، لكن الانتظار قبل بداية الدورة كان طويلًا جدًا."


def _tab_to(page, selector_js: str, limit: int = 60):
    """Press Tab until the focused element matches ``selector_js`` (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"() => document.activeElement && document.activeElement.matches({selector_js!r})"
        ):
            return
    raise AssertionError(f"{selector_js} never received focus with Tab")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_arabic_speaker_gives_feedback_with_the_keyboard_only(page):
    page.goto("/feedback/")
    _tab_to(page, 'a[hreflang="ar"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/feedback/ar/")
    content = page.locator("#feedback-content")
    assert content.get_attribute("dir") == "rtl" and content.get_attribute("lang") == "ar"
    assert axe_violations(page) == []

    # "Something was difficult": Tab into the radio group, arrow to the second option.
    _tab_to(page, 'input[name="kind"]')
    if page.evaluate("() => document.activeElement.value") == "goed":
        page.keyboard.press("ArrowDown")  # arrow keys move (and select) within the group
    page.keyboard.press("Space")
    assert page.locator('input[name="kind"]:checked').get_attribute("value") == "moeilijk"

    _tab_to(page, 'input[name="topic"]')
    page.keyboard.press("Space")  # first topic: the language course
    assert page.locator('input[name="topic"]:checked').get_attribute("value") == "taalcursus"

    _tab_to(page, 'textarea[name="text"]')
    page.keyboard.type(ARABIC_TEXT)

    _tab_to(page, 'button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_url("**/feedback/ar/bedankt/")

    thanks = page.locator("#feedback-content")
    assert thanks.get_attribute("dir") == "rtl" and thanks.get_attribute("lang") == "ar"
    assert "شكرًا لك!" in thanks.inner_text()
    assert page.js_errors == []

    feedback = Feedback.objects.get()
    assert (feedback.language, feedback.kind, feedback.topic) == ("ar", "moeilijk", "taalcursus")
    assert feedback.text == ARABIC_TEXT and feedback.user is None
