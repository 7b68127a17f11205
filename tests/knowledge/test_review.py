"""Review dates: 'te beoordelen' report, reminders to owners, scheduled publishing."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from accounts import roles
from knowledge import tasks
from knowledge.factories import publish_question
from knowledge.models import QuestionPage
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_overdue_pages_appear_in_report_and_owner_is_flagged_once(client_for, kb):
    editor_client, editor = client_for(roles.REDACTEUR)
    overdue = publish_question(
        "Verouderde vraag", last_reviewed=date.today() - timedelta(days=400), owner=editor
    )
    publish_question("Actuele vraag", last_reviewed=date.today())
    html = editor_client.get("/admin/kennisbank/te-beoordelen/").content.decode()
    assert "Verouderde vraag" in html and "Actuele vraag" not in html

    assert tasks.review_reminders() == 1
    note = Notification.objects.get(recipient=editor)
    assert "Te beoordelen: Verouderde vraag" == note.title
    assert note.url == f"/admin/pages/{overdue.pk}/edit/"
    assert tasks.review_reminders() == 0  # once per due date

    professional, _ = client_for(roles.PROFESSIONAL)
    assert professional.get("/admin/kennisbank/te-beoordelen/").status_code in (302, 403)


def test_overdue_without_owner_goes_to_editors(make_user, kb):
    editor = make_user(role=roles.REDACTEUR)
    publish_question("Zonder eigenaar", last_reviewed=date.today() - timedelta(days=400))
    assert tasks.review_reminders() >= 1
    assert Notification.objects.filter(recipient=editor, verb="knowledge-review").exists()


def test_scheduled_publishing_via_task(kb):
    page = publish_question("Later publiceren", publish=False)
    revision = page.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    assert revision.approved_go_live_at is not None
    tasks.publish_scheduled()
    page.refresh_from_db()
    assert page.live
    assert QuestionPage.objects.live().filter(pk=page.pk).exists()
