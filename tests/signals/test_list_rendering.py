"""The signal lists render the same HTML with less work per request: the filter form's
vocabularies from the cache (a changed term shows at once), row labels and links without
per-row display calls or URL reversing."""

import re

import pytest
from django.db import connection
from django.template.loader import get_template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from accounts import roles
from signals.forms import FilterForm
from signals.models import Signal
from taxonomy.models import Organisation, Phase, Region, Theme

pytestmark = pytest.mark.django_db

VOCABULARY_TABLES = ("taxonomy_theme", "taxonomy_phase", "taxonomy_region", "taxonomy_organisation")


def _vocabulary_queries(captured) -> list[str]:
    return [q["sql"] for q in captured if any(t in q["sql"] for t in VOCABULARY_TABLES)]


def _options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r"<option[^>]*>([^<]*)</option>", select)


def test_the_filter_form_lists_every_term_and_reads_the_vocabularies_once(client_for):
    client = client_for(roles.PROFESSIONAL)[0]
    first = client.get("/signalen/")
    assert first.status_code == 200
    assert set(_options(first.content.decode(), "theme")[1:]) == {
        t.name for t in Theme.objects.all()
    }
    with CaptureQueriesContext(connection) as second:
        html = client.get("/signalen/").content.decode()
    assert _vocabulary_queries(second.captured_queries) == []
    assert _options(html, "theme") == _options(first.content.decode(), "theme")
    assert _options(html, "phase")[1:] == [p.name for p in Phase.objects.order_by("number")]


def test_a_new_renamed_or_deleted_term_shows_in_the_filter_at_once(client_for):
    client = client_for(roles.PROFESSIONAL)[0]
    client.get("/signalen/")  # the lists are cached now
    Theme.objects.create(name="Aaa nieuw thema")
    region = Region.objects.first()
    region.name = "Regio met een nieuwe naam"
    region.save()
    gone = Organisation.objects.create(name="Tijdelijke organisatie", abbreviation="TO")
    assert "Tijdelijke organisatie (TO)" in _options(
        client.get("/signalen/").content.decode(), "organisation"
    )
    gone.delete()
    html = client.get("/signalen/").content.decode()
    assert "Aaa nieuw thema" in _options(html, "theme")
    assert "Regio met een nieuwe naam" in _options(html, "region")
    assert "Tijdelijke organisatie (TO)" not in _options(html, "organisation")


def test_a_stale_or_unknown_choice_is_a_form_error_not_a_500(client_for):
    client = client_for(roles.PROFESSIONAL)[0]
    response = client.get("/signalen/", {"theme": "999999", "region": "x"})
    assert response.status_code == 200
    form = FilterForm({"theme": "999999"})
    assert not form.is_valid() and "theme" in form.errors
    theme = Theme.objects.first()
    selected = FilterForm({"theme": str(theme.pk)})
    assert f'<option value="{theme.pk}" selected>{theme.name}</option>' in str(selected["theme"])


@pytest.mark.parametrize("language", ["nl", "en"])
def test_row_labels_and_links_equal_the_model_methods(language, submit, coordinators):
    signal = submit(themes=list(Theme.objects.all()[:2]))
    rows = list(Signal.objects.filter(pk=signal.pk))
    with translation.override(language):
        for workbench in (False, True):
            html = get_template("signals/includes/signal_table.html").render(
                {"signals": rows, "caption": "x", "link_workbench": workbench}
            )
            expected_url = signal.get_workbench_url() if workbench else signal.get_absolute_url()
            assert f'href="{expected_url}"' in html
            assert f">{signal.get_status_display()}</span>" in html
            assert f">{signal.get_level_display()}</td>" in html
    assert signal.get_absolute_url() == reverse("signals:detail", args=[signal.pk])
