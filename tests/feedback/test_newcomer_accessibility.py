"""axe-core (WCAG 2.1 A/AA): the feedback form, the status page and the public page
'wat we met jullie feedback doen' in Arabic (right to left) and Tigrinya: 0 violations."""

import pytest

from tests.browser_helpers import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def content(make_user):
    from accounts import roles
    from feedback import answers, outcomes, services
    from taxonomy.models import Theme

    coordinator = make_user(role=roles.COORDINATOR_SCHAKEL)
    theme, _ = Theme.objects.get_or_create(slug="knm", defaults={"name": "KNM"})
    outcomes.save_outcome(
        coordinator=coordinator,
        theme=theme,
        title="KNM-lessen in kleinere groepen",
        body="Er zijn nu kleinere groepen. Zo kunt u meer vragen stellen.",
        is_published=True,
        translations={"ar": ("دروس في مجموعات أصغر", "المجموعات الآن أصغر. يمكنك أن تسأل أكثر.")},
    )
    found = {}
    for language in ("ar", "ti"):
        feedback = services.submit_feedback(
            language=language, kind="moeilijk", topic="knm", text="De les was te snel."
        )
        answers.answer(feedback, coordinator=coordinator, text="De groepen zijn nu kleiner.")
        found[language] = feedback.reference
    return found


@pytest.mark.parametrize("language,direction", [("ar", "rtl"), ("ti", "ltr")])
def test_newcomer_pages_have_no_violations(page, content, language, direction):
    problems = {}
    for path in (f"/feedback/{language}/", f"/feedback/{language}/wat-we-doen/"):
        page.goto(path)
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("html").get_attribute("dir") == direction
        problems[path] = axe_violations(page)
    status = f"/feedback/{language}/status/"
    page.goto(status)
    problems[status + " (form)"] = axe_violations(page)
    page.fill("#id_code", "KM4T-7WXR")
    page.locator("form.utrecht-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[role=alert]").count() == 1
    problems[status + " (wrong code)"] = axe_violations(page)
    page.fill("#id_code", content[language])
    page.locator("form.utrecht-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator('[data-state="answered"]').count() == 1
    problems[status + " (answered)"] = axe_violations(page)
    # A form with errors, too.
    page.goto(f"/feedback/{language}/")
    page.locator("button.feedback-submit").click()
    page.wait_for_load_state()
    problems["form with errors"] = axe_violations(page)
    assert {path: found for path, found in problems.items() if found} == {}
    assert page.js_errors == []
