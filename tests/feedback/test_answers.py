"""Coordinators answer; the person gets the answer by mail, in their language, via the outbox."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from feedback import answers, reference, services
from feedback.models import FeedbackAnswer, FeedbackContact
from notifications.models import OutboxMessage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language,subject,phrase",
    [
        ("uk", "Відповідь на ваш відгук", "Координатор відповів вам"),
        ("ti", "መልሲ ናብ ርእይቶኹም", "ሓደ ኣወሃሃዲ መልሲ ሂቡኩም"),
        ("ar", "رد على ملاحظاتك", "رد عليك منسق"),
    ],
)
def test_answer_is_mailed_in_the_persons_language_through_real_smtp(
    smtp, new_feedback, coordinator, django_capture_on_commit_callbacks, language, subject, phrase
):
    feedback = new_feedback(language=language, contact_address="lina@example.org")
    client = Client()
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/feedback/moderatie/{feedback.pk}/antwoorden/",
            {"text": "De cursus start nu elke maand.", "language": "nl"},
        )
    assert response.status_code == 302
    rcpts, message = smtp.wait(1)[0]
    assert rcpts == ["lina@example.org"]
    assert str(message["Subject"]).strip() == subject
    assert message["Content-Language"] == language
    body = message.get_content()
    assert phrase in body
    assert "De cursus start nu elke maand." in body
    assert reference.display(feedback.reference) in body
    assert f"/feedback/{language}/status/" in body
    assert OutboxMessage.objects.get(handler=answers.SEND_ANSWER).status == "done"


def test_no_mail_without_an_email_address(
    new_feedback, coordinator, smtp, django_capture_on_commit_callbacks
):
    phone = new_feedback(contact_address="+31 6 1234 5678")
    anonymous = new_feedback()
    with django_capture_on_commit_callbacks(execute=True):
        answers.answer(phone, coordinator=coordinator, text="Bedankt, wij bellen u.")
        answers.answer(anonymous, coordinator=coordinator, text="Bedankt voor uw feedback.")
    assert not OutboxMessage.objects.filter(handler=answers.SEND_ANSWER).exists()
    assert smtp.messages == []
    assert FeedbackAnswer.objects.count() == 2


def test_answer_text_goes_through_the_privacy_guard(new_feedback, coordinator):
    feedback = new_feedback(contact_address="a@example.org")
    with pytest.raises(ValidationError):
        answers.answer(feedback, coordinator=coordinator, text="Bel ons op 06-12345678.")
    assert not FeedbackAnswer.objects.exists()
    assert not OutboxMessage.objects.exists()
    client = Client()
    client.force_login(coordinator)
    response = client.post(
        f"/feedback/moderatie/{feedback.pk}/antwoorden/",
        {"text": "Mail naar x@example.org", "language": "nl"},
    )
    assert response.status_code == 400
    assert "e-mailadres" in response.content.decode()


def test_only_coordinators_answer(new_feedback, make_user):
    feedback = new_feedback()
    with pytest.raises(PermissionDenied):
        answers.answer(feedback, coordinator=make_user(), text="Hallo")


def test_address_removed_by_retention_is_never_mailed(
    new_feedback, coordinator, smtp, django_capture_on_commit_callbacks
):
    """The outbox payload holds no address: a message still pending after retention sends nothing."""
    feedback = new_feedback(contact_address="weg@example.org")
    answer = answers.answer(feedback, coordinator=coordinator, text="Wij hebben het doorgegeven.")
    message = OutboxMessage.objects.get(handler=answers.SEND_ANSWER)
    assert "weg@example.org" not in str(message.payload)
    FeedbackContact.objects.filter(feedback=feedback).delete()  # as the retention job does
    from notifications import outbox

    outbox.run(message.pk)
    assert smtp.messages == []
    assert answer.pk  # the answer itself stays on the status page
    assert services.retention_days() == 90
