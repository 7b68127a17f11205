"""Reference code after sending, and the status page in each state and language."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from feedback import answers, reference, services
from feedback.models import Feedback, FeedbackEvent

pytestmark = pytest.mark.django_db

CODE = re.compile(r"\b([CDFHJKMNPRTVWXY3479]{4}-[CDFHJKMNPRTVWXY3479]{4})\b")


def _look_up(client, code, language="nl", ip="198.51.100.9"):
    return client.post(f"/feedback/{language}/status/", {"code": code}, REMOTE_ADDR=ip)


def test_thanks_page_shows_a_short_code_once_and_it_opens_the_status(client, submit):
    response = submit("uk", follow=False)
    assert response.status_code == 302 and "code" not in response["Location"]
    html = client.get(response["Location"]).content.decode()
    code = CODE.search(html).group(1)
    assert "Ваш код" in html
    feedback = Feedback.objects.get()
    assert reference.display(feedback.reference) == code
    # Shown once: a reload does not show it again (it is never in a URL either).
    assert not CODE.search(client.get(response["Location"]).content.decode())
    # Typed in lower case with a space instead of the dash, it still works.
    page = _look_up(client, code.lower().replace("-", " "), "uk")
    assert page.status_code == 200
    assert "Отримано" in page.content.decode()


def test_codes_use_an_alphabet_without_look_alikes():
    codes = {reference.new_reference() for _ in range(500)}
    assert len(codes) == 500
    assert all(len(c) == 8 and not set(c) & set("01258OIZSBGLQAEU") for c in codes)
    assert reference.normalise("km4t-7wxr") == "KM4T7WXR"
    assert reference.normalise("KM4T-7WX0") is None  # 0 is not in the alphabet


@pytest.mark.parametrize(
    "language,expected",
    [
        ("nl", "Ontvangen"),
        ("en", "Received"),
        ("ar", "تم الاستلام"),
        ("uk", "Отримано"),
        ("ti", "በጺሑ"),
    ],
)
def test_received_state_in_each_language(client, new_feedback, language, expected):
    feedback = new_feedback(language=language)
    response = _look_up(client, reference.display(feedback.reference), language)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'data-state="received">{expected}<' in html
    assert f'<html lang="{language}"' in html


def test_read_state_after_a_coordinator_opened_it(client, new_feedback, coordinator):
    feedback = new_feedback()
    staff = Client()
    staff.force_login(coordinator)
    staff.get(f"/feedback/moderatie/{feedback.pk}/")
    staff.get(f"/feedback/moderatie/{feedback.pk}/")
    assert feedback.events.filter(action=FeedbackEvent.Action.READ).count() == 1
    html = _look_up(client, feedback.reference).content.decode()
    assert 'data-state="read">Gelezen door een coördinator<' in html


def test_archived_feedback_shows_as_read_and_reveals_no_reason(client, new_feedback, coordinator):
    feedback = new_feedback()
    services.archive(feedback, coordinator=coordinator, reason="Gaat over een eigen dossier.")
    html = _look_up(client, feedback.reference).content.decode()
    assert 'data-state="read"' in html and "eigen dossier" not in html


def test_signal_state_links_to_the_public_follow_up_only_when_published(
    client, new_feedback, coordinator, published_signal
):
    feedback = new_feedback(language="en")
    services.link_to_signal(feedback, coordinator=coordinator, signal_id=published_signal.pk)
    html = _look_up(client, feedback.reference, "en").content.decode()
    assert 'data-state="signal">Turned into a signal<' in html
    assert f'href="/signalen/opvolging/signaal/{published_signal.pk}/"' in html

    published_signal.is_published = False
    published_signal.save(update_fields=["is_published"])
    html = _look_up(client, feedback.reference, "en").content.decode()
    assert 'data-state="signal"' in html and 'id="signal-link"' not in html


def test_answered_state_shows_the_answer_with_its_language(client, new_feedback, coordinator):
    feedback = new_feedback(language="ar")
    answers.answer(feedback, coordinator=coordinator, text="De lessen beginnen nu eerder.")
    html = _look_up(client, feedback.reference, "ar").content.decode()
    assert 'data-state="answered">تم الرد<' in html
    assert '<blockquote class="feedback-answer" lang="nl" dir="ltr">' in html
    assert "De lessen beginnen nu eerder." in html


@pytest.mark.parametrize(
    "language,message",
    [
        ("nl", "Wij vinden geen feedback bij deze code."),
        ("ar", "لا نجد ملاحظات بهذا الرمز."),
        ("ti", "በዚ ኮድ ርእይቶ ኣይረኸብናን።"),
    ],
)
def test_wrong_malformed_or_expired_code_gets_one_friendly_message(
    client, new_feedback, language, message
):
    old = new_feedback()
    Feedback.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=400))
    for code in ["KM4T-7WXR", "niet-een-code", reference.display(old.reference), ""]:
        response = _look_up(client, code, language)
        html = response.content.decode()
        assert response.status_code == 404
        assert message in html
        assert "data-state" not in html and old.text not in html


def test_status_lookups_are_rate_limited_like_other_anonymous_forms(client, new_feedback, settings):
    settings.PLATFORM_RATE_LIMIT_ANONYMOUS_FORMS = "3/h"
    feedback = new_feedback()
    for _ in range(3):
        assert _look_up(client, "KM4T-7WXR").status_code == 404
    limited = _look_up(client, reference.display(feedback.reference))
    assert limited.status_code == 429
    assert "U heeft veel codes geprobeerd." in limited.content.decode()
    assert "data-state" not in limited.content.decode()
    # Another address is not affected.
    assert _look_up(client, feedback.reference, ip="198.51.100.10").status_code == 200


def test_unprefixed_status_page_opens_in_the_remembered_language(client, settings):
    assert client.get("/feedback/status/")["Location"] == "/feedback/nl/status/"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ti"
    assert client.get("/feedback/status/")["Location"] == "/feedback/ti/status/"
