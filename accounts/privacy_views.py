"""My data (inzage) as a page and as a JSON download, and "remove my account"."""

import json

from django import forms
from django.contrib import auth, messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from . import privacy_rights, removal


@login_required
def my_data(request):
    data = privacy_rights.export(request.user)
    return render(request, "accounts/my_data.html", {"data": data})


@login_required
def my_data_json(request):
    data = privacy_rights.export(request.user)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mijn-gegevens-{stamp}.json"'
    response["Cache-Control"] = "no-store"
    return response


class RemovalForm(forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Ja, verwijder mijn account"),
        error_messages={"required": gettext_lazy("Vink aan dat u uw account wilt verwijderen.")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def remove_account(request):
    form = RemovalForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        entry = removal.request_removal(request.user)
        auth.logout(request)
        messages.success(
            request,
            _(
                "Uw account is uitgezet. Op %(date)s halen wij uw naam en e-mailadres "
                "definitief weg."
            )
            % {"date": timezone.localtime(entry.anonymise_after).strftime("%d-%m-%Y")},
        )
        return redirect("/")
    return render(
        request,
        "accounts/remove_account.html",
        {"form": form, "grace_days": removal.grace_period().days},
    )
