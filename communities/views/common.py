"""Helpers the community views share: rendering inside the community shell, form data, redirects, pagination."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse


def _render(request, community, template, context=None, status=200):
    base = community.get_url(request)
    membership = community.membership_of(request.user)
    ctx = {
        "page": community,
        "self": community,
        "community": community,
        "base": base,
        "membership": membership,
        "is_member": community.is_member(request.user),
        "is_facilitator": community.is_facilitator(request.user),
        "can_read": community.can_read(request.user),
    }
    ctx.update(context or {})
    return TemplateResponse(request, template, ctx, status=status)


def _data(request):
    return request.POST if request.method == "POST" else None


def _back(request, community, fallback=""):
    return redirect(community.get_url(request) + fallback)


def _page(request, queryset, per_page):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


POSTS_PER_PAGE = 25


MEMBERS_PER_PAGE = 50


THREADS_PER_PAGE = 20
