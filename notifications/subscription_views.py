"""Mijn volgopdrachten: list, add, change frequency, remove (only one's own)."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.roles import is_chain_professional
from core.urls import safe_next

from . import subscriptions as services
from .subscription_forms import FrequencyForm, SubscriptionForm
from .subscription_models import Subscription


def chain_only(view):
    """Signed in and in the chain: only chain professionals can follow signals."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not is_chain_professional(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


def _list(request, form, status=200):
    items = (
        Subscription.objects.visible_to(request.user)
        .select_related("theme", "region", "phase", "organisation")
        .order_by("-created_at", "-pk")
    )
    context = {
        "form": form,
        "subscriptions": [(s, FrequencyForm(initial={"frequency": s.frequency})) for s in items],
    }
    return render(request, "notifications/subscriptions.html", context, status=status)


@chain_only
def subscription_list(request):
    """GET: the list and the form; POST: add (also from the theme page and the signal list)."""
    if request.method != "POST":
        # "Volg dit thema" links pre-fill the form (?theme=<id>, ?region=<id> ...).
        initial = {
            k: request.GET[k]
            for k in ("theme", "region", "phase", "organisation")
            if request.GET.get(k, "").isdigit()
        }
        if request.GET.get("q"):
            initial["q"] = request.GET["q"][:200]
        return _list(request, SubscriptionForm(initial=initial))
    form = SubscriptionForm(request.POST)
    back = safe_next(request, reverse("notifications:subscriptions"))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.subscribe(
                request.user,
                frequency=data["frequency"],
                query=data["q"],
                theme=data["theme"],
                region=data["region"],
                phase=data["phase"],
                organisation=data["organisation"],
            )
        except ValidationError as error:
            form.add_error(None, _errors(error))
        else:
            messages.success(request, _("Uw volgopdracht is opgeslagen."))
            return redirect(back)
    if request.POST.get("next"):
        # From another page (theme page, signal list): say why and go back there.
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect(back)
    return _list(request, form)


@chain_only
@require_POST
def subscription_change(request, pk):
    subscription = get_object_or_404(Subscription.objects.visible_to(request.user), pk=pk)
    form = FrequencyForm(request.POST)
    if form.is_valid():
        services.change_frequency(subscription, form.cleaned_data["frequency"])
        messages.success(request, _("De frequentie is aangepast."))
    else:
        messages.error(request, _("Kies direct, dagelijks of wekelijks."))
    return redirect("notifications:subscriptions")


@chain_only
@require_POST
def subscription_delete(request, pk):
    subscription = get_object_or_404(Subscription.objects.visible_to(request.user), pk=pk)
    services.unsubscribe(subscription)
    messages.success(request, _("De volgopdracht is verwijderd."))
    return redirect("notifications:subscriptions")
