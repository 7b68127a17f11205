"""One login door: the Wagtail and Django admin login and password-reset pages send
visitors to the site's own login and reset forms, so every way in shares the same
lock-out (``accounts.throttle``) and rate limits, keyed on ``core.ratelimit.client_ip``.

A signed-in user who lacks access to the admin that sent them here gets a plain
"no access" page (403), never the admin and never a redirect loop.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods


def _can_enter(door: str, user) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if door == "django":
        return user.is_staff
    return user.has_perm("wagtailadmin.access_admin")


def _safe_next(request, prefix: str) -> str:
    """The ``next`` target when it is a local path inside this admin; else the admin's home."""
    target = request.GET.get("next") or request.POST.get("next") or ""
    if (
        target.startswith(prefix)
        and url_has_allowed_host_and_scheme(target, allowed_hosts=None)
        and "\\" not in target
    ):
        return target
    return prefix


def _door(request, door: str):
    prefix = reverse("admin:index") if door == "django" else reverse("wagtailadmin_home")
    target = _safe_next(request, prefix)
    if request.user.is_authenticated:
        if _can_enter(door, request.user):
            return redirect(target)
        return render(request, "accounts/admin_denied.html", status=403)
    return redirect(reverse("accounts:login") + "?" + urlencode({"next": target}))


@require_http_methods(["GET", "POST", "HEAD"])
def wagtail_login(request):
    return _door(request, "wagtail")


@require_http_methods(["GET", "POST", "HEAD"])
def django_admin_login(request):
    return _door(request, "django")


@require_http_methods(["GET", "POST", "HEAD"])
def password_reset(request):
    """Wagtail's "forgot password" form: the site's one, with its rate limit."""
    return redirect("accounts:password_reset")
