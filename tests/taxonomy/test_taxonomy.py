import pytest

from accounts import roles
from taxonomy.models import Organisation, Phase, Theme
from taxonomy.reference import KETENPARTNERS, THEMES

pytestmark = pytest.mark.django_db


def test_reference_vocabularies_are_loaded_by_migration():
    assert list(Phase.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert Phase.objects.first().name == "Vaststellen inburgeringsplicht"
    assert Theme.objects.count() == len(THEMES) == 27
    partners = Organisation.objects.filter(type=Organisation.Type.KETENPARTNER)
    assert partners.count() == len(KETENPARTNERS)
    assert partners.get(abbreviation="DUO").region.slug == "landelijk"


def test_editor_adds_and_edits_a_theme_in_the_admin(client, make_user):
    client.force_login(make_user(role=roles.REDACTEUR))
    response = client.post(
        "/admin/snippets/taxonomy/theme/add/",
        {
            "name": "Gezondheid en welzijn",
            "slug": "gezondheid-en-welzijn",
            "description": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    theme = Theme.objects.get(slug="gezondheid-en-welzijn")
    listing = client.get("/admin/snippets/taxonomy/theme/")
    assert "Gezondheid en welzijn" in listing.content.decode()
    client.post(
        f"/admin/snippets/taxonomy/theme/edit/{theme.pk}/",
        {
            "name": "Gezondheid",
            "slug": "gezondheid-en-welzijn",
            "description": "Zorg en welzijn",
            "is_active": "",
        },
    )
    theme.refresh_from_db()
    assert theme.name == "Gezondheid" and theme.is_active is False
    assert theme not in Theme.objects.active()


def test_editor_adds_an_organisation_with_type_and_region(client, make_user):
    client.force_login(make_user(role=roles.REDACTEUR))
    region = Organisation.objects.get(abbreviation="DUO").region
    response = client.post(
        "/admin/snippets/taxonomy/organisation/add/",
        {
            "name": "Gemeente Zwolle",
            "abbreviation": "",
            "slug": "gemeente-zwolle",
            "type": "gemeente",
            "region": region.pk,
            "website": "",
            "description": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert Organisation.objects.get(slug="gemeente-zwolle").type == "gemeente"


def test_professionals_cannot_edit_taxonomies(client, make_user):
    client.force_login(make_user(role=roles.PROFESSIONAL))
    response = client.post(
        "/admin/snippets/taxonomy/theme/add/", {"name": "Sluiproute", "slug": "sluiproute"}
    )
    assert response.status_code in (302, 403)
    assert not Theme.objects.filter(slug="sluiproute").exists()


def test_coordinators_can_view_but_not_change_taxonomies(client, make_user):
    client.force_login(make_user(role=roles.COORDINATOR_STELSEL))
    assert client.get("/admin/snippets/taxonomy/theme/").status_code == 200
    response = client.post("/admin/snippets/taxonomy/theme/add/", {"name": "Nee", "slug": "nee"})
    assert response.status_code in (302, 403)
    assert not Theme.objects.filter(slug="nee").exists()
