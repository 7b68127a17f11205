""" "Wat is er met signalen gedaan": published signals and dossiers, open to everyone."""

from __future__ import annotations

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from ..events import public_events
from ..models import Consultation, Dossier, FollowUp, Signal, SignalEvent
from ..workflow import Status
from .common import page


def public_followup(request):
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
            "page_obj": page(request, signals),
            "statuses": Status.choices,
            "status": status,
        },
    )


def public_detail(request, kind, pk):
    if kind == "signaal":
        obj = get_object_or_404(Signal.objects.published().select_related("phase"), pk=pk)
        events = SignalEvent.objects.filter(signal=obj, action__in=public_events())
        followups = FollowUp.objects.filter(signal=obj, is_public=True)
        members = []
    elif kind == "dossier":
        obj = get_object_or_404(Dossier.objects.published(), pk=pk)
        events = SignalEvent.objects.filter(
            dossier=obj, signal__isnull=True, action__in=public_events()
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
            "answers": Consultation.objects.filter(**obj.subject_kwargs(), answer_is_public=True)
            .exclude(answer="")
            .select_related("organisation")
            .only("answer", "answered_at", "organisation__name"),
        },
    )
