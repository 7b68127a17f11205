"""The signal table's rows come from a template tag (``signal_table_rows``): the same HTML as
the template loop it replaced, for every kind of row, option and language."""

import datetime

import pytest
from django.template import engines
from django.utils import timezone, translation

from accounts import roles
from accounts.factories import UserFactory
from signals.factories import DossierFactory, SignalFactory
from signals.models import Signal
from signals.workflow import Status
from taxonomy.models import Organisation, Region, Theme

pytestmark = pytest.mark.django_db

# The loop of signals/includes/signal_table.html before the tag, kept as the reference.
REFERENCE_LOOP = """{% load i18n signal_rows %}    {% for signal in signals %}
        <tr class="utrecht-table__row{% if signal.is_overdue %} signal-table__row--overdue{% endif %}">
            {% if selectable %}<td class="utrecht-table__cell"><input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" name="signals" value="{{ signal.pk }}" id="select-{{ signal.pk }}" form="bulk-form"><label class="visually-hidden" for="select-{{ signal.pk }}">{% blocktranslate with ref=signal.reference %}Selecteer {{ ref }}{% endblocktranslate %}</label></td>{% endif %}
            <td class="utrecht-table__cell"><a class="utrecht-link" href="{% if link_workbench %}{{ signal|workbench_url }}{% else %}{{ signal|detail_url }}{% endif %}">{{ signal.title }}</a><br><span class="meta">{{ signal.reference }} · {{ signal.created_at|date:"j M Y" }}{% if signal.dossier %} · {% translate "dossier" %}: {{ signal.dossier.title }}{% endif %}</span></td>
            <td class="utrecht-table__cell"><span class="status-badge status-badge--{{ signal.status }}">{{ signal|choice_label:"status" }}</span>{% if signal.is_overdue %} <span class="status-badge status-badge--overdue">{% translate "Over de deadline" %}</span>{% endif %}
</td>
            <td class="utrecht-table__cell">{{ signal|choice_label:"level" }}</td>
            <td class="utrecht-table__cell">{% for theme in signal.themes.all %}{{ theme.name }}{% if not forloop.last %}, {% endif %}{% empty %}—{% endfor %}</td>
            <td class="utrecht-table__cell">{{ signal.organisation.name|default:"—" }}{% if signal.region %}<br><span class="meta">{{ signal.region.name }}</span>{% endif %}</td>
            {% if show_submitter %}<td class="utrecht-table__cell">{% if signal.submitted_by %}{{ signal.submitted_by.display_name }}{% else %}{{ signal.source_label|default:signal.get_source_display }}{% endif %}</td>{% endif %}
            <td class="utrecht-table__cell">{{ signal.support_count }}{% if herkend_threshold and signal.support_count >= herkend_threshold %} <span class="herkend-flag">{% translate "op de agenda" %}</span>{% endif %}</td>
            <td class="utrecht-table__cell">{{ signal.deadline|date:"j M Y"|default:"—" }}</td>
        </tr>
    {% empty %}
        <tr class="utrecht-table__row"><td class="utrecht-table__cell" colspan="9">{% translate "Geen signalen gevonden." %}</td></tr>
    {% endfor %}"""
NEW_LOOP = "{% load i18n signal_rows %}    {% signal_table_rows signals %}"


@pytest.fixture
def rows():
    themes = list(Theme.objects.all()[:2])
    past = timezone.localdate() - datetime.timedelta(days=3)
    special = Organisation.objects.create(name='R&D <Bureau> "x"', abbreviation="RD")
    plain = SignalFactory(title="Gewoon signaal", support_count=1234)
    plain.themes.set(themes)
    overdue = SignalFactory(
        title='Te laat <b>&</b> "geciteerd"',
        status=Status.IN_BEHANDELING,
        deadline=past,
        dossier=DossierFactory(title="Dossier & <co>"),
        region=Region.objects.first(),
        organisation=special,
        support_count=7,
    )
    overdue.themes.set(themes[:1])
    anonymous = SignalFactory(
        submitted_by=None,
        organisation=None,
        source_label="",
        deadline=timezone.localdate() + datetime.timedelta(days=9),
        support_count=2,
    )
    labelled = SignalFactory(submitted_by=None, organisation=None, source_label="Namens <COA>")
    named = SignalFactory(
        submitted_by=UserFactory(role=roles.PROFESSIONAL, first_name="Anne", last_name="van 't Hof")
    )
    pks = [s.pk for s in (plain, overdue, anonymous, labelled, named)]
    return list(Signal.objects.filter(pk__in=pks).for_lists().order_by("pk"))


OPTIONS = [
    {},
    {"selectable": True, "link_workbench": True, "show_submitter": True, "herkend_threshold": 5},
    {"show_submitter": False, "herkend_threshold": 0},
    {"link_workbench": True, "herkend_threshold": 2000},
]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("options", OPTIONS)
def test_the_rows_equal_the_template_loop(rows, language, options):
    engine = engines["django"]
    with translation.override(language):
        for signals in (rows, rows[:1], []):
            context = {"signals": signals, **options}
            expected = engine.from_string(REFERENCE_LOOP).render(context)
            assert engine.from_string(NEW_LOOP).render(context) == expected


def test_the_special_characters_are_escaped(rows):
    html = engines["django"].from_string(NEW_LOOP).render({"signals": rows, **OPTIONS[1]})
    assert html.count("signal-table__row--overdue") == 1 and "Namens &lt;COA&gt;" in html
    assert "Anne van &#x27;t Hof" in html and "Dossier &amp; &lt;co&gt;" in html
    assert "Te laat &lt;b&gt;&amp;&lt;/b&gt; &quot;geciteerd&quot;" in html
    assert "R&amp;D &lt;Bureau&gt;" in html and "<b>" not in html
