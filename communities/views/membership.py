"""Community home, joining and leaving, members, invitations and member preferences."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms import (
    InviteForm,
    JoinForm,
    PreferenceForm,
    non_field_error,
)
from ..models import (
    Event,
    Membership,
    Opbrengst,
    Thread,
)
from .common import MEMBERS_PER_PAGE, POSTS_PER_PAGE, THREADS_PER_PAGE, _back, _data, _page, _render  # noqa: F401  # noqa: F401


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
