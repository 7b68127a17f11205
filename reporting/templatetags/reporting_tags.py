from django import template

from reporting.charts import fmt

register = template.Library()


@register.filter
def figure(value) -> str:
    """A figure in Dutch notation (12,5); an en dash when there is none."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return fmt(float(value) if isinstance(value, float) else value)
    return fmt(value)


@register.filter
def signed(value) -> str:
    if value is None:
        return "–"
    return ("+" if value > 0 else "") + fmt(value)
