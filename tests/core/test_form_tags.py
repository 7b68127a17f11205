"""The fast choice rendering of ``render_field`` gives the same markup as Django's templates."""

import pytest
from django import forms
from django.test.html import parse_html

from core.templatetags.form_tags import _fast_widget, render_field
from signals.forms import FilterForm, SignalForm

pytestmark = pytest.mark.django_db


class Sample(forms.Form):
    single = forms.ChoiceField(
        choices=[("", "Alle"), ("a", 'A & "b" <c>'), ("b", "Bee")], required=False
    )
    grouped = forms.ChoiceField(
        choices=[("Groep <1>", [("x", "X"), ("y", "Y")]), ("z", "Zet")], help_text="Uitleg"
    )
    several = forms.MultipleChoiceField(choices=[("1", "Een"), ("2", "Twee"), ("3", "Drie")])
    radio = forms.ChoiceField(choices=[("j", "Ja"), ("n", "Nee")], widget=forms.RadioSelect)
    boxes = forms.MultipleChoiceField(
        choices=[("Groep", [("p", "P & Q")]), ("r", "R")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


def _standard(bound, attrs):
    """What Django renders for the same field and attributes (through its templates)."""
    from core.templatetags import form_tags

    original = form_tags._fast_widget
    form_tags._fast_widget = lambda widget: None
    try:
        return str(render_field(bound, **attrs))
    finally:
        form_tags._fast_widget = original


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"single": "a", "grouped": "y", "several": ["1", "3"], "radio": "n", "boxes": ["p"]},
        {"grouped": "zz", "radio": "?"},
    ],
)
def test_same_markup_as_django_for_every_select(data):
    form = Sample(data)
    if data:
        form.is_valid()
    for bound in form:
        for attrs in ({}, {"class": "extra", "data-x": 'q"uote'}):
            assert parse_html(str(render_field(bound, **attrs))) == parse_html(
                _standard(bound, attrs)
            ), bound.name


def test_forms_of_the_site_render_the_same(monkeypatch):
    from core.templatetags.form_tags import _FastSelectMixin
    from taxonomy.demo import seed

    seed()
    calls = []
    fast_render = _FastSelectMixin.render
    monkeypatch.setattr(
        _FastSelectMixin,
        "render",
        lambda self, *a, **k: calls.append(1) or fast_render(self, *a, **k),
    )
    for form in (FilterForm({"status": "ingediend", "theme": "1"}), SignalForm()):
        for bound in form:
            assert parse_html(str(render_field(bound))) == parse_html(_standard(bound, {}))
    assert len(calls) >= 8  # the selects of both forms took the fast path


def test_only_plain_django_selects_are_replaced():
    class Custom(forms.Select):
        template_name = "custom/select.html"

    assert _fast_widget(forms.Select()) is not None
    assert _fast_widget(forms.SelectMultiple()) is not None
    assert _fast_widget(Custom()) is None
    assert _fast_widget(forms.RadioSelect()) is not None
    assert _fast_widget(forms.CheckboxSelectMultiple()) is not None
    assert _fast_widget(forms.NullBooleanSelect()) is None
    widget = forms.Select()
    widget.option_template_name = "custom/option.html"
    assert _fast_widget(widget) is None
