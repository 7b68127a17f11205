"""Saved workbench filters: a coordinator keeps the current filter under a name, and renames
or deletes it. Only their own (``SavedFilter.objects.visible_to``)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from notifications import subscriptions as services
from notifications.models import SavedFilter

from .common import coordinator_required

# Parameters of the workbench that make up a filter (paging is not part of it).
KEYS = ("q", "level", "status", "theme", "phase", "region", "organisation", "overdue", "sort",
        "scope", "afgesloten")  # fmt: skip


def workbench_query(raw: str) -> str:
    """Keep only the workbench's own filter parameters of a query string."""
    from django.http import QueryDict

    data = QueryDict(raw or "")
    return urlencode([(k, v) for k in KEYS for v in data.getlist(k)[:1] if v])


def _workbench(query: str = "") -> str:
    url = reverse("signals:workbench")
    return f"{url}?{query}" if query else url


def _refused(request, error: ValidationError, query: str):
    messages.error(request, " ".join(error.messages))
    return HttpResponseRedirect(_workbench(query))


@coordinator_required
@require_POST
def saved_filter_create(request):
    query = workbench_query(request.POST.get("query", ""))
    try:
        saved = services.save_filter(request.user, request.POST.get("name"), query)
    except ValidationError as error:
        return _refused(request, error, query)  # back to the same filter: nothing is lost
    messages.success(request, _("Filter “%(name)s” is bewaard.") % {"name": saved.name})
    return HttpResponseRedirect(_workbench(saved.query))


@coordinator_required
@require_POST
def saved_filter_rename(request, pk):
    saved = get_object_or_404(SavedFilter.objects.visible_to(request.user), pk=pk)
    try:
        services.rename_filter(saved, request.POST.get("name"))
    except ValidationError as error:
        return _refused(request, error, saved.query)
    messages.success(request, _("De naam van het filter is aangepast."))
    return HttpResponseRedirect(_workbench(saved.query))


@coordinator_required
@require_POST
def saved_filter_delete(request, pk):
    saved = get_object_or_404(SavedFilter.objects.visible_to(request.user), pk=pk)
    services.delete_filter(saved)
    messages.success(request, _("Filter “%(name)s” is verwijderd.") % {"name": saved.name})
    return HttpResponseRedirect(_workbench())
