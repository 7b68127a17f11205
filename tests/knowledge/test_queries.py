"""A Q&A page and a theme page use a constant number of queries, whatever the size of the base."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import roles
from knowledge.factories import publish_handreiking, publish_question
from knowledge.models import RelatedQuestion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGE_CACHE_ENABLED = False  # count the work behind a cache miss


def _fill(n, theme, other_theme, start=0):
    pages = []
    for i in range(start, start + n):
        pages.append(
            publish_question(
                f"Vraag nummer {i}",
                themes=[theme, other_theme][: 1 + i % 2],
                tags=["b1", f"t{i % 3}"],
            )
        )
    publish_handreiking(f"Handreiking {start}", themes=[theme])
    return pages


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("role", [None, roles.PROFESSIONAL])
def test_question_and_theme_pages_do_not_grow_with_data(
    client, client_for, kb, theme, other_theme, role
):
    if role:
        client, _ = client_for(role)
    pages = _fill(5, theme, other_theme)
    target = pages[0]
    RelatedQuestion.objects.create(page=target, question=pages[1], sort_order=0)
    urls = [target.url, "/kennisbank/thema/b1-route/", "/kennisbank/", "/kennisbank/vragen/"]
    client.get(target.url)  # warm caches (site root paths)
    small = [_count(client, url) for url in urls]
    more = _fill(40, theme, other_theme, start=5)
    RelatedQuestion.objects.create(page=target, question=more[0], sort_order=1)
    large = [_count(client, url) for url in urls]
    assert large == small, dict(zip(urls, zip(small, large, strict=True), strict=True))


def test_question_page_query_budget(client, kb, theme, other_theme, django_assert_max_num_queries):
    pages = _fill(10, theme, other_theme)
    client.get(pages[0].url)
    with django_assert_max_num_queries(12):
        assert client.get(pages[0].url).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/kennisbank/thema/b1-route/").status_code == 200
