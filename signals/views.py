"""Web pages of the signals app. They read through ``visible_to`` and write through services."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.input_bounds import parse_ids

from . import exports, services, workflow
from .forms import (
    ActionForm,
    AssignForm,
    BulkForm,
    BundleForm,
    DossierForm,
    FilterForm,
    FollowUpForm,
    MilestoneForm,
    NoteForm,
    ProvideInfoForm,
    RatingForm,
    SignalForm,
    apply_errors,
)
from .models import (
    PUBLIC_EVENT_ACTIONS,
    Dossier,
    Follow,
    FollowUp,
    Note,
    OutcomeRating,
    Signal,
    SignalEvent,
    Support,
    can_see_submitter,
    is_chain_professional,
)
from .queries import filter_signals, similar_signals
from .workflow import CLOSED_STATES, Level, Status

PAGE_SIZE = 25


def chain_required(view):
    """Signed-in chain professionals only (inburgeraars and anonymous visitors are refused)."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not is_chain_professional(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def coordinator_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not workflow.is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _page(request, qs, size=PAGE_SIZE):
    return Paginator(qs, size).get_page(request.GET.get("page"))


# --------------------------------------------------------------------------- intake


@chain_required
def submit(request):
    user = request.user
    form = SignalForm(
        request.POST or None,
        initial={"organisation": user.organisation_id, "urgency": "normaal"},
    )
    similar = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not request.POST.get("confirm"):
            similar = list(
                similar_signals(f"{data['title']} {data['description']}", user).select_related(
                    "organisation"
                )
            )
        if not similar:
            try:
                signal = services.create_signal(
                    submitted_by=user,
                    title=data["title"],
                    description=data["description"],
                    themes=data["themes"],
                    phase=data["phase"],
                    organisation=data["organisation"],
                    region=data["region"],
                    frequency=data["frequency"] or None,
                    affected_count=data["affected_count"],
                    urgency=data["urgency"],
                    suggestion=data["suggestion"],
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Dank u wel. Uw signaal %(ref)s is ingediend en staat bij de coördinator "
                        "van het uitvoeringsniveau."
                    )
                    % {"ref": signal.reference},
                )
                return redirect(signal.get_absolute_url())
    return render(request, "signals/signal_form.html", {"form": form, "similar": similar})


@chain_required
def similar_json(request):
    """Similar signals while typing (progressive enhancement of the submit form)."""
    query = (request.GET.get("q") or "")[:1000]
    results = similar_signals(query, request.user) if len(query) >= 4 else []
    return JsonResponse(
        {
            "results": [
                {
                    "id": s.pk,
                    "reference": s.reference,
                    "title": s.title,
                    "status": Status(s.status).label,
                    "support_count": s.support_count,
                    "url": s.get_absolute_url(),
                }
                for s in results
            ]
        }
    )


# --------------------------------------------------------------------------- lists


@chain_required
def signal_list(request):
    form = FilterForm(request.GET or None)
    qs = filter_signals(Signal.objects.visible_to(request.user).for_lists(), form.filters())
    return render(
        request,
        "signals/signal_list.html",
        {"form": form, "page_obj": _page(request, qs), "export_query": request.GET.urlencode()},
    )


MINE_PAGE_SIZE = 20


@login_required
def mine(request):
    """The user's own, supported and followed signals and followed dossiers.

    Each list is paged on its own (``?ingediend=2``, ``?herkend=2``, ``?gevolgd=2``,
    ``?dossiers=2``), so a professional with hundreds of signals gets a fast page.
    """
    user = request.user
    visible = Signal.objects.visible_to(user).for_lists().order_by("-created_at", "-pk")

    def page(qs, param):
        return Paginator(qs, MINE_PAGE_SIZE).get_page(request.GET.get(param))

    context = {
        "submitted": page(visible.filter(submitted_by=user), "ingediend"),
        "supported": page(visible.filter(supports__user=user), "herkend"),
        "followed": page(visible.filter(follows__user=user), "gevolgd"),
        "followed_dossiers": page(
            Dossier.objects.visible_to(user)
            .filter(follows__user=user)
            .order_by("-created_at", "-pk"),
            "dossiers",
        ),
    }
    return render(request, "signals/mine.html", context)


# --------------------------------------------------------------------------- detail


def _timeline(events, show_people: bool):
    return [
        {
            "event": e,
            "actor": (e.actor.display_name if e.actor and show_people else ""),
        }
        for e in events
    ]


@login_required
def signal_detail(request, pk):
    user = request.user
    signal = get_object_or_404(
        Signal.objects.visible_to(user).select_related(
            "phase", "organisation", "region", "dossier", "submitted_by", "answer_page"
        ),
        pk=pk,
    )
    show_people = can_see_submitter(user, signal)
    is_submitter = signal.submitted_by_id == user.pk
    rating_form = provide_form = None
    if request.method == "POST":
        op = request.POST.get("op")
        try:
            if op == "support":
                if services.support(signal, user):
                    messages.success(request, _("U herkent dit signaal. Dank u wel."))
                else:
                    messages.info(request, _("U had dit signaal al herkend."))
                return redirect(_safe_next(request, signal.get_absolute_url()))
            if op == "unsupport":
                services.unsupport(signal, user)
                messages.info(request, _("U herkent dit signaal niet meer."))
                return redirect(signal.get_absolute_url())
            if op in ("follow", "unfollow"):
                services.follow(signal, user, on=op == "follow")
                messages.success(
                    request,
                    _("U volgt dit signaal.")
                    if op == "follow"
                    else _("U volgt dit signaal niet meer."),
                )
                return redirect(signal.get_absolute_url())
            if op == "rate":
                rating_form = RatingForm(request.POST)
                if rating_form.is_valid():
                    services.rate_outcome(
                        signal,
                        user,
                        rating_form.cleaned_data["rating"],
                        rating_form.cleaned_data["comment"],
                    )
                    messages.success(request, _("Dank u wel voor uw beoordeling."))
                    return redirect(signal.get_absolute_url())
            if op == "provide_info":
                provide_form = ProvideInfoForm(request.POST)
                if provide_form.is_valid():
                    services.apply_action(
                        signal, "provide_info", user, provide_form.cleaned_data["reason"]
                    )
                    messages.success(request, _("Uw aanvulling is doorgegeven aan de coördinator."))
                    return redirect(signal.get_absolute_url())
        except ValidationError as error:
            target = rating_form if op == "rate" else provide_form
            if target is not None:
                apply_errors(target, error)
            else:
                messages.error(request, " ".join(error.messages))
        except services.SignalError as error:
            messages.error(request, error.message)
            return redirect(signal.get_absolute_url())
    events = SignalEvent.objects.filter(signal=signal).select_related("actor")
    rated = False
    if is_submitter and signal.status in CLOSED_STATES and signal.outcome_at:
        rated = OutcomeRating.objects.filter(
            signal=signal, user=user, outcome_at=signal.outcome_at
        ).exists()
    context = {
        "signal": signal,
        "show_submitter": show_people,
        "is_submitter": is_submitter,
        "timeline": _timeline(events, show_people or workflow.is_coordinator(user)),
        "followups": FollowUp.objects.filter(signal=signal).select_related("author"),
        "is_supporter": Support.objects.filter(signal=signal, user=user).exists(),
        "is_following": Follow.objects.filter(signal=signal, user=user).exists(),
        "can_rate": is_submitter
        and signal.status in CLOSED_STATES
        and bool(signal.outcome_at)
        and not rated,
        "rating_form": rating_form or RatingForm(),
        "provide_form": provide_form or ProvideInfoForm(),
        "is_coordinator": workflow.is_coordinator(user),
    }
    return render(request, "signals/signal_detail.html", context)


# --------------------------------------------------------------------------- workbench


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
        Signal.objects.visible_to(user).for_lists().select_related("submitted_by", "assigned_to"),
        filters,
    )
    context = {
        "form": form,
        "level": Level(level),
        "levels": [Level(v) for v in Level.values],
        "my_levels": levels,
        "can_act": workflow.is_coordinator_of(user, level),
        "page_obj": _page(request, qs),
        "bulk_form": BulkForm(),
        "show_closed": show_closed,
        "export_query": request.GET.urlencode(),
        "dossiers": Dossier.objects.filter(level=level)
        .open()
        .annotate(n_signals=Count("signals"))
        .order_by("deadline")[:20],
    }
    return render(request, "signals/workbench.html", context)


@coordinator_required
@require_POST
def workbench_bulk(request):
    user = request.user
    back = _safe_next(request, reverse("signals:workbench"))
    form = BulkForm(request.POST)
    ids = parse_ids(request.POST.getlist("signals"))  # ASCII digits within bigint only
    if not form.is_valid() or not ids:
        messages.error(request, _("Kies een handeling en minstens één signaal."))
        return HttpResponseRedirect(back)
    signals = list(Signal.objects.visible_to(user).filter(pk__in=ids).order_by("pk"))
    action = form.cleaned_data["action"]
    reason = form.cleaned_data["reason"]
    try:
        if action == "bundle":
            target = form.cleaned_data["dossier"] or (form.cleaned_data["new_title"] or "").strip()
            if not target:
                messages.error(request, _("Kies een dossier of geef een titel voor een nieuw."))
                return HttpResponseRedirect(back)
            dossier = services.bundle(signals, target, user, reason)
            messages.success(
                request,
                _("%(n)d signalen gebundeld in dossier %(d)s.")
                % {"n": len(signals), "d": dossier.title},
            )
            return redirect(dossier.get_absolute_url())
    except (services.SignalError, ValidationError) as error:
        messages.error(request, getattr(error, "message", None) or " ".join(error.messages))
        return HttpResponseRedirect(back)
    done, failed = 0, []
    for signal in signals:
        try:
            services.apply_action(signal, action, user, reason)
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


def _action_forms(obj, user, bound=None):
    forms = []
    for action in workflow.available_actions(obj, user):
        if action.name in {"bundle", "assign"}:
            continue
        form = bound if bound is not None and bound.initial.get("action") == action.name else None
        if form is None:
            form = ActionForm(initial={"action": action.name}, prefix=action.name)
        form.fields["reason"].label = action.reason_label
        form.fields["reason"].required = action.reason_required
        forms.append({"action": action, "form": form})
    return forms


def _handle_common_post(request, obj, user):
    """POST handling shared by the signal workbench page and the dossier page.

    Returns (redirect_response | None, bound_forms: dict).
    """
    op = request.POST.get("op")
    bound: dict = {}
    url = request.path
    try:
        if op == "action":
            name = request.POST.get("action", "")
            form = ActionForm(request.POST, prefix=name, initial={"action": name})
            bound["action"] = form
            if form.is_valid():
                services.apply_action(obj, name, user, form.cleaned_data["reason"])
                action = workflow.get_action(name)
                messages.success(request, _("Gelukt: %(a)s.") % {"a": action.label})
                return redirect(url), bound
        elif op == "assign":
            form = AssignForm(request.POST, level=obj.level)
            if form.is_valid():
                services.apply_action(
                    obj, "assign", user, assigned_to=form.cleaned_data["assigned_to"]
                )
                messages.success(request, _("De behandelaar is aangepast."))
                return redirect(url), bound
        elif op == "bundle":
            form = BundleForm(request.POST)
            bound["bundle"] = form
            if form.is_valid():
                target = form.cleaned_data["dossier"] or form.cleaned_data["new_title"]
                dossier = services.bundle([obj], target, user, form.cleaned_data["reason"])
                messages.success(request, _("Gebundeld in dossier %(d)s.") % {"d": dossier.title})
                return redirect(url), bound
        elif op == "note":
            form = NoteForm(request.POST)
            bound["note"] = form
            if form.is_valid():
                services.add_note(obj, user, form.cleaned_data["text"])
                messages.success(request, _("Notitie opgeslagen."))
                return redirect(url), bound
        elif op == "followup":
            form = FollowUpForm(request.POST)
            bound["followup"] = form
            if form.is_valid():
                services.add_followup(
                    obj, user, form.cleaned_data["text"], form.cleaned_data["is_public"]
                )
                messages.success(request, _("Update geplaatst; melders en volgers zijn ingelicht."))
                return redirect(url), bound
        elif op == "question":
            try:
                page = services.outcome_to_question_draft(obj, user)
            except ImportError:
                messages.error(request, _("De kennisbank is nog niet beschikbaar."))
            else:
                messages.success(
                    request,
                    _("Concept voor vraag en antwoord gemaakt voor de redactie: %(t)s.")
                    % {"t": page.title},
                )
            return redirect(url), bound
    except ValidationError as error:
        form = next(iter(bound.values()), None)
        if form is not None:
            apply_errors(form, error)
        else:
            messages.error(request, " ".join(error.messages))
    except services.SignalError as error:
        form = next(iter(bound.values()), None)
        if form is not None and error.field in getattr(form, "fields", {}):
            apply_errors(form, error)
        else:
            messages.error(request, error.message)
            return redirect(url), bound
    return None, bound


@coordinator_required
def workbench_detail(request, pk):
    user = request.user
    signal = get_object_or_404(
        Signal.objects.visible_to(user).select_related(
            "phase",
            "organisation",
            "region",
            "dossier",
            "submitted_by",
            "assigned_to",
            "answer_page",
        ),
        pk=pk,
    )
    bound = {}
    if request.method == "POST":
        response, bound = _handle_common_post(request, signal, user)
        if response is not None:
            return response
    available = {a.name for a in workflow.available_actions(signal, user)}
    context = {
        "signal": signal,
        "timeline": _timeline(
            SignalEvent.objects.filter(signal=signal).select_related("actor"), True
        ),
        "notes": Note.objects.visible_to(user).filter(signal=signal).select_related("author"),
        "followups": FollowUp.objects.filter(signal=signal).select_related("author"),
        "similar": similar_signals(f"{signal.title} {signal.description}", user, exclude=signal),
        "action_forms": _action_forms(signal, user, bound.get("action")),
        "can_bundle": "bundle" in available,
        "can_assign": "assign" in available,
        "can_act": workflow.is_coordinator_of(user, signal.level),
        "bundle_form": bound.get("bundle") or BundleForm(),
        "assign_form": AssignForm(
            initial={"assigned_to": signal.assigned_to_id}, level=signal.level
        ),
        "note_form": bound.get("note") or NoteForm(),
        "followup_form": bound.get("followup") or FollowUpForm(),
        "supporters": Support.objects.filter(signal=signal).select_related("user"),
    }
    return render(request, "signals/workbench_detail.html", context)


# --------------------------------------------------------------------------- dossiers


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
        {"page_obj": _page(request, qs), "levels": Level.choices, "level": level},
    )


@chain_required
def dossier_detail(request, pk):
    user = request.user
    dossier = get_object_or_404(
        Dossier.objects.visible_to(user).select_related("owner", "answer_page"), pk=pk
    )
    coordinator = workflow.is_coordinator(user)
    bound = {}
    dossier_form = milestone_form = None
    if request.method == "POST":
        op = request.POST.get("op")
        if op in ("follow", "unfollow"):
            services.follow(dossier, user, on=op == "follow")
            messages.success(request, _("Bijgewerkt."))
            return redirect(dossier.get_absolute_url())
        if not coordinator:
            raise PermissionDenied
        try:
            if op == "edit":
                dossier_form = DossierForm(request.POST)
                if dossier_form.is_valid():
                    services.update_dossier(dossier, user, **dossier_form.cleaned_data)
                    messages.success(request, _("Dossier bijgewerkt."))
                    return redirect(dossier.get_absolute_url())
            elif op == "milestone":
                milestone_form = MilestoneForm(request.POST)
                if milestone_form.is_valid():
                    services.add_milestone(dossier, user, **milestone_form.cleaned_data)
                    return redirect(dossier.get_absolute_url())
            elif op == "milestone_done":
                milestone = get_object_or_404(
                    dossier.milestones, pk=request.POST.get("milestone") or 0
                )
                services.complete_milestone(milestone, user)
                return redirect(dossier.get_absolute_url())
            else:
                response, bound = _handle_common_post(request, dossier, user)
                if response is not None:
                    return response
        except ValidationError as error:
            apply_errors(dossier_form or milestone_form, error)
        except services.SignalError as error:
            messages.error(request, error.message)
            return redirect(dossier.get_absolute_url())
    signals = dossier.signals.visible_to(user).for_lists()
    if coordinator:
        signals = signals.select_related("submitted_by")
    context = {
        "dossier": dossier,
        "signals": signals,
        "coordinator": coordinator,
        "can_act": workflow.is_coordinator_of(user, dossier.level),
        "timeline": _timeline(
            SignalEvent.objects.filter(dossier=dossier).select_related("actor"), coordinator
        ),
        "milestones": dossier.milestones.all(),
        "followups": FollowUp.objects.filter(dossier=dossier).select_related("author"),
        "notes": Note.objects.visible_to(user).filter(dossier=dossier).select_related("author"),
        "action_forms": _action_forms(dossier, user, bound.get("action")) if coordinator else [],
        "note_form": bound.get("note") or NoteForm(),
        "followup_form": bound.get("followup") or FollowUpForm(),
        "dossier_form": dossier_form
        or DossierForm(initial={"title": dossier.title, "analysis": dossier.analysis}),
        "milestone_form": milestone_form or MilestoneForm(),
        "is_following": Follow.objects.filter(dossier=dossier, user=user).exists(),
        "assign_form": AssignForm(initial={"assigned_to": dossier.owner_id}, level=dossier.level),
    }
    return render(request, "signals/dossier_detail.html", context)


# --------------------------------------------------------------------------- export


@chain_required
def export(request):
    form = FilterForm(request.GET or None)
    filters = form.filters()
    qs = filter_signals(Signal.objects.visible_to(request.user), filters)
    fmt = request.GET.get("format", "csv")
    if fmt == "xlsx":
        return exports.xlsx_response(qs, request.user)
    return exports.csv_response(qs, request.user)


# --------------------------------------------------------------------------- public follow-up


def public_followup(request):
    """ "Wat is er met signalen gedaan": published signals and dossiers, open to everyone."""
    dossiers = (
        Dossier.objects.published()
        .annotate(n_signals=Count("signals"))
        .order_by("-updated_at", "-pk")[:50]
    )
    signals = Signal.objects.published().select_related("phase").prefetch_related("themes")
    status = request.GET.get("status")
    if status in Status.values:
        signals = signals.filter(status=status)
    signals = signals.order_by("-updated_at", "-pk")
    return render(
        request,
        "signals/public_followup.html",
        {
            "dossiers": dossiers,
            "page_obj": _page(request, signals),
            "statuses": Status.choices,
            "status": status,
        },
    )


def public_detail(request, kind, pk):
    if kind == "signaal":
        obj = get_object_or_404(Signal.objects.published().select_related("phase"), pk=pk)
        events = SignalEvent.objects.filter(signal=obj, action__in=PUBLIC_EVENT_ACTIONS)
        followups = FollowUp.objects.filter(signal=obj, is_public=True)
        members = []
    elif kind == "dossier":
        obj = get_object_or_404(Dossier.objects.published(), pk=pk)
        events = SignalEvent.objects.filter(
            dossier=obj, signal__isnull=True, action__in=PUBLIC_EVENT_ACTIONS
        )
        followups = FollowUp.objects.filter(dossier=obj, is_public=True)
        members = obj.signals.published().only("pk", "title", "status")
    else:
        raise Http404
    return render(
        request,
        "signals/public_detail.html",
        {
            "obj": obj,
            "kind": kind,
            "events": events.only("action", "to_status", "to_level", "created_at"),
            "followups": followups.only("text", "created_at"),
            "members": members,
            "milestones": obj.milestones.all() if kind == "dossier" else [],
        },
    )
