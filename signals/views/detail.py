"""The signal page professionals see, and one handler per thing they can do on it."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services, workflow
from ..forms import ProvideInfoForm, RatingForm, apply_errors
from ..models import (
    Follow,
    FollowUp,
    OutcomeRating,
    Signal,
    SignalEvent,
    SolvedVote,
    Support,
    can_see_submitter,
)
from ..workflow import CLOSED_STATES
from .common import safe_next, timeline


def _visible_signal(user, pk):
    return get_object_or_404(
        Signal.objects.visible_to(user).select_related(
            "phase", "organisation", "region", "dossier", "submitted_by", "answer_page"
        ),
        pk=pk,
    )


def render_detail(request, signal, **bound):
    user = request.user
    show_people = can_see_submitter(user, signal)
    is_submitter = signal.submitted_by_id == user.pk
    rated = False
    if is_submitter and signal.status in CLOSED_STATES and signal.outcome_at:
        rated = OutcomeRating.objects.filter(
            signal=signal, user=user, outcome_at=signal.outcome_at
        ).exists()
    events = SignalEvent.objects.filter(signal=signal).select_related("actor")
    context = {
        "signal": signal,
        "show_submitter": show_people,
        "is_submitter": is_submitter,
        "timeline": timeline(events, show_people or workflow.is_coordinator(user)),
        "followups": FollowUp.objects.filter(signal=signal).select_related("author"),
        "is_supporter": Support.objects.filter(signal=signal, user=user).exists(),
        "is_following": Follow.objects.filter(signal=signal, user=user).exists(),
        "can_rate": is_submitter
        and signal.status in CLOSED_STATES
        and bool(signal.outcome_at)
        and not rated,
        "rating_form": bound.get("rate") or RatingForm(),
        "provide_form": bound.get("provide_info") or ProvideInfoForm(),
        "is_coordinator": workflow.is_coordinator(user),
        "can_vote_solved": signal.status in CLOSED_STATES
        and bool(signal.outcome_at)
        and not is_submitter
        and Support.objects.filter(signal=signal, user=user).exists()
        and not SolvedVote.objects.filter(
            signal=signal, user=user, outcome_at=signal.outcome_at
        ).exists(),
    }
    context.update(bound.get("extra", {}))
    return render(request, "signals/signal_detail.html", context)


@login_required
def signal_detail(request, pk):
    return render_detail(request, _visible_signal(request.user, pk))


def signal_operation(handler):
    """A POST-only view for one operation on a visible signal.

    The handler returns a response, or a dict of bound forms to show again with their errors.
    Domain errors become a message on the signal page, never a 500.
    """

    @wraps(handler)
    @login_required
    @require_POST
    def view(request, pk):
        signal = _visible_signal(request.user, pk)
        try:
            result = handler(request, signal)
        except services.SignalError as error:
            messages.error(request, error.message)
            return redirect(signal.get_absolute_url())
        if isinstance(result, dict):
            return render_detail(request, signal, **result)
        return result

    return view


@signal_operation
def support(request, signal):
    if services.support(signal, request.user):
        messages.success(request, _("U herkent dit signaal. Dank u wel."))
    else:
        messages.info(request, _("U had dit signaal al herkend."))
    return redirect(safe_next(request, signal.get_absolute_url()))


@signal_operation
def unsupport(request, signal):
    services.unsupport(signal, request.user)
    messages.info(request, _("U herkent dit signaal niet meer."))
    return redirect(signal.get_absolute_url())


@signal_operation
def follow(request, signal):
    services.follow(signal, request.user, on=True)
    messages.success(request, _("U volgt dit signaal."))
    return redirect(signal.get_absolute_url())


@signal_operation
def unfollow(request, signal):
    services.follow(signal, request.user, on=False)
    messages.success(request, _("U volgt dit signaal niet meer."))
    return redirect(signal.get_absolute_url())


@signal_operation
def rate(request, signal):
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            services.rate_outcome(
                signal, request.user, form.cleaned_data["rating"], form.cleaned_data["comment"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Dank u wel voor uw beoordeling."))
            return redirect(signal.get_absolute_url())
    return {"rate": form}


@signal_operation
def provide_info(request, signal):
    form = ProvideInfoForm(request.POST)
    if form.is_valid():
        try:
            services.apply_action(signal, "provide_info", request.user, form.cleaned_data["reason"])
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("Uw aanvulling is doorgegeven aan de coördinator."))
            return redirect(signal.get_absolute_url())
    return {"provide_info": form}


@signal_operation
def vote_solved(request, signal):
    from ..services.voice import vote_solved as vote

    solved = request.POST.get("solved") == "ja"
    reopened = vote(signal, request.user, solved)
    messages.success(
        request,
        _("Dank u wel. Het signaal is heropend.")
        if reopened
        else _("Dank u wel voor uw antwoord."),
    )
    return redirect(signal.get_absolute_url())
