"""Community documents: list and upload, download, delete."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms import (
    DocumentForm,
    non_field_error,
)
from ..models import (
    Document,
)
from .common import MEMBERS_PER_PAGE, POSTS_PER_PAGE, THREADS_PER_PAGE, _back, _data, _page, _render  # noqa: F401  # noqa: F401


@require_http_methods(["GET", "POST"])
def documents(request, community):
    community.require_readable(request.user)
    form = None
    if community.is_member(request.user):
        form = DocumentForm(_data(request), request.FILES if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                services.add_document(
                    community, request.user, form.cleaned_data["title"], form.cleaned_data["file"]
                )
            except ValidationError as error:
                non_field_error(form, error)
            else:
                messages.success(request, _("Het document is toegevoegd."))
                return _back(request, community, "documenten/")
    elif request.method == "POST":
        raise PermissionDenied
    qs = (
        Document.objects.visible_to(request.user)
        .filter(community=community)
        .select_related("uploaded_by")
    )
    return _render(
        request,
        community,
        "communities/documents.html",
        {"form": form, "page_obj": _page(request, qs, 50)},
    )


def document_download(request, community, pk):
    community.require_readable(request.user)
    document = get_object_or_404(
        Document.objects.visible_to(request.user), pk=pk, community=community
    )
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_http_methods(["POST"])
def document_delete(request, community, pk):
    community.require_member(request.user)
    document = get_object_or_404(Document, pk=pk, community=community)
    services.delete_document(document, request.user)
    messages.success(request, _("Het document is verwijderd."))
    return _back(request, community, "documenten/")
