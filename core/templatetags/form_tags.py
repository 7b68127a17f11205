"""Render Django form fields with NL Design System classes and ARIA wiring."""

from django import forms, template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()


def _attrs_html(attrs: dict) -> str:
    """What ``django/forms/widgets/attrs.html`` renders, without a template."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {name}" if value is True else f' {name}="{conditional_escape(value)}"')
    return "".join(parts)


class _FastSelectMixin:
    """Renders the same markup as Django's select templates, in Python.

    A select renders each option through two templates; with the taxonomy selects of the
    signal filters and forms (about a hundred options) that was most of a page's rendering
    time. Only used for widgets whose templates are Django's own.
    """

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        out = [
            f'<select name="{conditional_escape(widget["name"])}"{_attrs_html(widget["attrs"])}>'
        ]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                out.append(f'<optgroup label="{conditional_escape(group_name)}">')
            for option in options:
                out.append(
                    f'<option value="{conditional_escape(option["value"])}"'
                    f"{_attrs_html(option['attrs'])}>{conditional_escape(option['label'])}</option>"
                )
            if group_name:
                out.append("</optgroup>")
        out.append("</select>")
        return mark_safe("\n".join(out))


class _FastChoiceInputsMixin:
    """Radio buttons and checkbox lists: the markup of ``multiple_input.html`` and
    ``input_option.html``, in Python (same reason as for selects)."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        box_id, css = widget["attrs"].get("id"), widget["attrs"].get("class")
        out = [
            "<div"
            + (f' id="{conditional_escape(box_id)}"' if box_id else "")
            + (f' class="{conditional_escape(css)}"' if css else "")
            + ">"
        ]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                out.append(f"<div><label>{conditional_escape(group_name)}</label>")
            for option in options:
                out.append(f"<div>{_input_option(option)}</div>")
            if group_name:
                out.append("</div>")
        out.append("</div>")
        return mark_safe("\n".join(out))


def _input_option(option: dict) -> str:
    value = option["value"]
    html = (
        f'<input type="{conditional_escape(option["type"])}" '
        f'name="{conditional_escape(option["name"])}"'
        + (f' value="{conditional_escape(value)}"' if value is not None else "")
        + f"{_attrs_html(option['attrs'])}>"
    )
    if not option.get("wrap_label"):
        return html
    option_id = option["attrs"].get("id")
    label = f'<label for="{conditional_escape(option_id)}">' if option_id else "<label>"
    return f"{label}{html} {conditional_escape(option['label'])}</label>"


class _FastSelect(_FastSelectMixin, forms.Select):
    pass


class _FastSelectMultiple(_FastSelectMixin, forms.SelectMultiple):
    pass


class _FastRadioSelect(_FastChoiceInputsMixin, forms.RadioSelect):
    pass


class _FastCheckboxSelectMultiple(_FastChoiceInputsMixin, forms.CheckboxSelectMultiple):
    pass


_FAST_WIDGETS = {
    forms.Select: _FastSelect,
    forms.SelectMultiple: _FastSelectMultiple,
    forms.RadioSelect: _FastRadioSelect,
    forms.CheckboxSelectMultiple: _FastCheckboxSelectMultiple,
}


def _fast_widget(widget):
    """A copy of a plain select, radio or checkbox-list widget that renders without
    templates (None for any other widget, or one with its own templates)."""
    fast = _FAST_WIDGETS.get(type(widget))
    if fast is None or widget.template_name != type(widget).template_name:
        return None
    if widget.option_template_name != type(widget).option_template_name:
        return None
    copy = fast.__new__(fast)
    copy.__dict__.update(widget.__dict__)
    return copy


_WIDGET_CLASSES = {
    "textinput": "utrecht-textbox utrecht-textbox--html-input",
    "emailinput": "utrecht-textbox utrecht-textbox--html-input",
    "urlinput": "utrecht-textbox utrecht-textbox--html-input",
    "numberinput": "utrecht-textbox utrecht-textbox--html-input",
    "passwordinput": "utrecht-textbox utrecht-textbox--html-input",
    "dateinput": "utrecht-textbox utrecht-textbox--html-input",
    "datetimeinput": "utrecht-textbox utrecht-textbox--html-input",
    "searchinput": "utrecht-textbox utrecht-textbox--html-input",
    "textarea": "utrecht-textarea utrecht-textarea--html-textarea",
    "select": "utrecht-select utrecht-select--html-select",
    "selectmultiple": "utrecht-select utrecht-select--html-select",
    "checkboxinput": "utrecht-checkbox utrecht-checkbox--html-input",
    "clearablefileinput": "file-input",
    "fileinput": "file-input",
}


@register.filter
def widget_type(field) -> str:
    name = field.field.widget.__class__.__name__.lower()
    return "checkbox" if name == "checkboxinput" else name


@register.simple_tag
def render_field(field, **attrs):
    widget = field.field.widget
    name = widget.__class__.__name__.lower()
    css = _WIDGET_CLASSES.get(name, "")
    final = {}
    if css:
        final["class"] = (widget.attrs.get("class", "") + " " + css).strip()
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_help")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        final["aria-invalid"] = "true"
        if css:
            final["class"] += " utrecht-textbox--invalid" if "textbox" in css else ""
    if described and name not in {"radioselect", "checkboxselectmultiple"}:
        final["aria-describedby"] = " ".join(described)
    if field.field.required and name not in {
        "radioselect",
        "checkboxselectmultiple",
        "checkboxinput",
    }:
        final["required"] = True
    final.update(attrs)
    return field.as_widget(widget=_fast_widget(widget), attrs=final)


@register.simple_tag
def translate_required() -> str:
    return _("verplicht")


@register.simple_tag(takes_context=True)
def query_replace(context, **kwargs) -> str:
    """The current query string with some parameters replaced (for pagination and sorting links)."""
    query = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def page_query(context, param, number) -> str:
    """The current query string with ``param`` (a page parameter named at run time) set."""
    query = context["request"].GET.copy()
    query[param] = number
    return query.urlencode()
