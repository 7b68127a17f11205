"""Non-page views of the knowledge base: theme pages, feedback, ask-a-question."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page

from core.http_cache import same_origin_post
from taxonomy.models import Theme

from . import services
from .forms import AskQuestionForm, FeedbackForm
from .models import (
    HandreikingPage,
    KnowledgeIndexPage,
    QuestionPage,
    QuestionRequest,
    can_see_restricted,
)

THEME_QUESTIONS_PER_PAGE = 30
THEME_HANDREIKINGEN_MAX = 50


def theme_detail(request, slug):
    """A theme with its visible questions (paginated) and handreikingen. Constant query count."""
    theme = get_object_or_404(Theme, slug=slug)
    user = request.user
    questions = (
        QuestionPage.objects.visible_to(user)
        .filter(themes=theme)
        .order_by("title")
        .only(
            "id",
            "title",
            "url_path",
            "path",
            "depth",
            "short_answer",
            "last_published_at",
            "audience",
        )
    )
    page_obj = Paginator(questions, THEME_QUESTIONS_PER_PAGE).get_page(request.GET.get("page"))
    handreikingen = list(
        HandreikingPage.objects.visible_to(user)
        .filter(themes=theme)
        .order_by("title")
        .only(
            "id", "title", "url_path", "path", "depth", "summary", "last_published_at", "audience"
        )[:THEME_HANDREIKINGEN_MAX]
    )
    return render(
        request,
        "knowledge/theme_detail.html",
        {
            "theme": theme,
            "page_obj": page_obj,
            "questions": list(page_obj.object_list),
            "handreikingen": handreikingen,
            "kennisbank": KnowledgeIndexPage.objects.live()
            .only("id", "title", "url_path", "path", "depth")
            .first(),
        },
    )


def _knowledge_page_or_404(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, QuestionPage | HandreikingPage) or not page.is_visible_to(request.user):
        raise Http404
    return page


def _render_page_with_form(request, page, form, status):
    context = page.get_context(request)
    context["feedback_form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)


@same_origin_post
@require_POST
def feedback(request, page_id):
    """'Was dit nuttig?' as a plain POST form: works without JavaScript.

    No CSRF token on the (cached) page: cross-site posts are refused by their origin
    headers, and the rate limit applies per client."""
    page = _knowledge_page_or_404(request, page_id)
    form = FeedbackForm(request.POST)
    if not form.is_valid():
        return _render_page_with_form(request, page, form, status=400)
    try:
        services.submit_feedback(
            page,
            helpful=form.cleaned_data["helpful"],
            comment=form.cleaned_data.get("comment", ""),
            client=services.client_key(request),
        )
    except ValidationError as error:
        form.add_error("comment", error)
        return _render_page_with_form(request, page, form, status=400)
    except services.RateLimited:
        form.add_error(
            None,
            _("U hebt in korte tijd veel reacties gegeven. Probeer het over een uur opnieuw."),
        )
        return _render_page_with_form(request, page, form, status=429)
    messages.success(request, _("Bedankt voor uw reactie! Daarmee maken we de kennisbank beter."))
    return HttpResponseRedirect((page.url or "/") + "#feedback")


@login_required
def ask_question(request):
    if not can_see_restricted(request.user):
        raise PermissionDenied
    form = AskQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.check_rate("ask", str(request.user.pk), 20, 60 * 60 * 24)
            services.ask_question(
                request.user,
                question=form.cleaned_data["question"],
                explanation=form.cleaned_data["explanation"],
                themes=form.cleaned_data["themes"],
            )
        except ValidationError as error:
            form.add_error("question", error)
        except services.RateLimited:
            form.add_error(
                None, _("U hebt vandaag al veel vragen gesteld. Probeer het morgen opnieuw.")
            )
        else:
            messages.success(
                request,
                _(
                    "Bedankt, uw vraag staat bij de redactie. U krijgt bericht zodra er een antwoord is."
                ),
            )
            return redirect("knowledge:my_questions")
    return render(
        request, "knowledge/ask_question.html", {"form": form}, status=400 if form.errors else 200
    )


@login_required
def my_questions(request):
    requests = (
        QuestionRequest.objects.visible_to(request.user)
        .filter(asker=request.user)
        .select_related("answer")
    )
    page_obj = Paginator(requests, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "knowledge/my_questions.html",
        {"page_obj": page_obj, "question_requests": list(page_obj.object_list)},
    )
