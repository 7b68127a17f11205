"""'Stel een vraag': ask -> editors' queue -> draft answer -> publish -> asker notified, links to answer."""

import pytest
from django.core import mail

from accounts import roles
from knowledge.models import QuestionRequest
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_full_loop(client_for, kb, theme, django_capture_on_commit_callbacks):
    asker_client, asker = client_for(roles.PROFESSIONAL)
    response = asker_client.post(
        "/kennisbank/vraag-stellen/",
        {
            "question": "Telt <i>vrijwilligerswerk</i> mee voor de MAP?",
            "explanation": "Collega's zeggen verschillende dingen.",
            "themes": [theme.pk],
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/kennisbank/mijn-vragen/"
    html = response.content.decode()
    assert "uw vraag staat bij de redactie" in html
    assert "Telt vrijwilligerswerk mee voor de MAP?" in html  # markup stripped
    assert "Nieuw" in html
    request = QuestionRequest.objects.get()
    assert request.asker == asker and list(request.themes.all()) == [theme]

    # The editors' queue lists it.
    editor_client, editor = client_for(roles.REDACTEUR)
    queue = editor_client.get("/admin/snippets/knowledge/questionrequest/")
    assert queue.status_code == 200
    assert "Telt vrijwilligerswerk mee voor de MAP?" in queue.content.decode()
    assert "Maak conceptantwoord" in queue.content.decode()

    # An editor makes a draft answer from the queue and publishes it.
    response = editor_client.post(f"/admin/kennisbank/vragen/{request.pk}/concept/")
    assert response.status_code == 302
    request.refresh_from_db()
    page = request.answer
    assert page is not None and not page.live
    assert request.status == QuestionRequest.Status.IN_PROGRESS
    page.short_answer = "Ja, als het in het PIP als onderdeel van de MAP is opgenomen."
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=editor).publish(user=editor)

    request.refresh_from_db()
    assert request.status == QuestionRequest.Status.ANSWERED
    assert request.notified_at is not None
    note = Notification.objects.get(recipient=asker)
    assert "Uw vraag is beantwoord" in note.title
    assert note.url == page.url
    assert [m.to for m in mail.outbox] == [[asker.email]]
    assert "Uw vraag is beantwoord" in mail.outbox[0].subject

    # The asker's overview links to the answer; republishing does not notify again.
    html = asker_client.get("/kennisbank/mijn-vragen/").content.decode()
    assert "Beantwoord" in html and f'href="{page.url}"' in html
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision(user=editor).publish(user=editor)
    assert Notification.objects.filter(recipient=asker).count() == 1
    assert len(mail.outbox) == 1


def test_linking_an_existing_live_answer_in_the_queue_notifies(client_for, kb):
    from knowledge.factories import QuestionRequestFactory, publish_question
    from knowledge.services import link_answer

    answer = publish_question("Bestaande vraag")
    request = QuestionRequestFactory()
    request.answer = answer
    request.save()
    assert link_answer(request) == 1
    request.refresh_from_db()
    assert request.status == QuestionRequest.Status.ANSWERED


def test_personal_data_and_empty_question_are_refused(client_for, kb):
    client, _ = client_for(roles.PROFESSIONAL)
    response = client.post(
        "/kennisbank/vraag-stellen/",
        {"question": "Mevrouw met BSN 111222333 heeft geen PIP", "explanation": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "burgerservicenummer" in html
    assert "Mevrouw met BSN 111222333 heeft geen PIP" in html
    response = client.post("/kennisbank/vraag-stellen/", {"question": "<b></b>"})
    assert "Vul uw vraag in" in response.content.decode()
    response = client.post("/kennisbank/vraag-stellen/", {"question": "x" * 301})
    assert "Maximaal 300 tekens" in response.content.decode()
    assert not QuestionRequest.objects.exists()


def test_only_signed_in_professionals_may_ask(client, client_for, kb):
    assert client.get("/kennisbank/vraag-stellen/")["Location"].startswith("/account/inloggen/")
    inburgeraar, _ = client_for(roles.INBURGERAAR)
    assert inburgeraar.get("/kennisbank/vraag-stellen/").status_code == 403


def test_my_questions_shows_only_own(client_for, kb):
    from knowledge.factories import QuestionRequestFactory

    mine_client, me = client_for(roles.PROFESSIONAL)
    QuestionRequestFactory(asker=me, question="Mijn eigen vraag")
    QuestionRequestFactory(question="Vraag van een ander")
    html = mine_client.get("/kennisbank/mijn-vragen/").content.decode()
    assert "Mijn eigen vraag" in html and "Vraag van een ander" not in html
