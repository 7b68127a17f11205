"""Events (bijeenkomsten): list, detail, edit, RSVP, cancel, calendar file, report."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import services
from ..forms import (
    EventForm,
    ReportForm,
    non_field_error,
)
from ..models import (
    RSVP,
    Event,
)
from .common import MEMBERS_PER_PAGE, POSTS_PER_PAGE, THREADS_PER_PAGE, _back, _data, _page, _render  # noqa: F401  # noqa: F401


def events(request, community):
    community.require_readable(request.user)
    qs = Event.objects.visible_to(request.user).filter(community=community)
    now = timezone.now()
    return _render(
        request,
        community,
        "communities/events.html",
        {
            "upcoming": list(qs.filter(ends_at__gte=now).order_by("starts_at")[:50]),
            "past": list(qs.filter(ends_at__lt=now).order_by("-starts_at")[:50]),
        },
    )


def _event(request, community, pk) -> Event:
    community.require_readable(request.user)
    return get_object_or_404(Event.objects.visible_to(request.user), pk=pk, community=community)


def event_detail(request, community, pk):
    event = _event(request, community, pk)
    rsvps = list(
        RSVP.objects.filter(event=event)
        .exclude(status=RSVP.Status.CANCELLED)
        .select_related("user__organisation")
    )
    going = [r for r in rsvps if r.status == RSVP.Status.GOING]
    waitlist = [r for r in rsvps if r.status == RSVP.Status.WAITLIST]
    mine = next((r for r in rsvps if r.user_id == request.user.pk), None)
    places_left = None if event.capacity is None else max(event.capacity - len(going), 0)
    return _render(
        request,
        community,
        "communities/event.html",
        {
            "event": event,
            "going": going,
            "waitlist": waitlist,
            "mine": mine,
            "places_left": places_left,
        },
    )


@require_http_methods(["GET", "POST"])
def event_edit(request, community, pk=None):
    community.require_facilitator(request.user)
    event = get_object_or_404(Event, pk=pk, community=community) if pk else None
    form = EventForm(_data(request), instance=event)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items()}
        try:
            event = services.save_event(community, request.user, event, **fields)
        except ValidationError as error:
            non_field_error(form, error)
        else:
            messages.success(request, _("De bijeenkomst is opgeslagen."))
            return _back(request, community, f"bijeenkomsten/{event.pk}/")
    return _render(
        request, community, "communities/event_form.html", {"form": form, "event": event}
    )


@require_http_methods(["POST"])
def event_rsvp(request, community, pk):
    event = _event(request, community, pk)
    try:
        result = services.rsvp(event, request.user)
    except services.EventFull:
        messages.error(request, _("Deze bijeenkomst is vol. Aanmelden kan niet meer."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if result.status == RSVP.Status.GOING:
            messages.success(request, _("U bent aangemeld."))
        else:
            messages.info(
                request,
                _(
                    "De bijeenkomst is vol. U staat op de wachtlijst en hoort het als er plaats vrijkomt."
                ),
            )
    return _back(request, community, f"bijeenkomsten/{event.pk}/")


@require_http_methods(["POST"])
def event_cancel(request, community, pk):
    event = _event(request, community, pk)
    services.cancel_rsvp(event, request.user)
    messages.success(request, _("U bent afgemeld."))
    return _back(request, community, f"bijeenkomsten/{event.pk}/")


def event_ics(request, community, pk):
    event = _event(request, community, pk)
    response = HttpResponse(
        services.event_ics(event).encode("utf-8"), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="bijeenkomst-{event.pk}.ics"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def event_report(request, community, pk):
    event = _event(request, community, pk)
    community.require_facilitator(request.user)
    form = ReportForm(_data(request), initial={"report": event.report})
    if request.method == "POST" and form.is_valid():
        services.write_report(event, request.user, form.cleaned_data["report"])
        messages.success(request, _("Het verslag is opgeslagen."))
        return _back(request, community, f"bijeenkomsten/{event.pk}/")
    return _render(
        request, community, "communities/event_report.html", {"form": form, "event": event}
    )
