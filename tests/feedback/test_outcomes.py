"""'Wat we met jullie feedback doen': published per theme, B1 Dutch plus translations."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from feedback import outcomes
from feedback.models import FeedbackOutcome, FeedbackOutcomeTranslation
from taxonomy.models import Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def theme(db):
    return Theme.objects.get(slug="b1-route")


@pytest.fixture
def outcome(coordinator, theme):
    return outcomes.save_outcome(
        coordinator=coordinator,
        theme=theme,
        title="Meer lesplekken in de avond",
        body="Veel mensen werken overdag. Daarom zijn er nu ook lessen in de avond.",
        is_published=True,
        translations={"ar": ("دروس في المساء", "كثير من الناس يعملون في النهار.")},
    )


def test_page_in_a_translated_language_shows_the_translation(client, outcome):
    html = client.get("/feedback/ar/wat-we-doen/").content.decode()
    assert '<html lang="ar" dir="rtl"' in html
    assert '<div lang="ar" dir="rtl">' in html and "دروس في المساء" in html
    assert "هذا النص غير مترجم بعد" not in html
    assert '<p class="feedback-outcome__theme" lang="nl" dir="ltr">' in html


@pytest.mark.parametrize(
    "language,notice",
    [
        ("ti", "እዚ ጽሑፍ ገና ኣይተተርጎመን።"),
        ("uk", "Цей текст ще не перекладено."),
        ("en", "This text has not been translated yet."),
    ],
)
def test_missing_translation_falls_back_to_b1_dutch_with_a_notice(
    client, outcome, language, notice
):
    html = client.get(f"/feedback/{language}/wat-we-doen/").content.decode()
    assert notice in html
    assert '<div lang="nl" dir="ltr">' in html
    assert "Meer lesplekken in de avond" in html


def test_drafts_are_not_public_and_queries_do_not_grow(
    client, coordinator, theme, outcome, django_assert_num_queries
):
    outcomes.save_outcome(
        coordinator=coordinator, theme=theme, title="Concept", body="Nog niet klaar."
    )
    html = client.get("/feedback/nl/wat-we-doen/").content.decode()
    assert "Concept" not in html and "Meer lesplekken" in html
    for n in range(5):
        outcomes.save_outcome(
            coordinator=coordinator,
            theme=theme,
            title=f"Tekst {n}",
            body="Iets gedaan.",
            is_published=True,
            translations={"ar": ("عنوان", "نص")},
        )
    with django_assert_num_queries(2):
        items = outcomes.for_reader("ar")
    assert len(items) == 6


def test_every_text_goes_through_the_privacy_guard(coordinator, theme):
    with pytest.raises(ValidationError):
        outcomes.save_outcome(
            coordinator=coordinator,
            theme=theme,
            title="Goed",
            body="Goed.",
            translations={"uk": ("Заголовок", "Пишіть на x@example.org")},
        )
    assert not FeedbackOutcome.objects.exists()


def test_coordinator_edits_and_publishes_through_the_moderation_pages(coordinator, theme):
    client = Client()
    client.force_login(coordinator)
    data = {
        "theme": theme.pk,
        "title": "Brieven zijn nu korter",
        "body": "Wij schrijven brieven nu in eenvoudige taal.",
        "is_published": "on",
        "title_uk": "Листи тепер коротші",
        "body_uk": "Ми пишемо листи простою мовою.",
    }
    assert client.get("/feedback/moderatie/uitkomsten/nieuw/").status_code == 200
    response = client.post("/feedback/moderatie/uitkomsten/nieuw/", data)
    assert response.status_code == 302
    outcome = FeedbackOutcome.objects.get()
    assert FeedbackOutcomeTranslation.objects.get(outcome=outcome).language == "uk"
    bad = client.post(
        f"/feedback/moderatie/uitkomsten/{outcome.pk}/", {**data, "body": "Bel 0612345678."}
    )
    assert bad.status_code == 400 and "telefoonnummer" in bad.content.decode()
    assert "Листи тепер коротші" in Client().get("/feedback/uk/wat-we-doen/").content.decode()


def test_anonymous_visitors_cannot_edit(client):
    response = client.get("/feedback/moderatie/uitkomsten/nieuw/")
    assert response.status_code == 302 and "inloggen" in response["Location"]
