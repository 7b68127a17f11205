"""Restricted knowledge is invisible to anonymous visitors everywhere: page, lists, theme, related, feeds."""

import pytest
from django.test import Client

from accounts import roles
from knowledge.factories import publish_handreiking, publish_question
from knowledge.models import Audience, RelatedQuestion

pytestmark = pytest.mark.django_db

SECRET_Q = "Geheime werkinstructie voor professionals"
SECRET_H = "Interne handreiking inkoop"


@pytest.fixture
def content(kb, theme):
    public = publish_question("Openbare vraag over de B1-route", themes=[theme], tags=["b1"])
    restricted = publish_question(
        SECRET_Q, themes=[theme], tags=["b1"], audience=Audience.PROFESSIONALS
    )
    RelatedQuestion.objects.create(page=public, question=restricted, sort_order=0)
    handreiking = publish_handreiking(SECRET_H, themes=[theme], audience=Audience.PROFESSIONALS)
    return public, restricted, handreiking


def test_anonymous_is_sent_to_login_for_restricted_pages(client, content):
    _, restricted, handreiking = content
    for page in (restricted, handreiking):
        response = client.get(page.url)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/inloggen/?next=")


def test_inburgeraar_gets_404_professional_gets_page(client_for, content):
    _, restricted, _ = content
    inburgeraar, _ = client_for(roles.INBURGERAAR)
    assert inburgeraar.get(restricted.url).status_code == 404
    professional, _ = client_for(roles.PROFESSIONAL)
    response = professional.get(restricted.url)
    assert response.status_code == 200
    assert "Alleen voor ingelogde ketenprofessionals" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/kennisbank/",
        "/kennisbank/vragen/",
        "/kennisbank/handreikingen/",
        "/kennisbank/thema/b1-route/",
        "/kennisbank/vragen/openbare-vraag-over-de-b1-route/",
        "/kennisbank/feeds/rss/",
        "/kennisbank/feeds/atom/",
    ],
)
def test_restricted_titles_never_appear_for_anonymous(client, content, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert SECRET_Q not in html
    assert SECRET_H not in html


def test_professional_sees_restricted_in_lists_theme_and_related(client_for, content):
    client, _ = client_for(roles.PROFESSIONAL)
    theme_html = client.get("/kennisbank/thema/b1-route/").content.decode()
    assert SECRET_Q in theme_html and SECRET_H in theme_html
    related_html = client.get(
        "/kennisbank/vragen/openbare-vraag-over-de-b1-route/"
    ).content.decode()
    assert SECRET_Q in related_html
    # Feeds are public by design: even signed-in, restricted items stay out.
    assert SECRET_Q not in client.get("/kennisbank/feeds/rss/").content.decode()


def test_feed_lists_public_items_with_absolute_links(client, content):
    public, _, _ = content
    xml = Client().get("/kennisbank/feeds/atom/").content.decode()
    assert public.title in xml
    assert "http://testserver/kennisbank/vragen/openbare-vraag-over-de-b1-route/" in xml
