"""'Was dit nuttig?': anonymous, sanitised, guarded, rate-limited; counts and export for editors."""

import pytest
from django.core.cache import cache

from accounts import roles
from knowledge import services
from knowledge.factories import publish_question
from knowledge.models import PageFeedback

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def question(kb):
    return publish_question("Wat is de B1-route?")


def _post(client, page, **data):
    return client.post(f"/kennisbank/feedback/{page.pk}/", data, REMOTE_ADDR="10.1.2.3")


def test_valid_feedback_is_stored_without_identity_and_thanks(client_for, question):
    client, user = client_for(roles.PROFESSIONAL)
    response = _post(client, question, helpful="ja", comment="<b>Heel</b> duidelijk")
    assert response.status_code == 302
    assert response["Location"] == question.url + "#feedback"
    feedback = PageFeedback.objects.get()
    assert feedback.helpful is True
    assert feedback.comment == "Heel duidelijk"  # markup stripped
    stored = {f.name for f in PageFeedback._meta.get_fields()}
    assert stored == {"id", "page", "helpful", "comment", "created_at"}  # no user, no IP
    page_html = client.get(response["Location"]).content.decode()
    assert "Bedankt voor uw reactie" in page_html


def test_feedback_works_without_comment_and_counts_show_to_editors(client, client_for, question):
    _post(client, question, helpful="nee")
    _post(client, question, helpful="ja")
    _post(client, question, helpful="ja")
    editor, _ = client_for(roles.REDACTEUR)
    html = editor.get(question.url).content.decode()
    assert "2 keer nuttig, 1 keer niet nuttig" in html
    assert "keer nuttig" not in client.get(question.url).content.decode()


def test_personal_data_is_refused_and_text_kept(client, question):
    response = _post(client, question, helpful="nee", comment="Bel mij op 06-12345678")
    assert response.status_code == 400
    html = response.content.decode()
    assert "telefoonnummer" in html
    assert "Bel mij op 06-12345678" in html  # what was typed is kept
    assert not PageFeedback.objects.exists()


def test_missing_choice_and_too_long_comment_are_explained(client, question):
    response = _post(client, question, comment="x")
    assert response.status_code == 400
    assert "Kies ja of nee" in response.content.decode()
    response = _post(client, question, helpful="ja", comment="a" * 1001)
    assert response.status_code == 400
    assert "Maximaal 1000 tekens" in response.content.decode()
    assert not PageFeedback.objects.exists()


def test_rate_limit_per_client(client, question):
    limit = services.FEEDBACK_RATE[0]
    for _ in range(limit):
        assert _post(client, question, helpful="ja").status_code == 302
    response = _post(client, question, helpful="ja")
    assert response.status_code == 429
    assert "Probeer het over een uur opnieuw" in response.content.decode()
    assert PageFeedback.objects.count() == limit
    # Another client is not affected.
    other = client.post(
        f"/kennisbank/feedback/{question.pk}/", {"helpful": "ja"}, REMOTE_ADDR="10.9.9.9"
    )
    assert other.status_code == 302


def test_feedback_on_unknown_or_restricted_page_is_404(client, kb):
    from knowledge.models import Audience

    restricted = publish_question("Intern", audience=Audience.PROFESSIONALS)
    assert _post(client, restricted, helpful="ja").status_code == 404
    assert client.post("/kennisbank/feedback/999999/", {"helpful": "ja"}).status_code == 404
    assert client.get(f"/kennisbank/feedback/{restricted.pk}/").status_code == 405


def test_editors_see_report_and_export_csv_professionals_do_not(client, client_for, question):
    _post(client, question, helpful="ja", comment="Helder")
    _post(client, question, helpful="nee")
    editor, _ = client_for(roles.REDACTEUR)
    report = editor.get("/admin/kennisbank/feedback/")
    assert report.status_code == 200
    assert question.title in report.content.decode()
    export = editor.get("/admin/kennisbank/feedback/?export=csv")
    assert export.status_code == 200
    rows = _csv(export).splitlines()
    assert rows[0].startswith("Pagina,Nuttig,Niet nuttig")
    assert rows[1].startswith(f"{question.title},1,1")
    comments = _csv(editor.get("/admin/kennisbank/feedback/reacties/?export=csv"))
    assert "Helder" in comments
    professional, _ = client_for(roles.PROFESSIONAL)
    assert professional.get("/admin/kennisbank/feedback/").status_code in (302, 403)


def _csv(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")
