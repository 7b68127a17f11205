"""Events (bijeenkomsten): planning and reporting by facilitators, RSVP under a row lock so the
capacity is never exceeded (with a waiting list that moves up on a cancellation), and the
iCalendar (RFC 5545) file for one event.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.text import clean_plain_text
from notifications.services import notify
from privacy.validators import validate_no_personal_data

from ..models import RSVP, CommunityPage, Event
from .common import absolute, clean_title, community_path


@transaction.atomic
def save_event(community: CommunityPage, actor, event: Event | None = None, **fields) -> Event:
    community.require_facilitator(actor)
    fields["title"] = clean_title(fields.get("title", ""))
    if "agenda" in fields:
        fields["agenda"] = clean_plain_text(fields["agenda"], max_length=5000)
        validate_no_personal_data(fields["agenda"])
    if (
        fields.get("ends_at")
        and fields.get("starts_at")
        and fields["ends_at"] <= fields["starts_at"]
    ):
        raise ValidationError(_("Het einde moet na het begin liggen."))
    if event is None:
        event = Event(community=community, created_by=actor)
    for key, value in fields.items():
        setattr(event, key, value)
    event.save()
    return event


@transaction.atomic
def write_report(event: Event, actor, text: str) -> Event:
    event.community.require_facilitator(actor)
    text = clean_plain_text(text, max_length=20000)
    validate_no_personal_data(text)
    event.report = text
    event.save(update_fields=["report", "updated_at"])
    return event


class EventFull(Exception):
    pass


@transaction.atomic
def rsvp(event: Event, user) -> RSVP:
    """Sign up for an event. Under a row lock on the event, so capacity is never exceeded.

    When full: a place on the waiting list, or ``EventFull`` if the event has no waiting list.
    """
    event.community.require_member(user)
    locked = Event.objects.select_for_update().get(pk=event.pk)
    if locked.is_past:
        raise ValidationError(_("Deze bijeenkomst is al voorbij."))
    existing = RSVP.objects.filter(event=locked, user=user).first()
    if existing and existing.status in (RSVP.Status.GOING, RSVP.Status.WAITLIST):
        return existing
    going = RSVP.objects.filter(event=locked, status=RSVP.Status.GOING).count()
    if locked.capacity is None or going < locked.capacity:
        status = RSVP.Status.GOING
    elif locked.waitlist_enabled:
        status = RSVP.Status.WAITLIST
    else:
        raise EventFull(_("Deze bijeenkomst is vol."))
    if existing:
        existing.status = status
        existing.created_at = timezone.now()
        existing.save(update_fields=["status", "created_at", "updated_at"])
        return existing
    return RSVP.objects.create(event=locked, user=user, status=status)


@transaction.atomic
def cancel_rsvp(event: Event, user) -> RSVP | None:
    locked = Event.objects.select_for_update().get(pk=event.pk)
    mine = RSVP.objects.filter(event=locked, user=user).first()
    if mine is None or mine.status == RSVP.Status.CANCELLED:
        return mine
    was_going = mine.status == RSVP.Status.GOING
    mine.status = RSVP.Status.CANCELLED
    mine.save(update_fields=["status", "updated_at"])
    if was_going:
        nxt = (
            RSVP.objects.filter(event=locked, status=RSVP.Status.WAITLIST)
            .order_by("created_at", "pk")
            .first()
        )
        if nxt is not None:
            nxt.status = RSVP.Status.GOING
            nxt.save(update_fields=["status", "updated_at"])
            notify(
                [nxt.user_id],
                verb="community-event",
                title=_("Er is een plaats vrij: u bent aangemeld voor “%(event)s”")
                % {"event": locked.title},
                url=community_path(locked.community) + f"bijeenkomsten/{locked.pk}/",
                event_key=f"community-event-promoted:{nxt.pk}:{timezone.now().isoformat()}",
            )
    return mine


def _ics_escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _ics_fold(line: str) -> str:
    """Fold lines longer than 75 octets (RFC 5545 3.1), never splitting a UTF-8 character."""
    out, current, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        limit = 75 if not out else 74  # continuation lines start with a space
        if size + n > limit:
            out.append(current)
            current, size = "", 0
        current += ch
        size += n
    out.append(current)
    return "\r\n ".join(out)


def event_ics(event: Event) -> str:
    """An iCalendar (RFC 5545) file for one event, CRLF line endings, escaped and folded."""
    from datetime import UTC

    def utc(value):
        return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")

    url = absolute(community_path(event.community) + f"bijeenkomsten/{event.pk}/")
    location = event.location or event.online_url
    description = event.agenda
    if event.online_url:
        description = (description + "\n\n" if description else "") + event.online_url
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Lerend stelsel inburgering//Communities//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{event.uid}@lerendstelsel",
        f"DTSTAMP:{utc(event.updated_at or timezone.now())}",
        f"DTSTART:{utc(event.starts_at)}",
        f"DTEND:{utc(event.ends_at)}",
        f"SUMMARY:{_ics_escape(event.title)}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{_ics_escape(description)}")
    if location:
        lines.append(f"LOCATION:{_ics_escape(location)}")
    lines += [f"URL:{url}", "END:VEVENT", "END:VCALENDAR"]
    return "".join(_ics_fold(line) + "\r\n" for line in lines)
