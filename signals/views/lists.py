"""Lists of signals: the search list, "mijn signalen" and the export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from .. import exports
from ..forms import FilterForm
from ..models import Dossier, Signal
from ..queries import filter_signals
from .common import chain_required, page

MINE_PAGE_SIZE = 20


@chain_required
def signal_list(request):
    form = FilterForm(request.GET or None)
    qs = filter_signals(Signal.objects.visible_to(request.user).for_lists(), form.filters())
    return render(
        request,
        "signals/signal_list.html",
        {"form": form, "page_obj": page(request, qs), "export_query": request.GET.urlencode()},
    )


@login_required
def mine(request):
    """The user's own, supported and followed signals and followed dossiers.

    Each list is paged on its own (``?ingediend=2``, ``?herkend=2``, ``?gevolgd=2``,
    ``?dossiers=2``), so a professional with hundreds of signals gets a fast page.
    """
    user = request.user
    visible = Signal.objects.visible_to(user).for_lists().order_by("-created_at", "-pk")

    def paged(qs, param):
        return Paginator(qs, MINE_PAGE_SIZE).get_page(request.GET.get(param))

    context = {
        "submitted": paged(visible.filter(submitted_by=user), "ingediend"),
        "supported": paged(visible.filter(supports__user=user), "herkend"),
        "followed": paged(visible.filter(follows__user=user), "gevolgd"),
        "followed_dossiers": paged(
            Dossier.objects.visible_to(user)
            .filter(follows__user=user)
            .order_by("-created_at", "-pk"),
            "dossiers",
        ),
    }
    return render(request, "signals/mine.html", context)


@chain_required
def export(request):
    form = FilterForm(request.GET or None)
    qs = filter_signals(Signal.objects.visible_to(request.user), form.filters())
    if request.GET.get("format", "csv") == "xlsx":
        return exports.xlsx_response(qs, request.user)
    return exports.csv_response(qs, request.user)
