"""Wagtail admin for the knowledge base: the editors' queue of questions and the reports."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max, Q
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import ListingButton
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from core.exports import FormulaSafeExportMixin

from . import services
from .models import HandreikingPage, PageFeedback, QuestionPage, QuestionRequest


class QuestionRequestViewSet(SnippetViewSet):
    model = QuestionRequest
    icon = "help"
    menu_label = _("Gestelde vragen")
    menu_name = "question-requests"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["question", "asker", "status", "created_at", "answer"]
    list_filter = ["status"]
    search_fields = ["question", "explanation"]
    ordering = ["-created_at"]

    def get_queryset(self, request):
        return QuestionRequest.objects.select_related("asker", "answer")


register_snippet(QuestionRequestViewSet)


@hooks.register("after_edit_snippet")
def notify_when_answer_linked(request, instance):
    if isinstance(instance, QuestionRequest):
        services.link_answer(instance)


@hooks.register("register_snippet_listing_buttons")
def start_answer_button(snippet, user, next_url=None):
    if isinstance(snippet, QuestionRequest) and not snippet.answer_id:
        if user.has_perm("knowledge.change_questionrequest"):
            yield ListingButton(
                _("Maak conceptantwoord"),
                reverse("knowledge_admin:start_answer", args=[snippet.pk]),
                icon_name="edit",
                priority=5,
            )


def start_answer(request, pk):
    """Confirm (GET) and create (POST) a draft Q&A for a question from the queue."""
    if not request.user.has_perm("knowledge.change_questionrequest"):
        raise PermissionDenied
    question_request = get_object_or_404(QuestionRequest, pk=pk)
    if request.method == "POST":
        page = services.start_answer_draft(question_request, request.user)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return TemplateResponse(
        request, "knowledge/admin/start_answer.html", {"question_request": question_request}
    )


class EditorsOnlyMixin:
    required_perm = "knowledge.view_pagefeedback"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.required_perm):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


class ReviewDueReportView(EditorsOnlyMixin, ReportView):
    """'Te beoordelen': live knowledge pages whose review date has passed."""

    required_perm = "knowledge.view_questionrequest"
    page_title = _("Te beoordelen")
    header_icon = "time"
    index_url_name = "knowledge_admin:review_due"
    index_results_url_name = "knowledge_admin:review_due_results"
    columns = [
        TitleColumn("title", label=_("Pagina"), get_url=_edit_url),
        DateColumn("due", label=_("Beoordelen sinds")),
        Column("owner", label=_("Eigenaar")),
        DateColumn("last_published_at", label=_("Laatst gepubliceerd")),
    ]
    list_export = ["title", "due", "owner", "last_published_at", "url_path"]
    export_headings = {
        "title": _("Pagina"),
        "due": _("Beoordelen sinds"),
        "owner": _("Eigenaar"),
        "last_published_at": _("Laatst gepubliceerd"),
    }

    def get_filename(self):
        return f"te-beoordelen-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        today = timezone.localdate()
        return (
            Page.objects.live()
            .type(QuestionPage, HandreikingPage)
            .filter(
                Q(questionpage__review_due_at__lte=today)
                | Q(handreikingpage__review_due_at__lte=today)
            )
            .annotate(due=Coalesce("questionpage__review_due_at", "handreikingpage__review_due_at"))
            .select_related("owner")
            .order_by("due", "pk")
        )


class FeedbackReportView(FormulaSafeExportMixin, EditorsOnlyMixin, ReportView):
    """'Was dit nuttig?': counts per page, exportable."""

    page_title = _("Feedback per pagina")
    header_icon = "comment"
    index_url_name = "knowledge_admin:feedback"
    index_results_url_name = "knowledge_admin:feedback_results"
    columns = [
        TitleColumn("title", label=_("Pagina"), get_url=_edit_url),
        Column("helpful_yes", label=_("Nuttig")),
        Column("helpful_no", label=_("Niet nuttig")),
        Column("comments", label=_("Met toelichting")),
        DateColumn("latest", label=_("Laatste reactie")),
    ]
    list_export = ["title", "helpful_yes", "helpful_no", "comments", "latest", "url_path"]
    export_headings = {
        "title": _("Pagina"),
        "helpful_yes": _("Nuttig"),
        "helpful_no": _("Niet nuttig"),
        "comments": _("Met toelichting"),
        "latest": _("Laatste reactie"),
    }

    def get_filename(self):
        return f"feedback-per-pagina-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return (
            Page.objects.filter(knowledge_feedback__isnull=False)
            .annotate(
                helpful_yes=Count("knowledge_feedback", filter=Q(knowledge_feedback__helpful=True)),
                helpful_no=Count("knowledge_feedback", filter=Q(knowledge_feedback__helpful=False)),
                comments=Count("knowledge_feedback", filter=~Q(knowledge_feedback__comment="")),
                latest=Max("knowledge_feedback__created_at"),
            )
            .order_by("-latest", "pk")
        )


class FeedbackCommentsView(FormulaSafeExportMixin, EditorsOnlyMixin, ReportView):
    """Every single feedback answer (anonymous), exportable as CSV or Excel."""

    page_title = _("Feedback: alle reacties")
    header_icon = "comment"
    index_url_name = "knowledge_admin:feedback_comments"
    index_results_url_name = "knowledge_admin:feedback_comments_results"
    columns = [
        Column("page", label=_("Pagina")),
        Column("helpful_label", label=_("Nuttig")),
        Column("comment", label=_("Toelichting")),
        DateColumn("created_at", label=_("Ontvangen")),
    ]
    list_export = ["page", "helpful_label", "comment", "created_at"]
    export_headings = {
        "page": _("Pagina"),
        "helpful_label": _("Nuttig"),
        "comment": _("Toelichting"),
        "created_at": _("Ontvangen"),
    }

    def get_filename(self):
        return f"feedback-reacties-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return PageFeedback.objects.select_related("page").order_by("-created_at", "-pk")

    def decorate_paginated_queryset(self, object_list):
        for item in object_list:
            item.helpful_label = _("ja") if item.helpful else _("nee")
        return object_list

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet(
            self.decorate_paginated_queryset(list(queryset)), spreadsheet_format
        )


@hooks.register("register_admin_urls")
def register_admin_urls():
    from django.urls import include

    urls = [
        path("te-beoordelen/", ReviewDueReportView.as_view(), name="review_due"),
        path(
            "te-beoordelen/results/",
            ReviewDueReportView.as_view(results_only=True),
            name="review_due_results",
        ),
        path("feedback/", FeedbackReportView.as_view(), name="feedback"),
        path(
            "feedback/results/",
            FeedbackReportView.as_view(results_only=True),
            name="feedback_results",
        ),
        path("feedback/reacties/", FeedbackCommentsView.as_view(), name="feedback_comments"),
        path(
            "feedback/reacties/results/",
            FeedbackCommentsView.as_view(results_only=True),
            name="feedback_comments_results",
        ),
        path("vragen/<int:pk>/concept/", start_answer, name="start_answer"),
    ]
    return [path("kennisbank/", include((urls, "knowledge_admin"), namespace="knowledge_admin"))]


class PermMenuItem(MenuItem):
    def __init__(self, *args, perm, **kwargs):
        super().__init__(*args, **kwargs)
        self.perm = perm

    def is_shown(self, request):
        return request.user.has_perm(self.perm)


@hooks.register("register_reports_menu_item")
def review_due_menu_item():
    return PermMenuItem(
        _("Te beoordelen"),
        reverse("knowledge_admin:review_due"),
        name="knowledge-review-due",
        icon_name="time",
        order=150,
        perm="knowledge.view_questionrequest",
    )


@hooks.register("register_reports_menu_item")
def feedback_menu_item():
    return PermMenuItem(
        _("Feedback per pagina"),
        reverse("knowledge_admin:feedback"),
        name="knowledge-feedback",
        icon_name="comment",
        order=160,
        perm="knowledge.view_pagefeedback",
    )


@hooks.register("register_reports_menu_item")
def feedback_comments_menu_item():
    return PermMenuItem(
        _("Feedback: alle reacties"),
        reverse("knowledge_admin:feedback_comments"),
        name="knowledge-feedback-comments",
        icon_name="comment",
        order=170,
        perm="knowledge.view_pagefeedback",
    )


@hooks.register("before_serve_document")
def keep_restricted_attachments_inside(document, request):
    """A document used only on knowledge pages for chain professionals is served only to
    those who may read such a page (a public page using it makes it public). Documents no
    knowledge page uses keep Wagtail's own collection privacy."""
    from django.contrib.auth.views import redirect_to_login

    from . import attachments
    from .models import can_see_restricted

    if not attachments.is_attached(document) or can_see_restricted(request.user):
        return None
    if attachments.outsiders_may_download(document):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied
