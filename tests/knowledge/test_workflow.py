"""Wagtail moderation on knowledge pages: submit, approve, reject with comment."""

import pytest
from django.utils import timezone
from wagtail.models import WorkflowState

from accounts import roles
from knowledge import services
from knowledge.models import QuestionPage

pytestmark = pytest.mark.django_db


def _submit(page, user):
    workflow = page.get_workflow()
    assert workflow is not None, "knowledge pages must be under the editorial workflow"
    return workflow.start(page, user)


def test_submit_and_approve_publishes_with_change_note(kb, make_user, theme):
    author = make_user(role=roles.REDACTEUR)
    approver = make_user(role=roles.REDACTEUR)
    page = services.create_question_draft(title="Wat is de MAP?", short_answer="Een module.")
    page.change_note = "Nieuw antwoord."
    page.save_revision(user=author)
    state = _submit(page, author)
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = state.current_task_state
    assert task_state.task.specific.user_can_access_editor(page, approver)
    task_state.task.specific.on_action(task_state, approver, "approve", comment="Prima.")
    state.refresh_from_db()
    page.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert page.live
    assert page.last_published_at <= timezone.now()
    response = page.serve(_request(page))
    response.render()
    html = response.content.decode()
    assert "Laatst bijgewerkt" in html and "Nieuw antwoord." in html


def test_reject_with_comment_keeps_page_unpublished(kb, make_user):
    author = make_user(role=roles.REDACTEUR)
    reviewer = make_user(role=roles.REDACTEUR)
    page = services.create_question_draft(title="Wat is de Z-route?", short_answer="Route.")
    state = _submit(page, author)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "reject", comment="Bron ontbreekt.")
    state.refresh_from_db()
    task_state.refresh_from_db()
    page.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert task_state.comment == "Bron ontbreekt."
    assert not page.live
    assert not QuestionPage.objects.live().filter(pk=page.pk).exists()


def test_professional_cannot_approve(kb, make_user):
    author = make_user(role=roles.REDACTEUR)
    professional = make_user(role=roles.PROFESSIONAL)
    page = services.create_question_draft(title="Wie betaalt?", short_answer="De gemeente.")
    state = _submit(page, author)
    task = state.current_task_state.task.specific
    assert task.get_actions(page, professional) == []
    assert task.get_actions(page, author) != []


def _request(page):
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    request = RequestFactory().get(page.url)
    request.user = AnonymousUser()
    return request
