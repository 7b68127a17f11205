"""The signal form offers the active themes, phases, organisations and regions from the cached
lists: the same options as from the database, no query to render them, a change at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import roles
from signals.forms import SignalForm
from taxonomy.models import Organisation, Phase, Region, Theme

pytestmark = pytest.mark.django_db

FIELDS = ("themes", "phase", "organisation", "region")
TABLES = ("taxonomy_theme", "taxonomy_phase", "taxonomy_region", "taxonomy_organisation")


def _from_database(form):
    for name in FIELDS:
        field = form.fields[name]
        field.widget.choices = field.choices  # Django's own iterator: one query per field
    return form


@pytest.mark.parametrize(
    "data", [None, {"title": "x", "themes": ["1", "2"], "phase": "1", "organisation": "1"}]
)
def test_the_options_equal_those_from_the_database(data):
    Theme.objects.filter(pk=Theme.objects.order_by("pk").first().pk).update(is_active=False)
    cached, reference = SignalForm(data), _from_database(SignalForm(data))
    for name in FIELDS:
        assert str(cached[name]) == str(reference[name])


def test_the_form_renders_without_taxonomy_queries_and_shows_a_change_at_once(client_for):
    client = client_for(roles.PROFESSIONAL)[0]
    client.get("/signalen/nieuw/")
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/signalen/nieuw/").content.decode()
    assert not [q for q in queries.captured_queries if any(t in q["sql"] for t in TABLES)]
    theme = Theme.objects.active().first()
    assert f">{theme.name}</label>" in html or f"> {theme.name}</label>" in html
    theme.is_active = False
    theme.save()
    Phase.objects.create(name="Nieuwe fase", number=99)
    html = client.get("/signalen/nieuw/").content.decode()
    assert f" {theme.name}</label>" not in html and "Nieuwe fase" in html


def test_a_term_deactivated_in_another_process_is_refused_not_a_500(client_for):
    client, user = client_for(roles.PROFESSIONAL)
    client.get("/signalen/nieuw/")  # the lists are cached now
    region = Region.objects.active().first()
    Region.objects.filter(pk=region.pk).update(is_active=False)  # no signal: list is stale
    organisation = Organisation.objects.active().first()
    response = client.post(
        "/signalen/nieuw/",
        {
            "title": "Overdracht",
            "description": "Gaat mis.",
            "urgency": "normaal",
            "region": region.pk,
            "organisation": organisation.pk,
        },
    )
    assert response.status_code == 200
    assert "region" in response.context["form"].errors
