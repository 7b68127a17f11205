from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from feedback import services
from feedback.models import Feedback, FeedbackContact, FeedbackEvent

pytestmark = pytest.mark.django_db


def _age(feedback, days):
    FeedbackContact.objects.filter(feedback=feedback).update(
        created_at=timezone.now() - timedelta(days=days)
    )


def test_expired_contacts_are_removed_and_nothing_else(new_feedback, coordinator):
    old = new_feedback("Oud bericht.", contact_address="oud@example.org")
    recent = new_feedback("Nieuw bericht.", contact_address="nieuw@example.org")
    anonymous = new_feedback("Anoniem bericht.")
    _age(old, 91)
    _age(recent, 89)

    assert services.strip_expired_contacts() == 1
    assert list(FeedbackContact.objects.values_list("address", flat=True)) == ["nieuw@example.org"]
    assert Feedback.objects.count() == 3  # the feedback itself stays
    assert old.events.last().action == FeedbackEvent.Action.CONTACT_REMOVED
    assert not anonymous.events.filter(action=FeedbackEvent.Action.CONTACT_REMOVED).exists()
    assert services.strip_expired_contacts() == 0  # idempotent

    client = Client()
    client.force_login(coordinator)
    html = client.get(f"/feedback/moderatie/{old.pk}/").content.decode()
    assert "oud@example.org" not in html and "al gewist" in html
    assert "nieuw@example.org" in client.get(f"/feedback/moderatie/{recent.pk}/").content.decode()


def test_retention_period_comes_from_settings_and_now_can_be_given(new_feedback, settings):
    settings.FEEDBACK_CONTACT_RETENTION_DAYS = 10
    feedback = new_feedback(contact_address="+31 20 123 4567")
    assert services.strip_expired_contacts(now=timezone.now() + timedelta(days=9)) == 0
    assert services.strip_expired_contacts(now=timezone.now() + timedelta(days=11)) == 1
    assert not FeedbackContact.objects.filter(feedback=feedback).exists()


def test_daily_retention_job_removes_expired_contacts(new_feedback):
    from feedback.apps import RETENTION_NAME
    from privacy import retention

    feedback = new_feedback(contact_address="taak@example.org")
    _age(feedback, 120)
    assert RETENTION_NAME in retention.registered()
    results = retention.apply_all()
    assert results[RETENTION_NAME] == 1
    assert not FeedbackContact.objects.exists()


def test_retention_still_removes_the_address_of_answered_feedback(
    new_feedback, coordinator, smtp, django_capture_on_commit_callbacks
):
    from feedback import answers, reference

    feedback = new_feedback(language="ti", contact_address="kidane@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        answers.answer(feedback, coordinator=coordinator, text="Wij hebben het doorgegeven.")
    assert len(smtp.wait(1)) == 1
    _age(feedback, 91)
    assert services.strip_expired_contacts() == 1
    assert not FeedbackContact.objects.filter(feedback=feedback).exists()
    assert not answers.can_mail(feedback)
    # The status page and the answer stay available with the code.
    response = Client().post(
        "/feedback/ti/status/", {"code": reference.display(feedback.reference)}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-state="answered"' in html and "kidane@example.org" not in html
