"""The repeated parts of the search page (facet values, result items), written in Python.

The same HTML as the template loops they replace (``tests/search/test_search_rows.py``
renders both and compares), without a template node walk, context push and variable lookup
per value: the loops were about half of the search page's rendering time.
"""

from __future__ import annotations

from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils import formats
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

register = template.Library()


def _text(value) -> str:
    """``{{ value }}`` with autoescaping (numbers localised)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return conditional_escape(formats.localize(value))
    return conditional_escape(value)


def _date(value, fmt: str) -> str:
    """``{{ value|date:fmt }}``."""
    if value in (None, ""):
        return ""
    try:
        return conditional_escape(formats.date_format(template_localtime(value), fmt))
    except AttributeError:
        return ""


@register.simple_tag
def search_facet_values(group):
    """The ``<li>`` of every value of one facet group."""
    param = _text(group["param"])
    out = []
    for value in group["values"]:
        checked = " checked" if value.selected else ""
        out.append(
            '\n                    <li><label class="utrecht-form-label utrecht-form-label--checkbox">'
            '<input class="utrecht-checkbox utrecht-checkbox--html-input" type="checkbox" '
            f'name="{param}" value="{_text(value.value)}"{checked}> {_text(value.label)} '
            f'<span class="search-facets__count">({_text(value.count)})</span></label></li>'
            "\n                "
        )
    return mark_safe("".join(out))


@register.simple_tag
def search_result_items(results):
    """The ``<li>`` of every result: meta line, linked title (through the click URL), snippet."""
    click = conditional_escape(reverse("search:click"))
    promoted_label = None
    out = []
    for item in results:
        hit = item["hit"]
        promoted = hit.promoted
        meta = [f'<span class="search-result__type">{_text(hit.kind_label)}</span>']
        if promoted:
            if promoted_label is None:
                promoted_label = conditional_escape(gettext("Aanbevolen door de redactie"))
            meta.append(f" · <strong>{promoted_label}</strong>")
        if hit.date:
            meta.append(
                f' · <time datetime="{_date(hit.date, "c")}">{_date(hit.date, "j F Y")}</time>'
            )
        if hit.level:
            meta.append(f" · {_text(hit.level)}")
        if hit.status:
            meta.append(f" · {_text(hit.status)}")
        token = conditional_escape(quote(str(item["token"]), safe="/"))
        snippet = ""
        if hit.snippet:
            snippet = (
                f'<p class="utrecht-paragraph search-result__snippet">{_text(hit.snippet)}</p>'
            )
        out.append(
            '\n                <li class="search-result'
            + (" search-result--promoted" if promoted else "")
            + '">\n                    <p class="search-result__meta">'
            + "".join(meta)
            + "</p>\n                    "
            '<h3 class="utrecht-heading-3 search-result__title"><a class="utrecht-link" '
            f'href="{click}?t={token}">{_text(hit.title)}</a></h3>\n                    '
            + snippet
            + "\n                </li>\n                "
        )
    return mark_safe("".join(out))
