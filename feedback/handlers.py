"""Outbox handler: mail a coordinator's answer to the person, in the person's language."""

from django.conf import settings
from django.core.mail import EmailMessage

from notifications.emails import absolute
from notifications.outbox import handler

from . import reference, texts
from .answers import SEND_ANSWER, status_url
from .models import FeedbackAnswer, FeedbackContact
from .services import retention_days


@handler(SEND_ANSWER)
def send_answer(payload: dict) -> None:
    item = FeedbackAnswer.objects.select_related("feedback").filter(pk=payload["answer_id"]).first()
    if item is None:
        return
    feedback = item.feedback
    # Read the address now: if the retention job removed it, nothing is sent.
    contact = FeedbackContact.objects.filter(feedback=feedback).first()
    if contact is None or "@" not in contact.address:
        return
    language = feedback.language
    body = texts.text(
        language,
        "mail_body",
        answer=item.text,
        code=reference.display(feedback.reference),
        url=absolute(status_url(feedback)),
        days=retention_days(),
    )
    message = EmailMessage(
        subject=texts.text(language, "mail_subject"),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[contact.address],
    )
    message.extra_headers["Content-Language"] = language
    message.send()
