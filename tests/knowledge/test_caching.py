"""Knowledge pages under the page cache: query budgets per page type (uncached), and the
anonymous 'Was dit nuttig?' form on a page without a CSRF token."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import roles
from knowledge.factories import publish_handreiking, publish_question
from knowledge.models import PageFeedback, RelatedQuestion

pytestmark = pytest.mark.django_db

ANONYMOUS_BUDGET = 12
SIGNED_IN_BUDGET = 15


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def base(kb, theme, other_theme):
    pages = [
        publish_question(f"Vraag {i} over de leerroute", themes=[theme, other_theme], tags=["b1"])
        for i in range(6)
    ]
    RelatedQuestion.objects.create(page=pages[0], question=pages[1], sort_order=0)
    handreiking = publish_handreiking("Handreiking brede intake", themes=[theme])
    return pages[0], handreiking


def _queries(client, url):
    client.get(url)  # warm process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries), response


@pytest.mark.parametrize(
    "kind", ["question", "handreiking", "kennisbank", "question_index", "theme", "home"]
)
def test_uncached_anonymous_pages_stay_within_budget(client, base, settings, kind):
    settings.PAGE_CACHE_ENABLED = False  # measure the work behind a cache miss
    question, handreiking = base
    url = {
        "question": question.url,
        "handreiking": handreiking.url,
        "kennisbank": "/kennisbank/",
        "question_index": "/kennisbank/vragen/",
        "theme": "/kennisbank/thema/b1-route/",
        "home": "/",
    }[kind]
    count, response = _queries(client, url)
    assert count <= ANONYMOUS_BUDGET, (kind, count)
    assert response["Cache-Control"].startswith("public")


def test_uncached_question_page_budget_and_content(client, base, settings):
    settings.PAGE_CACHE_ENABLED = False
    question, _handreiking = base
    count, response = _queries(client, question.url)
    assert count <= 8, count  # was 21 before url_path routing, shared checks, cached site
    html = response.content.decode()
    assert "Vraag 0 over de leerroute" in html and "Vraag 1 over de leerroute" in html


def test_signed_in_professional_question_page_budget(client_for, base, settings):
    client, _user = client_for(roles.PROFESSIONAL)
    question, _handreiking = base
    count, response = _queries(client, question.url)
    assert count <= SIGNED_IN_BUDGET, count  # roles and permissions read from the database
    assert "private" in response["Cache-Control"]


def test_signed_in_question_page_with_a_shared_cache(shared_cache, client_for, base):
    client, _user = client_for(roles.PROFESSIONAL)
    question, _handreiking = base
    count, _response = _queries(client, question.url)
    assert count <= 11, count  # site, roles and permissions from the shared cache (was 15)


def test_cached_page_needs_no_query(client, base):
    question, _handreiking = base
    client.get(question.url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(question.url)
    assert response["X-Page-Cache"] == "hit"
    assert len(ctx.captured_queries) == 0


def test_restricted_page_is_not_routed_around_the_audience_check(client, kb):
    page = publish_question("Alleen voor professionals", audience="professionals")
    response = client.get(page.url)
    assert response.status_code == 302 and "/account/" in response["Location"]
    assert "public" not in response.get("Cache-Control", "")


# --- 'Was dit nuttig?' without a token ----------------------------------------------------


def test_anonymous_feedback_works_without_csrf_token(base):
    from django.test import Client

    question, _handreiking = base
    client = Client(enforce_csrf_checks=True)
    page = client.get(question.url)
    assert 'name="csrfmiddlewaretoken"' not in page.content.decode()
    response = client.post(
        f"/kennisbank/feedback/{question.pk}/",
        {"helpful": "ja"},
        HTTP_ORIGIN="http://testserver",
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 302
    assert PageFeedback.objects.filter(page=question, helpful=True).count() == 1
    thanks = client.get(response["Location"])
    assert "Bedankt voor uw reactie" in thanks.content.decode()
    assert "X-Page-Cache" not in thanks  # the thank-you message is not cached for others
    assert "Bedankt voor uw reactie" not in client.get(question.url).content.decode()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_SEC_FETCH_SITE": "cross-site", "HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_SEC_FETCH_SITE": "same-site"},
        {"HTTP_REFERER": "https://evil.example/page"},
    ],
)
def test_cross_site_feedback_is_refused(client, base, headers):
    question, _handreiking = base
    response = client.post(f"/kennisbank/feedback/{question.pk}/", {"helpful": "ja"}, **headers)
    assert response.status_code == 403
    assert "alleen vanaf deze website" in response.content.decode()
    assert not PageFeedback.objects.exists()


def test_language_switch_works_anonymously_and_refuses_cross_site(client, base, settings):
    ok = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/"}, HTTP_ORIGIN="http://testserver"
    )
    assert ok.status_code == 302
    assert ok.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    refused = client.post(
        "/i18n/setlang/", {"language": "en", "next": "/"}, HTTP_ORIGIN="https://evil.example"
    )
    assert refused.status_code == 403


def test_site_lookup_is_cached_and_a_site_change_purges_it(
    client, base, settings, django_capture_on_commit_callbacks
):
    from wagtail.models import Site

    settings.PAGE_CACHE_ENABLED = False
    question, _handreiking = base

    def site_queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(question.url).status_code == 200
        # Wagtail's lookup by host name (its list of site root paths has a cache of its own)
        return [q for q in ctx.captured_queries if "wagtailcore_site" in q["sql"]]

    site_queries()
    assert site_queries() == []
    site = Site.objects.get(is_default_site=True)
    with django_capture_on_commit_callbacks(execute=True):
        site.site_name = "Lerend stelsel"
        site.save()
    assert any("CASE WHEN" in q["sql"] for q in site_queries())  # looked up again after the purge
    assert site_queries() == []
