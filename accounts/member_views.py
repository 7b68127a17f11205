"""Organisation beheerders: the members of their organisation, deactivation, role requests."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from privacy.validators import PersonalDataGuardMixin

from . import lifecycle
from .identity_models import ROLE_CHOICES, RoleChangeRequest
from .roles import ROLES


class RoleRequestForm(PersonalDataGuardMixin, forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("Wat wilt u?"),
        choices=RoleChangeRequest.Action.choices,
        widget=forms.RadioSelect,
    )
    role = forms.ChoiceField(label=gettext_lazy("Rol"), choices=ROLE_CHOICES)
    reason = forms.CharField(
        label=gettext_lazy("Toelichting voor de beheerder"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Schrijf geen persoonsgegevens op, zoals een BSN."),
    )


def _manager_required(request):
    if not lifecycle.can_manage_members(request.user):
        raise PermissionDenied


@login_required
def members(request):
    _manager_required(request)
    people = (
        lifecycle.members_visible_to(request.user)
        .select_related("organisation")
        .prefetch_related("groups")
        .order_by("last_name", "email")
    )
    by_group = {role.group_name: role.label for role in ROLES.values()}
    rows = [
        (member, [by_group[g.name] for g in member.groups.all() if g.name in by_group])
        for member in people
    ]
    return render(request, "accounts/members.html", {"rows": rows})


@login_required
@require_POST
def deactivate(request, pk):
    _manager_required(request)
    member = get_object_or_404(lifecycle.members_visible_to(request.user), pk=pk)
    if member.pk == request.user.pk:
        messages.error(request, _("U kunt uw eigen account hier niet uitzetten."))
    else:
        lifecycle.deactivate(member)
        messages.success(
            request,
            _("Het account van %(name)s is uitgezet. Aanmelden en API-sleutels werken niet meer.")
            % {"name": member.display_name},
        )
    return redirect("accounts:members")


@login_required
@require_http_methods(["GET", "POST"])
def request_role(request, pk):
    _manager_required(request)
    member = get_object_or_404(lifecycle.members_visible_to(request.user), pk=pk)
    form = RoleRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        lifecycle.request_role_change(
            member,
            request.user,
            form.cleaned_data["role"],
            form.cleaned_data["action"],
            form.cleaned_data["reason"],
        )
        messages.success(request, _("Uw verzoek staat klaar voor de beheerder van het platform."))
        return redirect("accounts:members")
    return render(request, "accounts/role_request.html", {"form": form, "member": member})
