"""Admin for editors: synonyms and promoted results as snippets, and the search report."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ExtractedText, PromotedResult, Synonym
from .reports import report

REPORT_PERMISSION = "search.view_searchquery"


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "list-ul"
    menu_label = _("Synoniemen")
    list_display = ["terms", "is_active", "updated_at"]
    search_fields = ["terms"]
    add_to_admin_menu = False


class PromotedResultViewSet(SnippetViewSet):
    model = PromotedResult
    icon = "pick"
    menu_label = _("Uitgelichte resultaten")
    list_display = ["query", "page", "url", "sort_order", "is_active"]
    search_fields = ["query"]
    add_to_admin_menu = False


class ExtractedTextViewSet(SnippetViewSet):
    """Uploaded files and whether their text is searchable, with the reason when it is not."""

    model = ExtractedText
    icon = "doc-full"
    menu_label = _("Documentteksten")
    list_display = ["name", "status", "reason", "updated_at"]
    list_filter = ["status"]
    search_fields = ["name", "reason"]
    add_to_admin_menu = False


register_snippet(SynonymViewSet)
register_snippet(ExtractedTextViewSet)
register_snippet(PromotedResultViewSet)


class SearchReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "search/admin/report.html"
    page_title = _("Zoekgedrag")
    header_icon = "search"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        try:
            days = int(self.request.GET.get("days", 30))
        except ValueError:
            days = 30
        days = max(1, min(days, 366))
        context["report"] = report(days=days)
        context["day_choices"] = [7, 30, 90, 365]
        return context


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("zoeken/rapport/", SearchReportView.as_view(), name="search_report")]


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REPORT_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return ReportMenuItem(
        _("Zoekgedrag"),
        reverse("search_report"),
        name="search-report",
        icon_name="search",
        order=950,
    )


@hooks.register("construct_homepage_panels")
def search_engine_status(request, panels):
    """An unreachable or misconfigured search engine is shown on the admin dashboard."""
    from .engine_backend.admin import panel_if_unavailable

    panel = panel_if_unavailable()
    if panel is not None:
        panels.insert(0, panel)
