from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from accounts.roles import is_chain_professional
from core.urls import safe_next

from . import services
from .categories import label_for
from .forms import PreferenceForm
from .models import Notification
from .tokens import ALL, read_token

PAGE_SIZE = 20


@login_required
def notification_list(request):
    qs = Notification.objects.visible_to(request.user).only(
        "pk", "verb", "title", "body", "url", "created_at", "read_at", "urgent"
    )
    page_obj = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/notification_list.html",
        {"page_obj": page_obj, "notifications": page_obj.object_list},
    )


@login_required
def notification_open(request, pk):
    """Follow a notification's link and mark it read."""
    notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
    services.mark_read(request.user, [notification.pk])
    return redirect(
        safe_next(request, reverse("notifications:list"), candidate=notification.url or "")
    )


def _back(request):
    return redirect(
        safe_next(request, reverse("notifications:list"), candidate=request.POST.get("next", ""))
    )


@login_required
@require_POST
def mark_read(request, pk):
    notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
    services.mark_read(request.user, [notification.pk])
    messages.success(request, _("De melding is als gelezen gemarkeerd."))
    return _back(request)


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_read(request.user)
    if count:
        messages.success(request, _("Alle meldingen zijn als gelezen gemarkeerd."))
    return _back(request)


@login_required
def preferences(request):
    pref = services.preference_for(request.user)
    form = PreferenceForm(request.POST or None, preference=pref)
    if request.method == "POST" and form.is_valid():
        services.save_preferences(
            request.user,
            email_enabled=form.cleaned_data["email_enabled"],
            muted_categories=form.muted_categories(),
            digest=form.cleaned_data["digest"],
        )
        messages.success(request, _("Uw voorkeuren voor meldingen zijn opgeslagen."))
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"form": form, "can_subscribe": is_chain_professional(request.user)},
    )


@csrf_exempt  # the signed token is the authorisation; also used by one-click (RFC 8058)
def unsubscribe(request, token):
    try:
        user_id, kind = read_token(token)
    except signing.BadSignature:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None:
        return render(request, "notifications/unsubscribe_invalid.html", status=400)
    context = {
        "kind": kind,
        "all": kind == ALL,
        "category_label": label_for(kind),
        "token": token,
        "email": user.email,
    }
    if request.method == "POST":
        services.unsubscribe(user.pk, kind)
        context["done"] = True
    return render(request, "notifications/unsubscribe.html", context)
