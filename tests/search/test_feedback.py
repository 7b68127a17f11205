"""'Heeft u gevonden wat u zocht?': anonymous, guarded, without JavaScript, in the report."""

import pytest
from django.urls import reverse

from search.models import SearchFeedback, SearchQuery
from search.reports import report

pytestmark = pytest.mark.django_db


def test_search_page_offers_the_question_as_a_plain_form(client):
    response = client.get(reverse("search:search"), {"q": "brede intake"})
    html = response.content.decode()
    assert "Heeft u gevonden wat u zocht?" in html
    assert f'action="{reverse("search:feedback")}"' in html
    assert 'name="found"' in html and 'value="brede intake"' in html


def test_answer_is_stored_without_identity_and_redirects_back(client, make_user):
    user = make_user()
    client.force_login(user)
    response = client.post(
        reverse("search:feedback"),
        {"q": "Klaar met inburgeren?", "found": "nee", "comment": "Ik zocht de afronding."},
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("search:search") + "?q=Klaar")
    answer = SearchFeedback.objects.get()
    assert (answer.query, answer.found, answer.comment) == (
        "klaar met inburgeren",
        False,
        "Ik zocht de afronding.",
    )
    field_names = {f.name for f in SearchFeedback._meta.get_fields()}
    assert not field_names & {"user", "ip", "session", "author"}
    follow = client.get(response["Location"])
    assert "Bedankt voor uw reactie" in follow.content.decode()


def test_personal_data_in_the_comment_is_refused_and_nothing_stored(client):
    response = client.post(
        reverse("search:feedback"),
        {"q": "pip", "found": "nee", "comment": "Mail jan.jansen@example.nl of 0612345678"},
    )
    assert response.status_code == 400
    assert not SearchFeedback.objects.exists()
    html = response.content.decode()
    assert "Mail jan.jansen@example.nl" in html  # the text is kept for correction


def test_missing_choice_gets_a_friendly_error(client):
    response = client.post(reverse("search:feedback"), {"q": "pip"})
    assert response.status_code == 400
    assert "Kies ja of nee." in response.content.decode()


def test_rate_limited_after_many_answers(client, settings):
    settings.PLATFORM_RATE_LIMIT_ANONYMOUS_FORMS = "2/h"
    from django.core.cache import cache

    cache.clear()
    for _ in range(2):
        assert client.post(reverse("search:feedback"), {"q": "a", "found": "ja"}).status_code == 302
    response = client.post(reverse("search:feedback"), {"q": "a", "found": "ja"})
    assert response.status_code == 429
    assert SearchFeedback.objects.count() == 2


def test_report_shows_answers_next_to_zero_result_and_no_click_queries(
    client, make_user, django_assert_max_num_queries
):
    SearchQuery.objects.create(query="klaar met inburgeren", result_count=4)
    SearchQuery.objects.create(query="onbekend woord", result_count=0)
    SearchFeedback.objects.create(query="klaar met inburgeren", found=False, comment="te vaag")
    SearchFeedback.objects.create(query="klaar met inburgeren", found=True)
    SearchFeedback.objects.create(query="onbekend woord", found=False)
    with django_assert_max_num_queries(10):
        data = report()
    no_click = {row["query"]: row for row in data["no_click"]}
    assert no_click["klaar met inburgeren"]["found_yes"] == 1
    assert no_click["klaar met inburgeren"]["found_no"] == 1
    zero = {row["query"]: row for row in data["zero"]}
    assert zero["onbekend woord"]["found_no"] == 1
    feedback = {row["query"]: row for row in data["feedback"]}
    assert feedback["klaar met inburgeren"]["comments"] == ["te vaag"]

    editor = make_user(is_superuser=True, is_staff=True)
    client.force_login(editor)
    html = client.get(reverse("search_report")).content.decode()
    assert "Heeft u gevonden wat u zocht?" in html
    assert "te vaag" in html
    assert "zonder klik" in html
