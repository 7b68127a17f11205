"""Public feedback form for inburgeraars, and the coordinators' moderation queue."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core import ratelimit

from . import answers, newcomer, reference, services, texts
from .forms import AnswerForm, ArchiveForm, FeedbackForm, FilterForm, LinkForm, ToSignalForm
from .models import Feedback, FeedbackAnswer, FeedbackContact, FeedbackEvent
from .roles import can_moderate

RATE_SCOPE = "feedback"


def _check_language(language: str) -> None:
    newcomer.check_language(language)


def choose_language(request):
    # The language the visitor chose before is remembered; ?kies=1 shows the choice again.
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen in texts.LANGUAGE_CODES and "kies" not in request.GET:
        return redirect("feedback:form", language=chosen)
    choices = [
        {
            "code": code,
            "name": name,
            "direction": direction,
            "prompt": texts.text(code, "choose_language"),
            "url": reverse("feedback:form", args=[code]),
        }
        for code, name, direction in texts.LANGUAGES
    ]
    ctx = newcomer.context(request, "nl", "feedback:form")
    ctx.update({"choices": choices, "offer": None, "script_font": "all"})
    return newcomer.render_in(request, "nl", "feedback/choose_language.html", ctx)


@require_http_methods(["GET", "POST"])
def feedback_form(request, language):
    _check_language(language)
    user = request.user if request.user.is_authenticated else None
    data = request.POST if request.method == "POST" else None
    form = FeedbackForm(data, language=language, user=user)
    status = 200
    if request.method == "POST":
        if form.is_bot:
            # Pretend all went well; store nothing.
            return redirect("feedback:thanks", language=language)
        limited = user is None and ratelimit.is_limited(RATE_SCOPE, request)
        if limited:
            form.is_valid()
            form.add_error(None, form.t["err_rate_limit"])
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            try:
                feedback = services.submit_feedback(
                    language=language,
                    kind=data["kind"],
                    topic=data["topic"],
                    text=data["text"],
                    contact_address=data["contact_address"] if data["contact"] == "ja" else "",
                    named_user=user if data.get("give_name") else None,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                if user is None:
                    ratelimit.record(RATE_SCOPE, request)
                # Shown once on the thanks page; never put in a URL.
                request.session["feedback_reference"] = feedback.reference
                return redirect("feedback:thanks", language=language)
        if status == 200:
            status = 400
    ctx = {**newcomer.context(request, language, "feedback:form"), "form": form}
    return newcomer.render_in(request, language, "feedback/form.html", ctx, status=status)


def thanks(request, language):
    _check_language(language)
    code = request.session.pop("feedback_reference", "")
    ctx = newcomer.context(request, language, "feedback:form")
    ctx["reference"] = reference.display(code)
    return newcomer.render_in(request, language, "feedback/thanks.html", ctx)


# -- moderation (coordinators only) ------------------------------------------------------


def _require_moderator(request):
    if not can_moderate(request.user):
        raise PermissionDenied


@login_required
def moderation_list(request):
    _require_moderator(request)
    params = request.GET.copy()
    if "status" not in params:
        params["status"] = Feedback.Status.NEW
    filters = FilterForm(params)
    queryset = filters.filter(
        Feedback.objects.visible_to(request.user).select_related("contact")
    ).order_by("-created_at", "-pk")
    page_obj = Paginator(queryset, 25).get_page(request.GET.get("page"))
    for item in page_obj:
        item.excerpt = Truncator(item.text).chars(140)
    return render(
        request,
        "feedback/moderation/list.html",
        {"filters": filters, "page_obj": page_obj, "items": page_obj.object_list},
    )


def _detail_context(request, feedback, **forms):
    contact = FeedbackContact.objects.visible_to(request.user).filter(feedback=feedback).first()
    signal = None
    if feedback.signal_id:
        from signals.models import Signal

        signal = Signal.objects.visible_to(request.user).filter(pk=feedback.signal_id).first()
    signal_url = ""
    if signal is not None:
        try:
            signal_url = signal.get_absolute_url()
        except NoReverseMatch:  # signal pages not available
            signal_url = ""
    initial_title = _("Feedback van inburgeraars: %(topic)s") % {
        "topic": feedback.get_topic_display().lower()
    }
    return {
        "feedback": feedback,
        "contact": contact,
        "signal": signal,
        "signal_url": signal_url,
        "events": FeedbackEvent.objects.visible_to(request.user)
        .filter(feedback=feedback)
        .select_related("actor"),
        "retention_days": services.retention_days(),
        "to_signal_form": forms.get("to_signal_form")
        or ToSignalForm(initial={"title": initial_title, "description": feedback.text}),
        "link_form": forms.get("link_form") or LinkForm(),
        "archive_form": forms.get("archive_form") or ArchiveForm(),
        "open_action": forms.get("open_action", ""),
        "answer_form": forms.get("answer_form")
        or AnswerForm(initial={"language": feedback.language}),
        "answer_list": FeedbackAnswer.objects.filter(feedback=feedback).select_related("author"),
        "can_mail": answers.can_mail(feedback),
        "reference": reference.display(feedback.reference),
    }


def _get_feedback(request, pk):
    _require_moderator(request)
    return get_object_or_404(Feedback.objects.visible_to(request.user), pk=pk)


@login_required
def moderation_detail(request, pk):
    feedback = _get_feedback(request, pk)
    answers.mark_read(feedback, coordinator=request.user)
    return render(request, "feedback/moderation/detail.html", _detail_context(request, feedback))


def _run_action(request, feedback, form, form_key, action):
    """Validate ``form``, run ``action(data)``; on problems re-render the detail with errors."""
    status = 400
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errs in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                form.add_error(None, error)
        except services.FeedbackError as error:
            context = _detail_context(request, feedback)
            context["action_error"] = str(error)
            return render(request, "feedback/moderation/detail.html", context, status=409)
        else:
            return redirect("feedback:moderation_detail", pk=feedback.pk)
    context = _detail_context(request, feedback, **{form_key: form, "open_action": form_key})
    return render(request, "feedback/moderation/detail.html", context, status=status)


@login_required
@require_POST
def moderation_to_signal(request, pk):
    feedback = _get_feedback(request, pk)

    def action(data):
        signal = services.convert_to_signal(
            feedback,
            coordinator=request.user,
            title=data["title"],
            description=data["description"],
        )
        messages.success(
            request,
            _("Er is een signaal gemaakt van deze feedback: %(ref)s.")
            % {"ref": getattr(signal, "reference", signal.pk)},
        )

    return _run_action(request, feedback, ToSignalForm(request.POST), "to_signal_form", action)


@login_required
@require_POST
def moderation_link(request, pk):
    feedback = _get_feedback(request, pk)

    def action(data):
        services.link_to_signal(
            feedback, coordinator=request.user, signal_id=data["signal"], note=data["note"]
        )
        messages.success(request, _("De feedback is gekoppeld aan het signaal."))

    return _run_action(request, feedback, LinkForm(request.POST), "link_form", action)


@login_required
@require_POST
def moderation_archive(request, pk):
    feedback = _get_feedback(request, pk)

    def action(data):
        services.archive(feedback, coordinator=request.user, reason=data["reason"])
        messages.success(request, _("De feedback is gearchiveerd."))

    return _run_action(request, feedback, ArchiveForm(request.POST), "archive_form", action)
