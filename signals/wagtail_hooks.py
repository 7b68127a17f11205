"""Beheerders manage teams and routing rules in the Wagtail admin, with a routing preview."""

from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ReplyTemplate, RoutingRule, Team
from .routing_admin import RoutingRuleForm, preview


class TeamViewSet(SnippetViewSet):
    model = Team
    icon = "group"
    list_display = ["name", "level", "is_default", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("level"),
        FieldPanel("description"),
        FieldPanel("is_default"),
        FieldPanel("is_active"),
        FieldPanel("regions"),
        FieldPanel("organisations"),
        FieldPanel("themes"),
        FieldPanel("phases"),
        FieldPanel("members"),
        FieldPanel("response_days"),
        FieldPanel("resolution_days"),
    ]


class RoutingRuleViewSet(SnippetViewSet):
    model = RoutingRule
    icon = "redirect"
    list_display = ["position", "name", "level", "team", "is_active"]
    list_filter = ["level", "is_active"]
    ordering = ["level", "position", "pk"]
    search_fields = ["name"]
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("level"),
            FieldPanel("position"),
            FieldPanel("team"),
            FieldPanel("is_active"),
            FieldPanel("regions"),
            FieldPanel("organisations"),
            FieldPanel("themes"),
            FieldPanel("phases"),
            FieldPanel("urgencies"),
            FieldPanel("sources"),
        ],
        base_form_class=RoutingRuleForm,
    )


class RoutingGroup(SnippetViewSetGroup):
    menu_label = _("Routering")
    menu_icon = "redirect"
    menu_order = 310
    items = (TeamViewSet, RoutingRuleViewSet)


register_snippet(RoutingGroup)


def routing_preview_view(request):
    if not request.user.has_perm("signals.view_routingrule"):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    reference = request.GET.get("kenmerk", "").strip()
    result = preview(reference) if reference else {}
    return TemplateResponse(
        request, "signals/admin/routing_preview.html", {"reference": reference, **result}
    )


@hooks.register("register_admin_urls")
def register_preview_url():
    return [path("routering/voorbeeld/", routing_preview_view, name="signals_routing_preview")]


@hooks.register("register_admin_menu_item")
def register_preview_menu_item():
    return MenuItem(
        _("Routering testen"),
        reverse("signals_routing_preview"),
        icon_name="view",
        order=311,
    )


class ReplyTemplateViewSet(SnippetViewSet):
    model = ReplyTemplate
    icon = "doc-full"
    menu_label = _("Standaardteksten")
    list_display = ["name", "action", "theme", "is_active"]
    list_filter = ["action", "is_active"]
    search_fields = ["name", "text"]
    add_to_admin_menu = True
    menu_order = 312


register_snippet(ReplyTemplateViewSet)
