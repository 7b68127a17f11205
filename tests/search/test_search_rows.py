"""The search page's facet values and result items come from template tags: the same HTML as
the template loops they replaced, for every kind of value and hit, in both languages."""

import datetime

import pytest
from django.template import engines
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from search.query import FacetValue, Hit

# The loops of search/templates/search/search.html before the tags, kept as the reference.
REFERENCE_FACETS = """{% load i18n %}{% for value in group.values %}
                    <li><label class="utrecht-form-label utrecht-form-label--checkbox"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" name="{{ group.param }}" value="{{ value.value }}"{% if value.selected %} checked{% endif %}> {{ value.label }} <span class="search-facets__count">({{ value.count }})</span></label></li>
                {% endfor %}"""
REFERENCE_RESULTS = """{% load i18n %}{% for item in results %}{% with hit=item.hit %}
                <li class="search-result{% if hit.promoted %} search-result--promoted{% endif %}">
                    <p class="search-result__meta"><span class="search-result__type">{{ hit.kind_label }}</span>{% if hit.promoted %} · <strong>{% translate "Aanbevolen door de redactie" %}</strong>{% endif %}{% if hit.date %} · <time datetime="{{ hit.date|date:'c' }}">{{ hit.date|date:"j F Y" }}</time>{% endif %}{% if hit.level %} · {{ hit.level }}{% endif %}{% if hit.status %} · {{ hit.status }}{% endif %}</p>
                    <h3 class="utrecht-heading-3 search-result__title"><a class="utrecht-link" href="{% url 'search:click' %}?t={{ item.token|urlencode }}">{{ hit.title }}</a></h3>
                    {% if hit.snippet %}<p class="utrecht-paragraph search-result__snippet">{{ hit.snippet }}</p>{% endif %}
                </li>
                {% endwith %}{% endfor %}"""
NEW_FACETS = "{% load search_rows %}{% search_facet_values group %}"
NEW_RESULTS = "{% load search_rows %}{% search_result_items results %}"

WHEN = timezone.make_aware(datetime.datetime(2026, 3, 31, 23, 30), datetime.UTC)


def _group(values):
    return {"facet": "theme", "param": "thema", "label": "Thema", "values": values}


FACET_VALUES = [
    FacetValue("pip", "PIP & <plan>", 1234, True),
    FacetValue('a"b', "Leerroute", 3),
    FacetValue("x", translation.gettext_lazy("Signaal"), 0),
]
HITS = [
    Hit(
        1,
        "qa",
        "Wat is de <b>B1-route</b> & meer?",
        "/a/",
        WHEN,
        1.5,
        mark_safe("De <mark>B1</mark>-route &amp; zo"),
        "schakel",
        "open",
        True,
    ),
    Hit(2, "signal", "Zonder datum", "/b/", None, 0.5),
    Hit(
        3,
        "handreiking",
        "Datum zonder tijd",
        "/c/",
        datetime.date(2025, 1, 2),
        0.1,
        "platte <tekst>",
        "",
        "afgerond",
    ),
]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_facet_values_equal_the_template_loop(language):
    engine = engines["django"]
    with translation.override(language):
        for values in (FACET_VALUES, FACET_VALUES[1:2], []):
            context = {"group": _group(values)}
            expected = engine.from_string(REFERENCE_FACETS).render(context)
            assert engine.from_string(NEW_FACETS).render(context) == expected


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_result_items_equal_the_template_loop(language):
    engine = engines["django"]
    with translation.override(language):
        for hits in (HITS, HITS[1:], []):
            tokens = ["abc:def/g+h=", "kort", "x y&z"]
            context = {
                "results": [{"hit": h, "token": t} for h, t in zip(hits, tokens, strict=False)]
            }
            expected = engine.from_string(REFERENCE_RESULTS).render(context)
            assert engine.from_string(NEW_RESULTS).render(context) == expected
    html = engine.from_string(NEW_RESULTS).render({"results": [{"hit": HITS[0], "token": "t"}]})
    assert "&lt;b&gt;B1-route&lt;/b&gt; &amp; meer?" in html and "<mark>B1</mark>" in html
