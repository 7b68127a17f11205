"""Per-row helpers of the signal table: the same output as the model's methods, less work.

* ``{{ signal|choice_label:"status" }}`` equals ``{{ signal.get_status_display }}``, from a
  dict built once per field instead of once per call (Django rebuilds it for every call).
* ``{{ signal|detail_url }}`` and ``{{ signal|workbench_url }}`` equal ``get_absolute_url`` and
  ``get_workbench_url``: the URL is reversed once per URL name, language and script prefix
  with a placeholder id, and the row's id is put in its place.
"""

from __future__ import annotations

import threading

from django import template
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import formats
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import get_language, gettext

register = template.Library()

_labels: dict = {}  # model field -> {value: label}
_patterns: dict = {}  # (URL name, prefix, language, urlconf) -> (head, tail) or None
_lock = threading.Lock()
PLACEHOLDER = "918273645"


def _choices(field) -> dict:
    labels = _labels.get(field)
    if labels is None:
        with _lock:
            labels = _labels[field] = dict(make_hashable(field.flatchoices))
    return labels


@register.filter
def choice_label(obj, name: str):
    """``obj.get_<name>_display()`` without rebuilding the choices per call."""
    field = obj._meta.get_field(name)
    value = getattr(obj, field.attname)
    return force_str(_choices(field).get(make_hashable(value), value), strings_only=True)


def _pattern(name: str):
    key = (name, get_script_prefix(), get_language(), get_urlconf())
    if key not in _patterns:
        url = reverse(name, args=[int(PLACEHOLDER)])
        head, found, tail = url.partition(PLACEHOLDER)
        parts = (head, tail) if found and PLACEHOLDER not in tail + head else None
        with _lock:
            _patterns[key] = parts
    return _patterns[key]


def item_url(name: str, pk) -> str:
    parts = _pattern(name)
    if parts is None:  # a pattern the placeholder cannot stand in for
        return reverse(name, args=[pk])
    return f"{parts[0]}{int(pk)}{parts[1]}"


@register.filter
def detail_url(item) -> str:
    """``item.get_absolute_url()``."""
    return item_url(item.detail_url_name, item.pk)


@register.filter
def workbench_url(item) -> str:
    """``item.get_workbench_url()``."""
    return item_url(item.workbench_url_name, item.pk)


# The rows of ``signals/includes/signal_table.html``, written in Python: the same HTML as the
# template loop they replace (``tests/signals/test_signal_rows.py`` renders both and compares),
# without a template node walk, context push and variable lookup per cell (the loop was most of
# the time of every signal list, "Mijn signalen" and the workbench).

_ROW_SELECT = (
    '<td class="utrecht-table__cell"><input class="utrecht-checkbox utrecht-checkbox--html-input"'
    ' type="checkbox" name="signals" value="{pk}" id="select-{pk}" form="bulk-form">'
    '<label class="visually-hidden" for="select-{pk}">{label}</label></td>'
)
_CELL = '\n            <td class="utrecht-table__cell">'


def _text(value) -> str:
    """``{{ value }}`` with autoescaping: localised numbers, escaped text."""
    if value is None:
        return "None"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return conditional_escape(formats.localize(value))
    return conditional_escape(value)


def _date(value) -> str:
    """``{{ value|date:"j M Y" }}``."""
    if value in (None, ""):
        return ""
    value = template_localtime(value)
    try:
        return conditional_escape(formats.date_format(value, "j M Y"))
    except AttributeError:
        return ""


def _row(signal, selectable, link_workbench, show_submitter, threshold, words) -> str:
    overdue = signal.is_overdue
    pk = _text(signal.pk)
    parts = [
        '\n        <tr class="utrecht-table__row',
        " signal-table__row--overdue" if overdue else "",
        '">\n            ',
    ]
    if selectable:
        label = words["select"] % {"ref": _text(signal.reference)}
        parts.append(_ROW_SELECT.format(pk=pk, label=label))
    url = workbench_url(signal) if link_workbench else detail_url(signal)
    parts += [
        _CELL,
        f'<a class="utrecht-link" href="{conditional_escape(url)}">{_text(signal.title)}</a>',
        f'<br><span class="meta">{_text(signal.reference)} · {_date(signal.created_at)}',
    ]
    dossier = signal.dossier
    if dossier:
        parts.append(f" · {words['dossier']}: {_text(dossier.title)}")
    parts += [
        "</span></td>",
        _CELL,
        f'<span class="status-badge status-badge--{_text(signal.status)}">',
        f"{_text(choice_label(signal, 'status'))}</span>",
    ]
    if overdue:
        parts.append(f' <span class="status-badge status-badge--overdue">{words["overdue"]}</span>')
    themes = ", ".join(_text(theme.name) for theme in signal.themes.all()) or "—"
    organisation = signal.organisation
    parts += ["\n</td>", _CELL, _text(choice_label(signal, "level")), "</td>"]
    parts += [_CELL, themes, "</td>", _CELL, (organisation and _text(organisation.name)) or "—"]
    region = signal.region
    if region:
        parts.append(f'<br><span class="meta">{_text(region.name)}</span>')
    parts.append("</td>\n            ")
    if show_submitter:
        submitter = signal.submitted_by
        if submitter:
            who = _text(submitter.display_name)
        else:
            who = _text(signal.source_label or choice_label(signal, "source"))
        parts.append(f'<td class="utrecht-table__cell">{who}</td>')
    parts += [_CELL, _text(signal.support_count)]
    if threshold and signal.support_count >= threshold:
        parts.append(f' <span class="herkend-flag">{words["agenda"]}</span>')
    deadline = _date(signal.deadline) or "—"
    parts += ["</td>", _CELL, deadline, "</td>\n        </tr>\n    "]
    return "".join(parts)


@register.simple_tag(takes_context=True)
def signal_table_rows(context, signals):
    """The table body's rows (or its "none found" row) for ``signals``."""
    words = {
        "select": gettext("Selecteer %(ref)s"),
        "dossier": conditional_escape(gettext("dossier")),
        "overdue": conditional_escape(gettext("Over de deadline")),
        "agenda": conditional_escape(gettext("op de agenda")),
    }
    options = [context.get(name) for name in ("selectable", "link_workbench", "show_submitter")]
    threshold = context.get("herkend_threshold")
    rows = [_row(signal, *options, threshold, words) for signal in signals]
    if not rows:
        none_found = conditional_escape(gettext("Geen signalen gevonden."))
        rows = [
            '\n        <tr class="utrecht-table__row"><td class="utrecht-table__cell" colspan="9">'
            f"{none_found}</td></tr>\n    "
        ]
    return mark_safe("".join(rows))
