"""In a real browser: an editor publishes a Q&A in the Wagtail admin; a visitor finds it by theme."""

import pytest

from accounts import roles
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "Mag de gemeente de B1-route tussentijds omzetten naar de Z-route?"


def _ensure_site():
    from wagtail.models import Page, Site

    from accounts.roles import sync_roles
    from taxonomy.reference import load_reference
    from website.models import HomePage

    load_reference()
    if not HomePage.objects.exists():
        root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
        home = HomePage(title="Lerend stelsel", slug="home")
        root.add_child(instance=home)
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": home}
        )
    sync_roles()


def test_editor_publishes_question_and_visitor_finds_it_on_theme_page(page, make_user):
    _ensure_site()
    from knowledge.models import QuestionPage
    from knowledge.services import ensure_knowledge_tree
    from taxonomy.models import Theme

    _index, questions, _ = ensure_knowledge_tree()
    theme = Theme.objects.get(slug="b1-route")
    editor = make_user(role=roles.REDACTEUR, email="redactie@example.org")

    # The editor signs in at the admin door (the site's one login form, issue 20) and
    # adds a Q&A under the question index.
    page.goto("/admin/login/")
    page.locator("#id_username").fill(editor.email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url("**/admin/")
    page.goto(f"/admin/pages/add/knowledge/questionpage/{questions.pk}/")
    page.locator("#id_title").fill(QUESTION)
    page.locator("#id_short_answer").fill(
        "Ja. De gemeente past dan het PIP aan; dat is een nieuw besluit."
    )
    page.locator(f"input[name=themes][value='{theme.pk}']").check()
    page.locator("#id_slug").wait_for(state="attached")
    # Publish sits in the footer's dropdown of actions.
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]").first.click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_url(f"**/admin/pages/{questions.pk}/**")
    created = QuestionPage.objects.get(title=QUESTION)
    assert created.live

    # An anonymous visitor finds it on the theme page and reads the answer.
    visitor = page.context.browser.new_context(base_url=page.url.split("/admin")[0])
    try:
        visit = visitor.new_page()
        visit.goto("/kennisbank/thema/b1-route/")
        visit.get_by_role("link", name=QUESTION).click()
        visit.get_by_role("heading", level=1, name=QUESTION).wait_for()
        assert "nieuw besluit" in visit.content()
        assert visit.url.endswith(created.url)
    finally:
        visitor.close()
