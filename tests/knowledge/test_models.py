from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts import roles
from knowledge import services
from knowledge.factories import publish_question
from knowledge.models import Audience, QuestionIndexPage, QuestionPage, add_months

pytestmark = pytest.mark.django_db


def test_tree_is_created_once_with_menu_entry_and_workflow(kb, home_page):
    index, questions, handreikingen = kb
    assert index.url == "/kennisbank/"
    assert index.show_in_menus
    assert questions.url == "/kennisbank/vragen/"
    assert handreikingen.url == "/kennisbank/handreikingen/"
    assert services.ensure_knowledge_tree(home_page)[0].pk == index.pk
    assert QuestionIndexPage.objects.count() == 1
    workflow = index.get_workflow()
    assert workflow.name == services.WORKFLOW_NAME
    task = workflow.tasks.get().specific
    assert [g.name for g in task.groups.all()] == ["Redacteur"]


def test_review_due_date_follows_last_reviewed_and_interval(kb):
    page = publish_question(
        "Wanneer herzien?", last_reviewed=date(2024, 1, 31), review_interval_months=1
    )
    assert page.review_due_at == date(2024, 2, 29)
    assert page.review_overdue
    assert add_months(date(2024, 11, 15), 3) == date(2025, 2, 15)


def test_create_question_draft_is_unpublished_with_revision_and_plain_text(kb, theme, make_user):
    requester = make_user(role=roles.COORDINATOR_SCHAKEL)
    page = services.create_question_draft(
        title="Hoe <b>verloopt</b> de overdracht?",
        short_answer="Kort <script>alert(1)</script>antwoord",
        answer_text="Eerste alinea.\n\nTweede alinea.",
        themes=[theme],
        source_note="Uit signaal 12",
        source_url="/signalen/12/",
        requested_by=requester,
    )
    page.refresh_from_db()
    assert not page.live
    assert page.get_parent().specific_class is QuestionIndexPage
    assert page.title == "Hoe verloopt de overdracht?"
    assert "<script>" not in page.short_answer
    assert [b.block_type for b in page.answer] == ["paragraph", "paragraph"]
    assert page.latest_revision is not None
    assert page.origin_note == "Uit signaal 12"
    assert list(page.themes.all()) == [theme]
    assert page.requested_by == requester
    # A second draft with the same title gets its own slug.
    other = services.create_question_draft(title="Hoe verloopt de overdracht?")
    assert other.slug != page.slug
    # Drafts are invisible to everyone on the site.
    assert not QuestionPage.objects.visible_to(requester).filter(pk=page.pk).exists()


def test_create_handreiking_draft(kb, theme):
    page = services.create_handreiking_draft(
        title="Handreiking overdracht", summary="Samen", body_text="Tekst", themes=[theme]
    )
    assert not page.live
    assert page.url_path.endswith("/handreikingen/handreiking-overdracht/")
    assert page.latest_revision is not None
    assert list(page.themes.all()) == [theme]


def test_visible_pages_and_visible_to_hide_restricted_from_anonymous_and_inburgeraar(kb, make_user):
    public = publish_question("Openbare vraag")
    restricted = publish_question("Beperkte vraag", audience=Audience.PROFESSIONALS)
    draft = publish_question("Concept", publish=False)
    anonymous = AnonymousUser()
    inburgeraar = make_user(role=roles.INBURGERAAR)
    professional = make_user(role=roles.PROFESSIONAL)
    assert set(services.visible_pages(anonymous).values_list("pk", flat=True)) == {public.pk}
    assert set(QuestionPage.objects.visible_to(inburgeraar)) == {public}
    assert set(QuestionPage.objects.visible_to(professional)) == {public, restricted}
    assert draft.pk not in services.visible_pages(professional).values_list("pk", flat=True)


def test_suggestions_prefer_most_shared_themes_and_tags_and_skip_restricted(
    kb, theme, other_theme, phase
):
    page = publish_question("Vraag A", themes=[theme, other_theme], tags=["leerroute"])
    best = publish_question("Vraag B", themes=[theme, other_theme], tags=["leerroute"])
    good = publish_question("Vraag C", themes=[theme])
    publish_question("Vraag D", themes=[theme], audience=Audience.PROFESSIONALS)
    publish_question("Vraag E")  # nothing shared
    suggestions = page.suggestions(
        AnonymousUser(),
        theme_ids=[theme.pk, other_theme.pk],
        tag_ids=list(page.tags.values_list("pk", flat=True)),
        exclude=[page.pk],
    )
    assert [q.title for q in suggestions] == ["Vraag B", "Vraag C"]
    assert best in suggestions and good in suggestions
