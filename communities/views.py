"""Views of a community. Each receives the (already visibility-checked) community page.

Reads go through ``visible_to`` / ``can_read``; writes through ``services``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import services
from .forms import (
    DocumentForm,
    EditPostForm,
    EventForm,
    InviteForm,
    JoinForm,
    OpbrengstForm,
    PreferenceForm,
    ReasonForm,
    ReplyForm,
    ReportForm,
    SignalForm,
    ThreadForm,
    non_field_error,
)
from .models import (
    RSVP,
    Document,
    Event,
    Membership,
    ModerationLog,
    Opbrengst,
    Post,
    PostReport,
    Thread,
    ThreadFollow,
)

POSTS_PER_PAGE = 25
MEMBERS_PER_PAGE = 50
THREADS_PER_PAGE = 20


def _render(request, community, template, context=None, status=200):
    base = community.get_url(request)
    membership = community.membership_of(request.user)
    ctx = {
        "page": community,
        "self": community,
        "community": community,
        "base": base,
        "membership": membership,
        "is_member": community.is_member(request.user),
        "is_facilitator": community.is_facilitator(request.user),
        "can_read": community.can_read(request.user),
    }
    ctx.update(context or {})
    return TemplateResponse(request, template, ctx, status=status)


def _data(request):
    return request.POST if request.method == "POST" else None


def _back(request, community, fallback=""):
    return redirect(community.get_url(request) + fallback)


def _page(request, queryset, per_page):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


# --------------------------------------------------------------------------- home and membership


def community_home(request, community):
    user = request.user
    context = {}
    if community.can_read(user):
        readable = community.can_read(user)
        context.update(
            readable=readable,
            threads=list(
                Thread.objects.visible_to(user)
                .filter(community=community)
                .select_related("author")[:5]
            ),
            events=list(Event.objects.visible_to(user).filter(community=community).upcoming()[:3]),
            opbrengsten=list(Opbrengst.objects.visible_to(user).filter(community=community)[:3]),
        )
    context["member_count"] = Membership.objects.active().filter(community=community).count()
    context["join_form"] = JoinForm()
    return _render(request, community, "communities/community_page.html", context)


@require_http_methods(["GET", "POST"])
def join(request, community):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    form = JoinForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.join(
                community, request.user, form.cleaned_data.get("motivation", "")
            )
        except ValidationError as error:
            non_field_error(form, error)
        else:
            if membership.status == Membership.Status.ACTIVE:
                messages.success(request, _("Welkom! U bent nu lid van deze community."))
            else:
                messages.success(
                    request,
                    _(
                        "Uw aanvraag is verstuurd. U hoort het zodra een facilitator heeft besloten."
                    ),
                )
            return _back(request, community)
    return _render(request, community, "communities/join.html", {"form": form})


@require_http_methods(["POST"])
def leave(request, community):
    community.require_member(request.user)
    try:
        services.leave(community, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _back(request, community)
    messages.success(request, _("U bent geen lid meer van deze community."))
    return _back(request, community)


def members(request, community):
    community.require_readable(request.user)
    memberships = (
        Membership.objects.visible_to(request.user)
        .active()
        .filter(community=community)
        .select_related("user__organisation")
        .order_by("-role", "user__last_name", "user__first_name", "pk")
    )
    context = {"page_obj": _page(request, memberships, MEMBERS_PER_PAGE)}
    if community.is_facilitator(request.user):
        context["requests"] = list(
            Membership.objects.filter(community=community, status=Membership.Status.REQUESTED)
            .select_related("user__organisation")
            .order_by("created_at")[:100]
        )
        context["invitations"] = list(
            community.invitations.filter(accepted_at__isnull=True, revoked_at__isnull=True)[:50]
        )
    return _render(request, community, "communities/members.html", context)


@require_http_methods(["POST"])
def member_action(request, community, pk, action):
    community.require_facilitator(request.user)
    membership = get_object_or_404(Membership, pk=pk, community=community)
    actions = {
        "goedkeuren": (services.approve, _("De aanvraag is goedgekeurd.")),
        "afwijzen": (services.decline, _("De aanvraag is afgewezen.")),
        "verwijderen": (services.remove_member, _("Het lid is uit de community verwijderd.")),
        "facilitator": (
            lambda m, actor: services.hand_over_facilitator(community, actor, m),
            _("De rol van facilitator is overgedragen."),
        ),
    }
    if action not in actions:
        raise Http404
    fn, done = actions[action]
    try:
        fn(membership, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    community.forget_membership(request.user)
    return _back(request, community, "leden/")


@require_http_methods(["GET", "POST"])
def invite(request, community):
    community.require_facilitator(request.user)
    form = InviteForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.invite(
                community, request.user, form.cleaned_data["email"], form.cleaned_data["message"]
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request,
                _("De uitnodiging is verstuurd naar %(email)s.")
                % {"email": form.cleaned_data["email"]},
            )
            return _back(request, community, "leden/")
    return _render(request, community, "communities/invite.html", {"form": form})


@require_http_methods(["GET", "POST"])
def preferences(request, community):
    community.require_member(request.user)
    membership = community.membership_of(request.user)
    form = PreferenceForm(
        _data(request),
        initial={"notification_preference": membership.notification_preference},
    )
    if request.method == "POST" and form.is_valid():
        services.set_notification_preference(
            membership, form.cleaned_data["notification_preference"]
        )
        messages.success(request, _("Uw voorkeur is opgeslagen."))
        return _back(request, community)
    return _render(request, community, "communities/preferences.html", {"form": form})


# --------------------------------------------------------------------------- discussions


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
    from core.sanitize import plain_text

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
        except ImportError:
            form.add_error(None, _("Signalen melden is op dit moment niet beschikbaar."))
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


# --------------------------------------------------------------------------- events


def events(request, community):
    community.require_readable(request.user)
    qs = Event.objects.visible_to(request.user).filter(community=community)
    now = timezone.now()
    return _render(
        request,
        community,
        "communities/events.html",
        {
            "upcoming": list(qs.filter(ends_at__gte=now).order_by("starts_at")[:50]),
            "past": list(qs.filter(ends_at__lt=now).order_by("-starts_at")[:50]),
        },
    )


def _event(request, community, pk) -> Event:
    community.require_readable(request.user)
    return get_object_or_404(Event.objects.visible_to(request.user), pk=pk, community=community)


def event_detail(request, community, pk):
    event = _event(request, community, pk)
    rsvps = list(
        RSVP.objects.filter(event=event)
        .exclude(status=RSVP.Status.CANCELLED)
        .select_related("user__organisation")
    )
    going = [r for r in rsvps if r.status == RSVP.Status.GOING]
    waitlist = [r for r in rsvps if r.status == RSVP.Status.WAITLIST]
    mine = next((r for r in rsvps if r.user_id == request.user.pk), None)
    places_left = None if event.capacity is None else max(event.capacity - len(going), 0)
    return _render(
        request,
        community,
        "communities/event.html",
        {
            "event": event,
            "going": going,
            "waitlist": waitlist,
            "mine": mine,
            "places_left": places_left,
        },
    )


@require_http_methods(["GET", "POST"])
def event_edit(request, community, pk=None):
    community.require_facilitator(request.user)
    event = get_object_or_404(Event, pk=pk, community=community) if pk else None
    form = EventForm(_data(request), instance=event)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items()}
        try:
            event = services.save_event(community, request.user, event, **fields)
        except ValidationError as error:
            non_field_error(form, error)
        else:
            messages.success(request, _("De bijeenkomst is opgeslagen."))
            return _back(request, community, f"bijeenkomsten/{event.pk}/")
    return _render(
        request, community, "communities/event_form.html", {"form": form, "event": event}
    )


@require_http_methods(["POST"])
def event_rsvp(request, community, pk):
    event = _event(request, community, pk)
    try:
        result = services.rsvp(event, request.user)
    except services.EventFull:
        messages.error(request, _("Deze bijeenkomst is vol. Aanmelden kan niet meer."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if result.status == RSVP.Status.GOING:
            messages.success(request, _("U bent aangemeld."))
        else:
            messages.info(
                request,
                _(
                    "De bijeenkomst is vol. U staat op de wachtlijst en hoort het als er plaats vrijkomt."
                ),
            )
    return _back(request, community, f"bijeenkomsten/{event.pk}/")


@require_http_methods(["POST"])
def event_cancel(request, community, pk):
    event = _event(request, community, pk)
    services.cancel_rsvp(event, request.user)
    messages.success(request, _("U bent afgemeld."))
    return _back(request, community, f"bijeenkomsten/{event.pk}/")


def event_ics(request, community, pk):
    event = _event(request, community, pk)
    response = HttpResponse(
        services.event_ics(event).encode("utf-8"), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{event.pk}.ics"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def event_report(request, community, pk):
    event = _event(request, community, pk)
    community.require_facilitator(request.user)
    form = ReportForm(_data(request), initial={"report": event.report})
    if request.method == "POST" and form.is_valid():
        services.write_report(event, request.user, form.cleaned_data["report"])
        messages.success(request, _("Het verslag is opgeslagen."))
        return _back(request, community, f"bijeenkomsten/{event.pk}/")
    return _render(
        request, community, "communities/event_report.html", {"form": form, "event": event}
    )


# --------------------------------------------------------------------------- documents


@require_http_methods(["GET", "POST"])
def documents(request, community):
    community.require_readable(request.user)
    form = None
    if community.is_member(request.user):
        form = DocumentForm(_data(request), request.FILES if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                services.add_document(
                    community, request.user, form.cleaned_data["title"], form.cleaned_data["file"]
                )
            except ValidationError as error:
                non_field_error(form, error)
            else:
                messages.success(request, _("Het document is toegevoegd."))
                return _back(request, community, "documenten/")
    elif request.method == "POST":
        raise PermissionDenied
    qs = (
        Document.objects.visible_to(request.user)
        .filter(community=community)
        .select_related("uploaded_by")
    )
    return _render(
        request,
        community,
        "communities/documents.html",
        {"form": form, "page_obj": _page(request, qs, 50)},
    )


def document_download(request, community, pk):
    community.require_readable(request.user)
    document = get_object_or_404(
        Document.objects.visible_to(request.user), pk=pk, community=community
    )
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_http_methods(["POST"])
def document_delete(request, community, pk):
    community.require_member(request.user)
    document = get_object_or_404(Document, pk=pk, community=community)
    services.delete_document(document, request.user)
    messages.success(request, _("Het document is verwijderd."))
    return _back(request, community, "documenten/")


# --------------------------------------------------------------------------- opbrengsten


def opbrengsten(request, community):
    community.require_readable(request.user)
    qs = Opbrengst.objects.visible_to(request.user).filter(community=community)
    return _render(
        request, community, "communities/opbrengsten.html", {"page_obj": _page(request, qs, 20)}
    )


@require_http_methods(["GET", "POST"])
def opbrengst_edit(request, community):
    community.require_facilitator(request.user)
    initial = {}
    thread_id = request.GET.get("discussie")
    if thread_id and thread_id.isdigit():
        thread = community.threads.filter(pk=thread_id).first()
        if thread:
            initial = {"source_thread": thread.pk, "title": thread.title}
    form = OpbrengstForm(_data(request), community=community, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            opbrengst = services.save_opbrengst(
                community,
                request.user,
                kind=data["kind"],
                title=data["title"],
                summary=data["summary"],
                body=data.get("body", ""),
                source_thread=data.get("source_thread"),
            )
        except ValidationError as error:
            non_field_error(form, error)
        else:
            messages.success(request, _("De opbrengst is opgeslagen."))
            return _back(request, community, f"opbrengsten/{opbrengst.pk}/")
    return _render(request, community, "communities/opbrengst_form.html", {"form": form})


def opbrengst_detail(request, community, pk):
    community.require_readable(request.user)
    opbrengst = get_object_or_404(
        Opbrengst.objects.visible_to(request.user).select_related(
            "source_thread", "knowledge_page", "created_by"
        ),
        pk=pk,
        community=community,
    )
    return _render(request, community, "communities/opbrengst.html", {"opbrengst": opbrengst})


@require_http_methods(["POST"])
def opbrengst_offer(request, community, pk):
    community.require_facilitator(request.user)
    opbrengst = get_object_or_404(Opbrengst, pk=pk, community=community)
    target = request.POST.get("target")
    try:
        if target == "signal":
            services.raise_signal_from_opbrengst(opbrengst, request.user)
            messages.success(request, _("De opbrengst is als signaal gemeld namens de community."))
        elif target in Opbrengst.KnowledgeKind.values:
            services.offer_to_knowledge(opbrengst, request.user, target)
            messages.success(request, _("De opbrengst is als concept aangeboden aan de redactie."))
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except ImportError:
        messages.error(request, _("Dit is op dit moment niet beschikbaar. Probeer het later."))
    return _back(request, community, f"opbrengsten/{opbrengst.pk}/")


# --------------------------------------------------------------------------- invitations (Django view)


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    invitation = services.invitation_from_token(token)
    if invitation is None:
        return TemplateResponse(request, "communities/invitation_invalid.html", status=400)
    community = invitation.community.specific
    context = {"invitation": invitation, "community": community, "token": token}
    if request.user.is_authenticated and request.method == "POST":
        try:
            services.accept_invitation(invitation, request.user)
        except (PermissionDenied, ValidationError) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            messages.success(
                request, _("Welkom! U bent nu lid van %(name)s.") % {"name": community.title}
            )
            return redirect(community.get_url(request))
    return TemplateResponse(request, "communities/invitation.html", context)
