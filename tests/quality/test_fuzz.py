"""Random input at the forms and the JSON API: never a server error, never a half-saved row.

Hypothesis generates text (any unicode incl. NUL, right-to-left marks, surrogates are
excluded by HTTP itself, very long strings), numbers and nested structures. Each example
goes through the real view; when the response says "not accepted", the number of rows
must be unchanged. Examples are few per test (the whole module runs in well under 60 s).
"""

from __future__ import annotations

import json

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts import roles

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)

SPECIAL = st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "a\x00b",
        "\u202e\u200f\u200e",
        "\ufeff",
        "x" * 10_000,
        "é" * 3000,
        "𝕏" * 500,
        "<script>alert(1)</script>",
        "' OR 1=1 --",
        "%00%0d%0a",
        "\r\n\r\n",
        "{{7*7}}",
        "null",
        "-1",
        "9" * 40,
        "1e309",
        "NaN",
    ]
)
TEXT = st.one_of(SPECIAL, st.text(st.characters(exclude_categories=["Cs"]), max_size=300))
NUMBERISH = st.one_of(
    SPECIAL, st.integers(min_value=-(10**20), max_value=10**20).map(str), st.floats().map(str)
)
JSON_VALUE = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), TEXT),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


def _no_server_error(response):
    assert response.status_code < 500, response.content[:500]


@pytest.fixture
def taxonomy(db):
    from taxonomy.demo import seed

    seed()


@pytest.fixture
def professional_client(client_for, taxonomy):
    client, user = client_for(roles.PROFESSIONAL)
    return client


@FUZZ
@given(
    title=TEXT, description=TEXT, suggestion=TEXT, count=NUMBERISH, urgency=TEXT, phase=NUMBERISH
)
def test_signal_form_survives_random_input(
    professional_client, title, description, suggestion, count, urgency, phase
):
    from signals.models import Signal

    before = Signal.objects.count()
    response = professional_client.post(
        "/signalen/nieuw/",
        {
            "title": title,
            "description": description,
            "suggestion": suggestion,
            "affected_count": count,
            "urgency": urgency,
            "phase": phase,
            "themes": [phase, count],
            "confirm": "1",
        },
    )
    _no_server_error(response)
    if response.status_code != 302:
        assert Signal.objects.count() == before


@FUZZ
@given(body=JSON_VALUE)
def test_signal_api_survives_random_json(client_for, taxonomy, body):
    from rest_framework.authtoken.models import Token

    from signals.models import Signal

    _client, user = client_for(roles.PROFESSIONAL)
    token, _ = Token.objects.get_or_create(user=user)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    before = Signal.objects.count()
    response = api.post("/api/v1/signals/", json.dumps(body), content_type="application/json")
    _no_server_error(response)
    if response.status_code != 201:
        assert Signal.objects.count() == before


@FUZZ
@given(title=TEXT, description=TEXT, urgency=TEXT, count=JSON_VALUE, themes=JSON_VALUE)
def test_signal_api_survives_random_fields(
    client_for, taxonomy, title, description, urgency, count, themes
):
    from rest_framework.authtoken.models import Token

    from signals.models import Signal

    _client, user = client_for(roles.PROFESSIONAL)
    token, _ = Token.objects.get_or_create(user=user)
    api = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    before = Signal.objects.count()
    body = {
        "title": title,
        "description": description,
        "urgency": urgency,
        "affected_count": count,
        "themes": themes,
    }
    response = api.post("/api/v1/signals/", json.dumps(body), content_type="application/json")
    _no_server_error(response)
    if response.status_code != 201:
        assert Signal.objects.count() == before


@FUZZ
@given(
    kind=TEXT,
    topic=TEXT,
    text=TEXT,
    contact=TEXT,
    address=TEXT,
    language=st.sampled_from(["nl", "ar", "en", "xx", "../", "%00"]),
)
def test_feedback_form_survives_random_input(kind, topic, text, contact, address, language):
    from feedback.models import Feedback

    cache.clear()
    before = Feedback.objects.count()
    response = Client().post(
        f"/feedback/{language}/",
        {
            "kind": kind,
            "topic": topic,
            "text": text,
            "contact": contact,
            "contact_address": address,
        },
    )
    _no_server_error(response)
    if response.status_code != 302:
        assert Feedback.objects.count() == before


@FUZZ
@given(first=TEXT, last=TEXT, email=TEXT, organisation=NUMBERISH, password=TEXT)
def test_registration_survives_random_input(taxonomy, first, last, email, organisation, password):
    from accounts.models import User

    before = User.objects.count()
    response = Client().post(
        "/account/registreren/",
        {
            "first_name": first,
            "last_name": last,
            "email": email,
            "organisation": organisation,
            "job_title": first,
            "password1": password,
            "password2": password,
            "accept_terms": "on",
        },
    )
    _no_server_error(response)
    form = (response.context or {}).get("form")
    if form is not None and form.errors:
        assert User.objects.count() == before


@FUZZ
@given(q=TEXT, page=NUMBERISH, sort=TEXT, facet=TEXT)
def test_search_survives_random_queries(q, page, sort, facet):
    anonymous = Client()
    for path in ("/zoeken/", "/api/v1/search/", "/api/v1/search/autocomplete/"):
        response = anonymous.get(path, {"q": q, "page": page, "sort": sort, "type": facet})
        _no_server_error(response)


@FUZZ
@given(q=TEXT, level=TEXT, status=TEXT, theme=NUMBERISH, sort=TEXT, page=NUMBERISH)
def test_signal_lists_survive_random_filters(
    client_for, taxonomy, q, level, status, theme, sort, page
):
    coordinator, _user = client_for(roles.COORDINATOR_SCHAKEL)
    params = {"q": q, "level": level, "status": status, "theme": theme, "sort": sort, "page": page}
    for path in ("/signalen/", "/werkbank/", "/api/v1/signals/", "/dossiers/"):
        _no_server_error(coordinator.get(path, params))


@FUZZ
@given(question=TEXT, explanation=TEXT, comment=TEXT, helpful=TEXT)
def test_knowledge_forms_survive_random_input(
    client_for, home_page, question, explanation, comment, helpful
):
    from knowledge.factories import publish_question
    from knowledge.models import PageFeedback, QuestionRequest

    cache.clear()
    from knowledge.models import QuestionPage

    page = QuestionPage.objects.first() or publish_question("Fuzz-vraag")
    asker, _user = client_for(roles.PROFESSIONAL)
    before = (QuestionRequest.objects.count(), PageFeedback.objects.count())
    r1 = asker.post(
        "/kennisbank/vraag-stellen/", {"question": question, "explanation": explanation}
    )
    r2 = Client().post(f"/kennisbank/feedback/{page.pk}/", {"helpful": helpful, "comment": comment})
    _no_server_error(r1)
    _no_server_error(r2)
    if r1.status_code != 302:
        assert QuestionRequest.objects.count() == before[0]
    if r2.status_code != 302:
        assert PageFeedback.objects.count() == before[1]
