"""Render Django form fields with NL Design System classes and ARIA wiring."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()

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
    return field.as_widget(attrs=final)


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
