"""Opbrengsten: what a community produced, and offering it as a signal or knowledge draft."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms import (
    OpbrengstForm,
    non_field_error,
)
from ..models import (
    Opbrengst,
)
from .common import MEMBERS_PER_PAGE, POSTS_PER_PAGE, THREADS_PER_PAGE, _back, _data, _page, _render  # noqa: F401  # noqa: F401


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
    return _back(request, community, f"opbrengsten/{opbrengst.pk}/")
