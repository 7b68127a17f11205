"""The coordinators' workbench: the level list, bulk actions and the signal page with its
operations (one POST handler each)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.input_bounds import parse_ids

from .. import conf, services, workflow
from ..forms import ActionForm, AssignForm, BulkForm, BundleForm, FilterForm, FollowUpForm, NoteForm
from ..models import Dossier, FollowUp, Note, Signal, SignalEvent, Support, Team
from ..queries import filter_signals, similar_signals
from ..workflow import Level
from . import operations
from .common import coordinator_required, page, safe_next, timeline
from .consultations import routing_context


def _herkend_from_below(user, level):
    """Open signals one level below that many professionals recognise (the threshold)."""
    index = workflow.LEVEL_ORDER.index(Level(level))
    if index == 0:
        return []
    return (
        Signal.objects.visible_to(user)
        .filter(
            level=workflow.LEVEL_ORDER[index - 1],
            support_count__gte=conf.herkend_threshold(),
        )
        .exclude(status__in=workflow.CLOSED_STATES)
        .order_by("-support_count", "-pk")[:10]
    )


@coordinator_required
def workbench(request):
    user = request.user
    levels = workflow.coordinator_levels(user)
    form = FilterForm(request.GET or None)
    filters = form.filters()
    level = filters.get("level") or request.GET.get("level") or levels[0]
    if level not in Level.values:
        level = levels[0]
    filters["level"] = level
    show_closed = request.GET.get("afgesloten") == "1"
    if not filters.get("status") and not show_closed:
        filters["open_only"] = True
    qs = filter_signals(
        Signal.objects.visible_to(user).for_lists().select_related("submitted_by", "assignee"),
        filters,
    )
    # Opens on "my teams"; ?scope=niveau shows the whole level (coordinators of it, and
    # anyone without a team at this level).
    my_teams = list(Team.objects.of_member(user).filter(level=level).order_by("name"))
    whole_level = request.GET.get("scope") == "niveau" or not my_teams
    if not whole_level:
        qs = qs.filter(team__in=my_teams)
    from notifications.models import SavedFilter

    from .saved_filters import workbench_query

    context = {
        "saved_filters": list(SavedFilter.objects.visible_to(user).only("pk", "name", "query")),
        "current_query": workbench_query(request.GET.urlencode()),
        "my_teams": my_teams,
        "whole_level": whole_level,
        "herkend_threshold": conf.herkend_threshold(),
        "herkend_from_below": _herkend_from_below(user, level),
        "form": form,
        "level": Level(level),
        "levels": [Level(v) for v in Level.values],
        "my_levels": levels,
        "can_act": workflow.is_coordinator_of(user, level),
        "page_obj": page(request, qs),
        "bulk_form": BulkForm(),
        "show_closed": show_closed,
        "export_query": request.GET.urlencode(),
        "dossiers": Dossier.objects.filter(level=level)
        .open()
        .annotate(n_signals=Count("signals"))
        .order_by("deadline")[:20],
    }
    return render(request, "signals/workbench.html", context)


def _bulk_bundle(request, signals, form, back):
    target = form.cleaned_data["dossier"] or (form.cleaned_data["new_title"] or "").strip()
    if not target:
        messages.error(request, _("Kies een dossier of geef een titel voor een nieuw."))
        return HttpResponseRedirect(back)
    try:
        dossier = services.bundle(signals, target, request.user, form.cleaned_data["reason"])
    except (services.SignalError, ValidationError) as error:
        messages.error(request, getattr(error, "message", None) or " ".join(error.messages))
        return HttpResponseRedirect(back)
    messages.success(
        request,
        _("%(n)d signalen gebundeld in dossier %(d)s.") % {"n": len(signals), "d": dossier.title},
    )
    return redirect(dossier.get_absolute_url())


@coordinator_required
@require_POST
def workbench_bulk(request):
    user = request.user
    back = safe_next(request, reverse("signals:workbench"))
    form = BulkForm(request.POST)
    ids = parse_ids(request.POST.getlist("signals"))  # ASCII digits within bigint only
    if not form.is_valid() or not ids:
        messages.error(request, _("Kies een handeling en minstens één signaal."))
        return HttpResponseRedirect(back)
    signals = list(Signal.objects.visible_to(user).filter(pk__in=ids).order_by("pk"))
    action = form.cleaned_data["action"]
    if action == "bundle":
        return _bulk_bundle(request, signals, form, back)
    done, failed = 0, []
    for signal in signals:
        try:
            services.apply_action(signal, action, user, form.cleaned_data["reason"])
            done += 1
        except services.SignalError as error:
            failed.append(f"{signal.reference}: {error.message}")
        except ValidationError as error:
            failed.append(f"{signal.reference}: {' '.join(error.messages)}")
    if done:
        messages.success(request, _("%(n)d signalen bijgewerkt.") % {"n": done})
    if failed:
        messages.error(request, _("Niet gelukt: %(list)s") % {"list": "; ".join(failed[:10])})
    return HttpResponseRedirect(back)


def action_forms(obj, user, bound=None, chosen_template=None):
    """One form per available action; reply templates offered, a chosen one filled in."""
    from ..services.replies import render, templates_by_action

    forms = []
    actions = [
        action
        for action in workflow.available_actions(obj, user)
        if action.name not in {"bundle", "assign"}
    ]
    templates = templates_by_action(obj, [action.name for action in actions])
    for action in actions:
        form = bound if bound is not None and bound.initial.get("action") == action.name else None
        if form is None:
            initial = {"action": action.name}
            if chosen_template is not None and chosen_template.action == action.name:
                initial["reason"] = render(chosen_template, obj)
            form = ActionForm(initial=initial, prefix=action.name)
        form.fields["reason"].label = action.reason_label
        form.fields["reason"].required = action.reason_required
        forms.append(
            {
                "action": action,
                "form": form,
                "templates": templates[action.name],
                "open": chosen_template is not None and chosen_template.action == action.name,
            }
        )
    return forms


def chosen_template(request):
    from ..models import ReplyTemplate

    value = request.GET.get("sjabloon", "")
    return ReplyTemplate.objects.filter(pk=int(value)).first() if value.isdigit() else None


def load_signal(user, pk):
    return get_object_or_404(
        Signal.objects.visible_to(user).select_related(
            "phase",
            "organisation",
            "region",
            "dossier",
            "submitted_by",
            "assignee",
            "answer_page",
        ),
        pk=pk,
    )


def render_signal_page(request, signal, bound=None):
    user = request.user
    bound = bound or {}
    available = {a.name for a in workflow.available_actions(signal, user)}
    context = {
        "signal": signal,
        "timeline": timeline(
            SignalEvent.objects.filter(signal=signal).select_related("actor"), True
        ),
        "notes": Note.objects.visible_to(user).filter(signal=signal).select_related("author"),
        "followups": FollowUp.objects.filter(signal=signal).select_related("author"),
        "similar": similar_signals(f"{signal.title} {signal.description}", user, exclude=signal),
        "action_forms": action_forms(signal, user, bound.get("action"), chosen_template(request)),
        "can_bundle": "bundle" in available,
        "can_assign": "assign" in available,
        "can_act": workflow.is_coordinator_of(user, signal.level),
        "bundle_form": bound.get("bundle") or BundleForm(),
        "assign_form": bound.get("assign")
        or AssignForm(initial={"assigned_to": signal.assignee_id}, level=signal.level),
        "note_form": bound.get("note") or NoteForm(),
        "followup_form": bound.get("followup") or FollowUpForm(),
        "supporters": Support.objects.filter(signal=signal).select_related("user"),
        **routing_context(signal, bound),
    }
    context.update(bound.get("extra", {}))
    return render(request, "signals/workbench_detail.html", context)


@coordinator_required
def workbench_detail(request, pk):
    return render_signal_page(request, load_signal(request.user, pk))


def _signal_op(handler):
    return coordinator_required(
        require_POST(operations.operation_view(load_signal, render_signal_page, handler))
    )


signal_action = _signal_op(operations.action)
signal_assign = _signal_op(operations.assign)
signal_bundle = _signal_op(operations.bundle)
signal_note = _signal_op(operations.note)
signal_followup = _signal_op(operations.followup)
signal_question = _signal_op(operations.question)
signal_reroute = _signal_op(operations.reroute)
signal_consult = _signal_op(operations.consult)
signal_concerned = _signal_op(operations.concerned)
