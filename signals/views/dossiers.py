"""Dossiers: the list, the dossier page and one POST handler per operation on it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services, workflow
from ..forms import AssignForm, DossierForm, FollowUpForm, MilestoneForm, NoteForm, apply_errors
from ..models import Dossier, Follow, FollowUp, Note, SignalEvent
from ..workflow import Level
from . import operations
from .common import chain_required, page, timeline
from .consultations import routing_context
from .workbench import action_forms, chosen_template


@chain_required
def dossier_list(request):
    qs = (
        Dossier.objects.visible_to(request.user)
        .annotate(n_signals=Count("signals"))
        .prefetch_related("themes")
        .order_by("-created_at", "-pk")
    )
    level = request.GET.get("level")
    if level in Level.values:
        qs = qs.filter(level=level)
    return render(
        request,
        "signals/dossier_list.html",
        {"page_obj": page(request, qs), "levels": Level.choices, "level": level},
    )


def load_dossier(user, pk):
    return get_object_or_404(
        Dossier.objects.visible_to(user).select_related("assignee", "answer_page"), pk=pk
    )


def render_dossier_page(request, dossier, bound=None):
    user = request.user
    bound = bound or {}
    coordinator = workflow.is_coordinator(user)
    signals = dossier.signals.visible_to(user).for_lists()
    if coordinator:
        signals = signals.select_related("submitted_by")
    context = {
        "dossier": dossier,
        "signals": signals,
        "coordinator": coordinator,
        "can_act": workflow.is_coordinator_of(user, dossier.level),
        "timeline": timeline(
            SignalEvent.objects.filter(dossier=dossier).select_related("actor"), coordinator
        ),
        "milestones": dossier.milestones.all(),
        "followups": FollowUp.objects.filter(dossier=dossier).select_related("author"),
        "notes": Note.objects.visible_to(user).filter(dossier=dossier).select_related("author"),
        "action_forms": action_forms(dossier, user, bound.get("action"), chosen_template(request))
        if coordinator
        else [],
        "note_form": bound.get("note") or NoteForm(),
        "followup_form": bound.get("followup") or FollowUpForm(),
        "dossier_form": bound.get("edit")
        or DossierForm(initial={"title": dossier.title, "analysis": dossier.analysis}),
        "milestone_form": bound.get("milestone") or MilestoneForm(),
        "is_following": Follow.objects.filter(dossier=dossier, user=user).exists(),
        "assign_form": bound.get("assign")
        or AssignForm(initial={"assigned_to": dossier.assignee_id}, level=dossier.level),
    }
    if coordinator:
        context.update(routing_context(dossier, bound))
    context.update(bound.get("extra", {}))
    return render(request, "signals/dossier_detail.html", context)


@chain_required
def dossier_detail(request, pk):
    return render_dossier_page(request, load_dossier(request.user, pk))


def _coordinators_only(user, dossier):
    if not workflow.is_coordinator(user):
        raise PermissionDenied


def _dossier_op(handler, *, coordinators_only=True):
    guard = _coordinators_only if coordinators_only else None
    return chain_required(
        require_POST(
            operations.operation_view(load_dossier, render_dossier_page, handler, guard=guard)
        )
    )


def _follow(on):
    def handler(request, dossier):
        services.follow(dossier, request.user, on=on)
        messages.success(request, _("Bijgewerkt."))
        return redirect(dossier.get_absolute_url())

    return handler


def _edit(request, dossier):
    form = DossierForm(request.POST)
    if form.is_valid():
        try:
            services.update_dossier(dossier, request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Dossier bijgewerkt."))
            return redirect(dossier.get_absolute_url())
    return {"edit": form}


def _milestone(request, dossier):
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            services.add_milestone(dossier, request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect(dossier.get_absolute_url())
    return {"milestone": form}


def _milestone_done(request, dossier):
    pk = request.POST.get("milestone") or ""
    milestone = get_object_or_404(dossier.milestones, pk=int(pk) if pk.isdigit() else 0)
    services.complete_milestone(milestone, request.user)
    return redirect(dossier.get_absolute_url())


dossier_follow = _dossier_op(_follow(True), coordinators_only=False)
dossier_unfollow = _dossier_op(_follow(False), coordinators_only=False)
dossier_edit = _dossier_op(_edit)
dossier_milestone = _dossier_op(_milestone)
dossier_milestone_done = _dossier_op(_milestone_done)
dossier_action = _dossier_op(operations.action)
dossier_assign = _dossier_op(operations.assign)
dossier_note = _dossier_op(operations.note)
dossier_followup = _dossier_op(operations.followup)
dossier_question = _dossier_op(operations.question)
dossier_reroute = _dossier_op(operations.reroute)
dossier_consult = _dossier_op(operations.consult)
