"""Discussions: threads, posts, answers, reports, moderation and raising a signal from a thread."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.sanitize import plain_text

from .. import services
from ..forms import (
    EditPostForm,
    ReasonForm,
    ReplyForm,
    SignalForm,
    ThreadForm,
    non_field_error,
)
from ..models import (
    ModerationLog,
    Post,
    PostReport,
    Thread,
    ThreadFollow,
)
from .common import MEMBERS_PER_PAGE, POSTS_PER_PAGE, THREADS_PER_PAGE, _back, _data, _page, _render  # noqa: F401  # noqa: F401


def threads(request, community):
    community.require_readable(request.user)
    qs = (
        Thread.objects.visible_to(request.user).filter(community=community).select_related("author")
    )
    return _render(
        request,
        community,
        "communities/threads.html",
        {"page_obj": _page(request, qs, THREADS_PER_PAGE)},
    )


@require_http_methods(["GET", "POST"])
def thread_new(request, community):
    community.require_member(request.user)
    form = ThreadForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            thread = services.start_thread(
                community, request.user, form.cleaned_data["title"], request.POST.get("body", "")
            )
        except ValidationError as error:
            non_field_error(form, error)
        else:
            messages.success(request, _("Uw discussie is geplaatst."))
            return redirect(thread.get_path(community.get_url(request)))
    return _render(request, community, "communities/thread_form.html", {"form": form})


def _thread(request, community, pk) -> Thread:
    community.require_readable(request.user)
    return get_object_or_404(
        Thread.objects.visible_to(request.user).select_related("author", "answer"),
        pk=pk,
        community=community,
    )


@require_http_methods(["GET", "POST"])
def thread_detail(request, community, pk):
    thread = _thread(request, community, pk)
    user = request.user
    form = None
    if community.is_member(user):
        initial = {}
        quote_id = request.GET.get("citeer")
        if quote_id and quote_id.isdigit():
            quoted = (
                Post.objects.filter(pk=quote_id, thread=thread, is_hidden=False)
                .select_related("author")
                .first()
            )
            if quoted:
                initial = {"body": services.quote_prefill(quoted), "quote": quoted.pk}
        form = ReplyForm(_data(request), initial=initial)
        if request.method == "POST" and form.is_valid():
            quoted = None
            if form.cleaned_data.get("quote"):
                quoted = Post.objects.filter(pk=form.cleaned_data["quote"], thread=thread).first()
            try:
                post = services.reply(thread, user, request.POST.get("body", ""), quoted)
            except ValidationError as error:
                non_field_error(form, error)
            else:
                messages.success(request, _("Uw reactie is geplaatst."))
                count = Post.objects.filter(thread=thread, pk__lte=post.pk).count()
                page_number = (count - 1) // POSTS_PER_PAGE + 1
                return redirect(
                    f"{thread.get_path(community.get_url(request))}?page={page_number}#bericht-{post.pk}"
                )
    elif request.method == "POST":
        raise PermissionDenied(_("Alleen leden kunnen reageren."))
    posts = (
        Post.objects.filter(thread=thread)
        .select_related("author__organisation", "quoted_post")
        .order_by("created_at", "pk")
    )
    page_obj = _page(request, posts, POSTS_PER_PAGE)
    now = timezone.now()
    window = services.edit_window()
    is_fac = community.is_facilitator(user)
    can_answer = services.can_mark_answer(thread, user)
    for post in page_obj:
        post.can_edit = (
            post.author_id == user.pk and not post.is_hidden and now <= post.created_at + window
        )
        post.show_body = not post.is_hidden or is_fac
    following = ThreadFollow.objects.filter(thread=thread, user=user).exists()
    return _render(
        request,
        community,
        "communities/thread.html",
        {
            "thread": thread,
            "page_obj": page_obj,
            "form": form,
            "following": following,
            "can_answer": can_answer,
            "thread_url": thread.get_path(community.get_url(request)),
        },
    )


@require_http_methods(["POST"])
def thread_follow(request, community, pk):
    thread = _thread(request, community, pk)
    if request.POST.get("action") == "unfollow":
        services.unfollow(thread, request.user)
        messages.success(request, _("U volgt deze discussie niet meer."))
    else:
        services.follow(thread, request.user)
        messages.success(
            request, _("U volgt deze discussie. U krijgt bericht bij nieuwe reacties.")
        )
    return redirect(thread.get_path(community.get_url(request)))


@require_http_methods(["GET", "POST"])
def thread_signal(request, community, pk):
    thread = _thread(request, community, pk)
    community.require_facilitator(request.user)
    opening = thread.posts.filter(is_opening=True).first()
    form = SignalForm(
        _data(request),
        initial={
            "title": thread.title,
            "description": plain_text(opening.body, 5000) if opening else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.thread_to_signal(
                thread,
                request.user,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            non_field_error(form, error)
        else:
            messages.success(
                request, _("Het signaal is namens de community gemeld bij het lerend stelsel.")
            )
            return redirect(thread.get_path(community.get_url(request)))
    return _render(
        request, community, "communities/thread_signal.html", {"form": form, "thread": thread}
    )


def _post(request, community, pk) -> Post:
    community.require_readable(request.user)
    return get_object_or_404(
        Post.objects.select_related("thread", "author"), pk=pk, thread__community=community
    )


@require_http_methods(["GET", "POST"])
def post_edit(request, community, pk):
    post = _post(request, community, pk)
    if post.author_id != request.user.pk:
        raise PermissionDenied(_("U kunt alleen uw eigen berichten bewerken."))
    thread_url = post.thread.get_path(community.get_url(request))
    if not services.can_edit(post, request.user):
        messages.error(
            request,
            _("Een bericht kan tot %(minutes)s minuten na plaatsen worden bewerkt.")
            % {"minutes": int(services.edit_window().total_seconds() // 60)},
        )
        return redirect(thread_url)
    form = EditPostForm(_data(request), initial={"body": post.body})
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_post(post, request.user, request.POST.get("body", ""))
        except ValidationError as error:
            non_field_error(form, error)
        else:
            messages.success(request, _("Uw bericht is bijgewerkt."))
            return redirect(f"{thread_url}#bericht-{post.pk}")
    return _render(request, community, "communities/post_edit.html", {"form": form, "post": post})


@require_http_methods(["POST"])
def post_answer(request, community, pk):
    post = _post(request, community, pk)
    thread = post.thread
    thread.community = community
    try:
        if request.POST.get("action") == "unmark":
            services.mark_answer(thread, None, request.user)
            messages.success(request, _("Het antwoord is niet meer gemarkeerd."))
        else:
            services.mark_answer(thread, post, request.user)
            messages.success(request, _("Deze reactie is gemarkeerd als het antwoord."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(thread.get_path(community.get_url(request)))


@require_http_methods(["GET", "POST"])
def post_report(request, community, pk):
    post = _post(request, community, pk)
    community.require_member(request.user)
    form = ReasonForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.report_post(post, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            messages.success(request, _("Dank u. De facilitatoren bekijken uw melding."))
            return redirect(post.thread.get_path(community.get_url(request)))
    return _render(
        request,
        community,
        "communities/post_reason.html",
        {"form": form, "post": post, "mode": "report"},
    )


@require_http_methods(["GET", "POST"])
def post_moderate(request, community, pk, action):
    if action not in ("verbergen", "herstellen"):
        raise Http404
    post = _post(request, community, pk)
    community.require_facilitator(request.user)
    form = ReasonForm(_data(request))
    if request.method == "POST" and form.is_valid():
        fn = services.hide_post if action == "verbergen" else services.restore_post
        try:
            fn(post, request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            messages.success(
                request,
                _("Het bericht is verborgen.")
                if action == "verbergen"
                else _("Het bericht is weer zichtbaar."),
            )
            return redirect(post.thread.get_path(community.get_url(request)))
    return _render(
        request,
        community,
        "communities/post_reason.html",
        {"form": form, "post": post, "mode": action},
    )


def moderation(request, community):
    community.require_facilitator(request.user)
    if request.method == "POST":
        report = get_object_or_404(
            PostReport, pk=request.POST.get("report"), post__thread__community=community
        )
        services.dismiss_report(report, request.user)
        messages.success(request, _("De melding is afgehandeld zonder maatregel."))
        return _back(request, community, "moderatie/")
    reports = (
        PostReport.objects.filter(post__thread__community=community, handled_at__isnull=True)
        .select_related("post__thread", "post__author", "reporter")
        .order_by("created_at")[:100]
    )
    log = ModerationLog.objects.filter(community=community).select_related("actor", "post__thread")
    return _render(
        request,
        community,
        "communities/moderation.html",
        {"reports": list(reports), "page_obj": _page(request, log, 50)},
    )
