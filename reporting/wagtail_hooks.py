"""Wagtail admin: ketenindicatoren and their values as snippets, a link to the CSV import."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Indicator, IndicatorValue
from .roles import can_edit_indicators


class IndicatorViewSet(SnippetViewSet):
    model = Indicator
    icon = "view"
    menu_label = _("Indicatoren")
    list_display = ["name", "phase", "unit", "target", "direction", "source", "is_active"]
    list_filter = ["phase", "is_active"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return Indicator.objects.select_related("phase", "source")


class IndicatorValueViewSet(SnippetViewSet):
    model = IndicatorValue
    icon = "table"
    menu_label = _("Waarden")
    list_display = ["indicator", "period_label", "region", "value", "updated_at"]
    list_filter = ["indicator", "period_kind", "region"]
    ordering = ["-period_start", "indicator"]

    def get_queryset(self, request):
        return IndicatorValue.objects.select_related("indicator", "region")


class KetenindicatorenGroup(SnippetViewSetGroup):
    menu_label = _("Ketenindicatoren")
    menu_icon = "view"
    menu_order = 320
    items = (IndicatorViewSet, IndicatorValueViewSet)


register_snippet(KetenindicatorenGroup)


class _ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_edit_indicators(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return _ImportMenuItem(
        _("Indicatoren importeren (CSV)"),
        reverse("reporting:import"),
        icon_name="upload",
        order=321,
    )
