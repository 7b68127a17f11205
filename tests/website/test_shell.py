import pytest
from django.test import Client

from website.demo import seed as seed_site

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded_site(db):
    seed_site()


def test_home_page_explains_the_platform_and_leads_to_every_module(client, seeded_site):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'lang="nl"' in html
    assert 'role="search"' in html and 'action="/zoeken/"' in html
    for href in [
        "/kennisbank/",
        "/signalen/nieuw/",
        "/communities/",
        "/zoeken/",
        "/signalen/opvolging/",
    ]:
        assert f'href="{href}"' in html or f'action="{href}"' in html, href
    assert 'aria-label="Hoofdmenu"' in html
    assert "Over dit platform" in html  # a menu page from the tree
    assert "Privacyverklaring" in html and "Toegankelijkheid" in html  # footer


def test_language_switch_changes_the_interface_to_english_and_back(client, seeded_site):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    html = response.content.decode()
    assert 'lang="en"' in html
    assert "Log in" in html and "Inloggen" not in html
    response = client.post("/i18n/setlang/", {"language": "nl", "next": "/"}, follow=True)
    assert 'lang="nl"' in response.content.decode()
    assert "Inloggen" in response.content.decode()


def test_unknown_page_gets_a_friendly_404_with_search(client, seeded_site):
    response = client.get("/deze-pagina-bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Deze pagina bestaat niet" in html
    assert 'role="search"' in html


def test_server_error_page_renders_without_database_or_context(rf):
    from website.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


def test_public_pages_carry_strict_security_headers(client, seeded_site):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_admin_may_frame_its_own_previews(client, seeded_site):
    response = client.get("/admin/login/")
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]


def test_health_endpoint_reports_database_and_cache(client):
    data = Client().get("/healthz/").json()
    assert data["status"] == "ok"
    assert data["checks"]["database"] == "ok"
    assert data["checks"]["cache"] == "ok"


def test_home_page_uses_a_constant_number_of_queries(
    client, seeded_site, django_assert_max_num_queries, settings
):
    from django.db import reset_queries

    from website.models import HomePage, StandardPage

    settings.PAGE_CACHE_ENABLED = False  # count the rendering, not the in-app page cache
    client.get("/")  # warm caches (site root, settings)
    reset_queries()  # seeding filled the 9000-entry query log: counts would read 0
    with django_assert_max_num_queries(12) as small:
        client.get("/")
    home = HomePage.objects.get()
    for i in range(15):
        page = StandardPage(title=f"Menu {i}", slug=f"menu-{i}", show_in_menus=True)
        home.add_child(instance=page)
    client.get("/")  # the new menu pages purged the cached menu: warm it again
    reset_queries()
    with django_assert_max_num_queries(max(len(small.captured_queries), 12)):
        response = client.get("/")
    assert "Menu 14" in response.content.decode()
