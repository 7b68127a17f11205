"""plain_text never turns entity-encoded markup into real markup; exports cannot run
formulas typed by visitors."""

import pytest

from core.exports import neutralise_formula
from core.sanitize import plain_text


@pytest.mark.parametrize(
    "typed",
    [
        "&lt;img src=x onerror=alert(1)&gt;",
        "&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;",
        "&#60;svg onload=alert(1)&#62;",
        "&lt;a href=javascript:alert(1)&gt;klik&lt;/a&gt;",
    ],
)
def test_entity_encoded_markup_does_not_become_markup(typed):
    assert "<" not in plain_text(typed).replace("< ", "")
    assert "onerror" not in plain_text(typed) or "<" not in plain_text(typed)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("a < b en c > d", "a < b en c > d"), ("Tom & Jerry", "Tom & Jerry"), ("<b>vet</b>", "vet")],
)
def test_ordinary_text_is_kept(typed, stored):
    assert plain_text(typed) == stored


@pytest.mark.parametrize(
    "cell", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "＝1"]
)
def test_formulas_are_neutralised(cell):
    assert neutralise_formula(cell).startswith("'")


def test_other_cells_are_untouched():
    assert neutralise_formula("Nuttige pagina") == "Nuttige pagina"
    assert neutralise_formula(12) == 12


@pytest.mark.django_db
def test_wagtail_feedback_export_has_no_formulas(client, make_user, home_page):
    from accounts import roles
    from knowledge.factories import publish_question
    from knowledge.models import PageFeedback

    page = publish_question("Wat is de leerbaarheidstoets?")
    PageFeedback.objects.create(page=page, helpful=False, comment='=HYPERLINK("http://x","klik")')
    client.force_login(make_user(role=roles.REDACTEUR))
    from django.urls import reverse

    url = reverse("knowledge_admin:feedback_comments") + "?export=csv"
    response = client.get(url)
    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert "'=HYPERLINK" in body
    assert ",=HYPERLINK" not in body and '"=HYPERLINK' not in body
