"""Submitting a signal, and similar signals while typing."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import services
from ..forms import SignalForm, apply_errors
from ..queries import similar_signals
from ..workflow import Status
from .common import chain_required


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
