"""Newcomer pages with a reference code (status) and 'wat we met jullie feedback doen',
plus the coordinators' answer and outcome editing in the moderation flow."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core import ratelimit
from taxonomy.models import Theme

from . import answers, newcomer, outcomes, services
from .forms import AnswerForm, OutcomeForm
from .models import FeedbackOutcome
from .views import _detail_context, _get_feedback, _require_moderator

STATUS_SCOPE = "feedback-status"


def status_entry(request):
    return redirect("feedback:status", language=newcomer.remembered_language(request))


def outcomes_entry(request):
    return redirect("feedback:outcomes", language=newcomer.remembered_language(request))


@require_http_methods(["GET", "POST"])
def status(request, language):
    """Look up feedback by its code (POST, so the code stays out of URLs and logs)."""
    newcomer.check_language(language)
    ctx = newcomer.context(request, language, "feedback:status")
    ctx.update({"code": "", "error": "", "found": None})
    code = request.POST.get("code", "")[:40] if request.method == "POST" else ""
    http_status = 200
    if request.method == "POST":
        ctx["code"] = code
        if ratelimit.is_limited(STATUS_SCOPE, request):
            ctx["error"] = ctx["t"]["code_rate_limit"]
            http_status = 429
        else:
            feedback = answers.find(code)
            if feedback is None:
                # Wrong, malformed or expired: one message that reveals nothing else.
                ratelimit.record(STATUS_SCOPE, request)
                ctx["error"] = ctx["t"]["code_unknown"]
                http_status = 404
            else:
                ctx["found"] = answers.status_context(feedback)
    return newcomer.render_in(request, language, "feedback/status.html", ctx, http_status)


def outcomes_page(request, language):
    newcomer.check_language(language)
    ctx = newcomer.context(request, language, "feedback:outcomes")
    ctx["items"] = outcomes.for_reader(language)
    return newcomer.render_in(request, language, "feedback/outcomes.html", ctx)


# -- coordinators --------------------------------------------------------------------------


@login_required
@require_POST
def moderation_answer(request, pk):
    feedback = _get_feedback(request, pk)
    form = AnswerForm(request.POST)
    if form.is_valid():
        try:
            answers.answer(
                feedback,
                coordinator=request.user,
                text=form.cleaned_data["text"],
                language=form.cleaned_data["language"],
            )
        except ValidationError as error:
            form.add_error("text", error)
        except services.FeedbackError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Het antwoord is opgeslagen."))
            return redirect("feedback:moderation_detail", pk=feedback.pk)
    context = _detail_context(request, feedback, answer_form=form, open_action="answer_form")
    return render(request, "feedback/moderation/detail.html", context, status=400)


@login_required
def outcome_list(request):
    _require_moderator(request)
    items = FeedbackOutcome.objects.visible_to(request.user).select_related("theme")
    return render(request, "feedback/moderation/outcomes.html", {"items": items})


@login_required
@require_http_methods(["GET", "POST"])
def outcome_edit(request, pk=None):
    _require_moderator(request)
    outcome = get_object_or_404(FeedbackOutcome, pk=pk) if pk else None
    form = OutcomeForm(request.POST or None, outcome=outcome, themes=Theme.objects.all())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcomes.save_outcome(
                coordinator=request.user,
                outcome=outcome,
                theme=data["theme"],
                title=data["title"],
                body=data["body"],
                is_published=data["is_published"],
                translations=form.translations(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("De tekst is opgeslagen."))
            return redirect("feedback:outcome_list")
    status = 400 if form.errors else 200
    return render(
        request,
        "feedback/moderation/outcome_form.html",
        {"form": form, "outcome": outcome},
        status=status,
    )
