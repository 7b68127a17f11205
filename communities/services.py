"""Domain logic of communities: the one write path for memberships, discussions, events,
documents, opbrengsten and moderation. Views, admin, tasks and demo content call these.

Other apps may call: ``join``, ``invite``, ``start_thread``, ``reply``, ``queue_digests``
and the ``visible_to`` querysets in ``models``.
"""

from __future__ import annotations

import re
import zipfile
from datetime import datetime, time, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from notifications import outbox
from notifications.services import notify
from privacy.validators import validate_no_personal_data
from website.sanitize import clean_html, plain_text

from .models import (
    RSVP,
    CommunityPage,
    Document,
    Event,
    Invitation,
    Membership,
    ModerationLog,
    Opbrengst,
    Post,
    PostReport,
    Thread,
    ThreadFollow,
)

MAX_POST_LENGTH = 10_000
INVITATION_SALT = "communities.invitation"
INVITATION_MAX_AGE = 60 * 60 * 24 * 14
INVITATION_HANDLER = "communities.send_invitation"
DIGEST_HANDLER = "communities.send_digest"


def edit_window() -> timedelta:
    return timedelta(minutes=getattr(settings, "COMMUNITIES_EDIT_WINDOW_MINUTES", 30))


def max_document_size() -> int:
    return getattr(settings, "COMMUNITIES_DOCUMENT_MAX_SIZE", 10 * 1024 * 1024)


def absolute(url: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return settings.SITE_URL.rstrip("/") + url


def community_path(community: CommunityPage) -> str:
    return community.get_url() or community.url_path


def _uid(user):
    return getattr(user, "pk", user)


# --------------------------------------------------------------------------- membership


def _facilitators(community):
    return [m.user_id for m in Membership.objects.facilitators().filter(community=community)]


@transaction.atomic
def join(community: CommunityPage, user, motivation: str = "") -> Membership:
    """Join an open community, or ask to join a closed one. Hidden ones need an invitation."""
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    if community.is_hidden:
        raise PermissionDenied(_("Deze community is alleen toegankelijk op uitnodiging."))
    motivation = plain_text(motivation, 1000)
    if motivation:
        validate_no_personal_data(motivation)
    membership, _created = Membership.objects.select_for_update().get_or_create(
        community=community, user=user
    )
    if membership.status == Membership.Status.ACTIVE:
        return membership
    if membership.status == Membership.Status.REMOVED and not community.is_open:
        raise PermissionDenied(_("U bent uit deze community verwijderd."))
    membership.motivation = motivation
    membership.created_at = timezone.now()
    if community.is_open:
        membership.status = Membership.Status.ACTIVE
        membership.joined_at = timezone.now()
    else:
        membership.status = Membership.Status.REQUESTED
        notify(
            _facilitators(community),
            verb="community-request",
            title=_("Nieuwe aanvraag voor %(community)s") % {"community": community.title},
            url=community_path(community) + "leden/",
            body=_("%(name)s wil lid worden.") % {"name": user.display_name},
            event_key=f"community-request:{membership.pk}:{membership.created_at.isoformat()}",
        )
    membership.save()
    community.forget_membership(user)
    return membership


def _decide(membership: Membership, actor, approve: bool) -> Membership:
    community = membership.community
    community.require_facilitator(actor)
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.status != Membership.Status.REQUESTED:
        raise ValidationError(_("Over deze aanvraag is al besloten."))
    locked.status = Membership.Status.ACTIVE if approve else Membership.Status.DECLINED
    locked.decided_by = actor
    if approve:
        locked.joined_at = timezone.now()
    locked.save()
    notify(
        [locked.user_id],
        verb="community-decision",
        title=(
            _("U bent lid van %(community)s")
            if approve
            else _("Uw aanvraag voor %(community)s is niet toegekend")
        )
        % {"community": community.title},
        url=community_path(community),
        event_key=f"community-decision:{locked.pk}:{timezone.now().isoformat()}",
    )
    return locked


@transaction.atomic
def approve(membership: Membership, actor) -> Membership:
    return _decide(membership, actor, True)


@transaction.atomic
def decline(membership: Membership, actor) -> Membership:
    return _decide(membership, actor, False)


@transaction.atomic
def remove_member(membership: Membership, actor) -> Membership:
    community = membership.community
    community.require_facilitator(actor)
    if membership.user_id == _uid(actor):
        raise ValidationError(_("U kunt uzelf niet verwijderen; draag eerst de rol over."))
    membership.status = Membership.Status.REMOVED
    membership.role = Membership.Role.MEMBER
    membership.decided_by = actor
    membership.save()
    return membership


@transaction.atomic
def leave(community: CommunityPage, user) -> Membership:
    membership = Membership.objects.select_for_update().get(community=community, user=user)
    if (
        membership.is_active_facilitator
        and Membership.objects.facilitators().filter(community=community).count() == 1
    ):
        raise ValidationError(
            _("U bent de enige facilitator. Draag de rol eerst over aan een ander lid.")
        )
    membership.status = Membership.Status.LEFT
    membership.role = Membership.Role.MEMBER
    membership.save()
    community.forget_membership(user)
    return membership


@transaction.atomic
def hand_over_facilitator(community: CommunityPage, actor, to_membership: Membership) -> None:
    """Make another active member facilitator; the current facilitator becomes a member."""
    community.require_facilitator(actor)
    target = Membership.objects.select_for_update().get(pk=to_membership.pk)
    if target.community_id != community.pk or target.status != Membership.Status.ACTIVE:
        raise ValidationError(_("Alleen een actief lid kan facilitator worden."))
    if target.user_id == _uid(actor):
        raise ValidationError(_("U bent al facilitator."))
    target.role = Membership.Role.FACILITATOR
    target.save(update_fields=["role"])
    Membership.objects.filter(community=community, user=actor).update(role=Membership.Role.MEMBER)
    community.forget_membership(actor)
    notify(
        [target.user_id],
        verb="community-facilitator",
        title=_("U bent nu facilitator van %(community)s") % {"community": community.title},
        url=community_path(community),
        event_key=f"community-facilitator:{target.pk}:{timezone.now().isoformat()}",
    )


@transaction.atomic
def add_member(community: CommunityPage, user, role=Membership.Role.MEMBER) -> Membership:
    """Direct (administrative) membership, e.g. for demo content and the first facilitator."""
    membership, _created = Membership.objects.get_or_create(community=community, user=user)
    membership.status = Membership.Status.ACTIVE
    membership.role = role
    membership.joined_at = membership.joined_at or timezone.now()
    membership.save()
    community.forget_membership(user)
    return membership


def set_notification_preference(membership: Membership, preference: str) -> Membership:
    if preference not in Membership.Digest.values:
        raise ValidationError(_("Kies een geldige voorkeur."))
    membership.notification_preference = preference
    membership.save(update_fields=["notification_preference"])
    return membership


# Invitations ---------------------------------------------------------------


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "e": invitation.email.lower()}, salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation | None:
    try:
        data = signing.loads(token, salt=INVITATION_SALT, max_age=INVITATION_MAX_AGE)
    except signing.BadSignature:
        return None
    invitation = Invitation.objects.select_related("community").filter(pk=data.get("i")).first()
    if invitation is None or invitation.email.lower() != data.get("e") or not invitation.is_open:
        return None
    return invitation


@transaction.atomic
def invite(community: CommunityPage, actor, email: str, message: str = "") -> Invitation:
    community.require_facilitator(actor)
    email = email.strip().lower()
    message = plain_text(message, 1000)
    existing = get_user_model().objects.filter(email__iexact=email).first()
    if existing and community.is_member(existing):
        raise ValidationError(_("Deze persoon is al lid."))
    invitation = Invitation.objects.create(
        community=community, email=email, invited_by=actor, message=message
    )
    if existing:
        membership, _created = Membership.objects.get_or_create(
            community=community, user=existing, defaults={"status": Membership.Status.INVITED}
        )
        if membership.status != Membership.Status.ACTIVE:
            membership.status = Membership.Status.INVITED
            membership.save(update_fields=["status"])
    outbox.enqueue(
        INVITATION_HANDLER,
        {"invitation_id": invitation.pk},
        dedupe_key=f"communities:invitation:{invitation.pk}",
    )
    return invitation


@transaction.atomic
def accept_invitation(invitation: Invitation, user) -> Membership:
    if not getattr(user, "is_authenticated", False):
        raise PermissionDenied
    if user.email.lower() != invitation.email.lower():
        raise PermissionDenied(
            _("Deze uitnodiging is voor een ander e-mailadres. Log in met %(email)s.")
            % {"email": invitation.email}
        )
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_open:
        raise ValidationError(_("Deze uitnodiging is al gebruikt."))
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    membership, _created = Membership.objects.get_or_create(community=locked.community, user=user)
    if membership.status != Membership.Status.ACTIVE:
        membership.status = Membership.Status.ACTIVE
        membership.joined_at = timezone.now()
        membership.decided_by = locked.invited_by
        membership.save()
    locked.community.forget_membership(user)
    return membership


# --------------------------------------------------------------------------- discussions

_BLOCK_TAG = re.compile(r"<\s*(p|ul|ol|blockquote|br)\b", re.I)


def _to_html(text: str) -> str:
    """Plain text from a textarea becomes paragraphs; text that already has HTML stays as is."""
    text = text.replace("\r\n", "\n").strip()
    if _BLOCK_TAG.search(text):
        return text
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)


def clean_post_body(raw: str) -> str:
    """Validate (length, personal data) and sanitise the text of a post. Raises ValidationError."""
    raw = (raw or "").replace("\x00", "")
    text = plain_text(raw)
    if not text:
        raise ValidationError(_("Schrijf een bericht."), code="required")
    if len(text) > MAX_POST_LENGTH:
        raise ValidationError(
            _("Uw bericht is te lang (%(n)s tekens, maximaal %(max)s).")
            % {"n": len(text), "max": MAX_POST_LENGTH},
            code="max_length",
        )
    validate_no_personal_data(text)
    return clean_html(_to_html(raw))


def clean_title(raw: str, max_length: int = 200) -> str:
    title = plain_text(raw, max_length)
    if not title:
        raise ValidationError(_("Geef een onderwerp op."), code="required")
    validate_no_personal_data(title)
    return title


_MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9][A-Za-z0-9._+\-]{1,63})")


def mentioned_users(community: CommunityPage, html: str) -> list:
    """Members mentioned as @handle, where the handle is the local part of their e-mail address."""
    handles = {h.rstrip(".").lower() for h in _MENTION.findall(plain_text(html))}
    if not handles:
        return []
    members = Membership.objects.active().filter(community=community).select_related("user")
    return [m.user for m in members if m.user.email.split("@")[0].lower() in handles]


def _readers(community: CommunityPage, user_ids):
    """The subset of ``user_ids`` that may read the community's content."""
    User = get_user_model()
    ids = set(user_ids)
    if not ids:
        return set()
    if community.is_open:
        return set(User.objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True))
    return set(
        Membership.objects.active()
        .filter(community=community, user_id__in=ids)
        .values_list("user_id", flat=True)
    )


def _notify_about_post(post: Post, created: bool = True) -> None:
    thread = post.thread
    community = thread.community
    url = community_path(community) + f"discussies/{thread.pk}/#bericht-{post.pk}"
    excerpt = plain_text(post.body, 300)
    author_name = post.author.display_name if post.author else ""
    mentioned = {u.pk for u in mentioned_users(community, post.body)} - {post.author_id}
    mentioned = _readers(community, mentioned)
    if mentioned:
        notify(
            mentioned,
            verb="community-mention",
            title=_("%(name)s noemde u in “%(thread)s”")
            % {"name": author_name, "thread": thread.title},
            url=url,
            body=excerpt,
            event_key=f"community-mention:{post.pk}",
            exclude=post.author_id,
        )
    if not created:
        return
    immediate = set(
        Membership.objects.active()
        .filter(community=community, notification_preference=Membership.Digest.IMMEDIATE)
        .values_list("user_id", flat=True)
    )
    followers = set(thread.follows.values_list("user_id", flat=True))
    recipients = _readers(community, (immediate | followers) - mentioned - {post.author_id})
    if recipients:
        notify(
            recipients,
            verb="community-post",
            title=_("Nieuw bericht in “%(thread)s”") % {"thread": thread.title},
            url=url,
            body=f"{author_name}: {excerpt}",
            event_key=f"community-post:{post.pk}",
            exclude=post.author_id,
        )


def _require_can_post(community: CommunityPage, user) -> None:
    community.require_visible(user)
    if not community.is_member(user):
        raise PermissionDenied(_("Alleen leden kunnen berichten plaatsen."))


@transaction.atomic
def start_thread(community: CommunityPage, author, title: str, body: str) -> Thread:
    _require_can_post(community, author)
    title = clean_title(title)
    html = clean_post_body(body)
    now = timezone.now()
    thread = Thread.objects.create(
        community=community, title=title, author=author, created_at=now, last_activity_at=now
    )
    post = Post.objects.create(thread=thread, author=author, body=html, is_opening=True)
    ThreadFollow.objects.get_or_create(thread=thread, user=author)
    _notify_about_post(post)
    return thread


@transaction.atomic
def reply(thread: Thread, author, body: str, quoted_post: Post | None = None) -> Post:
    _require_can_post(thread.community, author)
    if quoted_post is not None and quoted_post.thread_id != thread.pk:
        quoted_post = None
    html = clean_post_body(body)
    post = Post.objects.create(thread=thread, author=author, body=html, quoted_post=quoted_post)
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + 1, last_activity_at=post.created_at
    )
    ThreadFollow.objects.get_or_create(thread=thread, user=author)
    _notify_about_post(post)
    return post


def can_edit(post: Post, user) -> bool:
    return (
        getattr(user, "pk", None) is not None
        and post.author_id == user.pk
        and not post.is_hidden
        and timezone.now() <= post.created_at + edit_window()
    )


@transaction.atomic
def edit_post(post: Post, user, body: str) -> Post:
    if post.author_id != getattr(user, "pk", None):
        raise PermissionDenied(_("U kunt alleen uw eigen berichten bewerken."))
    if not can_edit(post, user):
        raise ValidationError(
            _("Een bericht kan tot %(minutes)s minuten na plaatsen worden bewerkt.")
            % {"minutes": int(edit_window().total_seconds() // 60)},
            code="edit_window",
        )
    post.body = clean_post_body(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "edited_at"])
    _notify_about_post(post, created=False)
    return post


def quote_prefill(post: Post) -> str:
    """The start of a reply that quotes ``post`` (server-side, so it works without JavaScript)."""
    name = post.author.display_name if post.author else _("Onbekend")
    return (
        f"<blockquote><p><strong>{escape(name)}</strong> {escape(_('schreef'))}:</p>"
        f"{clean_html(post.body)}</blockquote>\n\n"
    )


def can_mark_answer(thread: Thread, user) -> bool:
    return getattr(user, "pk", None) is not None and (
        thread.author_id == user.pk or thread.community.is_facilitator(user)
    )


@transaction.atomic
def mark_answer(thread: Thread, post: Post | None, actor) -> Thread:
    if not can_mark_answer(thread, actor):
        raise PermissionDenied
    if post is not None and (post.thread_id != thread.pk or post.is_opening or post.is_hidden):
        raise ValidationError(
            _("Alleen een zichtbare reactie in deze discussie kan het antwoord zijn.")
        )
    thread.answer = post
    thread.save(update_fields=["answer"])
    return thread


def follow(thread: Thread, user) -> None:
    thread.community.require_readable(user)
    ThreadFollow.objects.get_or_create(thread=thread, user=user)


def unfollow(thread: Thread, user) -> None:
    ThreadFollow.objects.filter(thread=thread, user=user).delete()


# Moderation ----------------------------------------------------------------


@transaction.atomic
def report_post(post: Post, reporter, reason: str) -> PostReport:
    community = post.thread.community
    community.require_member(reporter)
    reason = plain_text(reason, 1000)
    if not reason:
        raise ValidationError(_("Geef een reden op."), code="required")
    report = PostReport.objects.create(post=post, reporter=reporter, reason=reason)
    notify(
        _facilitators(community),
        verb="community-report",
        title=_("Een bericht in “%(thread)s” is gemeld") % {"thread": post.thread.title},
        url=community_path(community) + "moderatie/",
        body=reason,
        event_key=f"community-report:{report.pk}",
    )
    return report


def _moderate(post: Post, actor, reason: str, hide: bool) -> Post:
    community = post.thread.community
    community.require_facilitator(actor)
    reason = plain_text(reason, 1000)
    if not reason:
        raise ValidationError(_("Geef een reden op; die wordt vastgelegd."), code="required")
    locked = Post.objects.select_for_update().get(pk=post.pk)
    if locked.is_hidden == hide:
        return locked
    locked.is_hidden = hide
    locked.hidden_reason = reason if hide else ""
    locked.save(update_fields=["is_hidden", "hidden_reason"])
    ModerationLog.objects.create(
        post=locked,
        community=community,
        actor=actor,
        action=ModerationLog.Action.HIDE if hide else ModerationLog.Action.RESTORE,
        reason=reason,
    )
    if hide:
        PostReport.objects.filter(post=locked, handled_at__isnull=True).update(
            handled_at=timezone.now()
        )
        if post.thread.answer_id == locked.pk:
            Thread.objects.filter(pk=post.thread_id).update(answer=None)
    author_ids = _readers(community, {locked.author_id}) if locked.author_id else set()
    if author_ids:  # a former member is not told about content they can no longer read
        notify(
            author_ids,
            verb="community-moderation",
            title=(
                _("Uw bericht in “%(thread)s” is verborgen")
                if hide
                else _("Uw bericht in “%(thread)s” is weer zichtbaar")
            )
            % {"thread": post.thread.title},
            url=community_path(community) + f"discussies/{post.thread_id}/#bericht-{locked.pk}",
            body=_("Reden: %(reason)s") % {"reason": reason},
            event_key=f"community-moderation:{locked.pk}:{timezone.now().isoformat()}",
        )
    return locked


@transaction.atomic
def hide_post(post: Post, actor, reason: str) -> Post:
    return _moderate(post, actor, reason, True)


@transaction.atomic
def restore_post(post: Post, actor, reason: str) -> Post:
    return _moderate(post, actor, reason, False)


@transaction.atomic
def dismiss_report(report: PostReport, actor) -> None:
    report.post.thread.community.require_facilitator(actor)
    PostReport.objects.filter(pk=report.pk).update(handled_at=timezone.now())


# --------------------------------------------------------------------------- events


@transaction.atomic
def save_event(community: CommunityPage, actor, event: Event | None = None, **fields) -> Event:
    community.require_facilitator(actor)
    fields["title"] = clean_title(fields.get("title", ""))
    if "agenda" in fields:
        fields["agenda"] = plain_text(fields["agenda"], 5000)
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
    text = plain_text(text, 20000)
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


# --------------------------------------------------------------------------- documents

ZIP_MAGIC = b"PK\x03\x04"
EXECUTABLE_MAGIC = (
    b"MZ",
    b"\x7fELF",
    b"\xcf\xfa\xed\xfe",
    b"\xfe\xed\xfa",
    b"\xca\xfe\xba\xbe",
    b"#!",
)
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "txt": "text/plain",
    "csv": "text/csv",
}
_OOXML_DIR = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}


def _sniff_zip(fileobj, ext: str) -> bool:
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = archive.namelist()
            if any(
                name.lower().endswith(("vbaproject.bin", ".exe", ".dll", ".js")) for name in names
            ):
                return False  # macros or embedded executables
            if ext in _OOXML_DIR:
                return "[Content_Types].xml" in names and any(
                    n.startswith(_OOXML_DIR[ext]) for n in names
                )
            if "mimetype" not in names:
                return False
            return archive.read("mimetype").decode("ascii", "replace").strip() == ALLOWED_TYPES[ext]
    except (zipfile.BadZipFile, OSError, KeyError):
        return False


def _sniff_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character may be cut at the end of the sample.
        if exc.start < len(head) - 4:
            try:
                head.decode("cp1252")
            except UnicodeDecodeError:
                return False
    return True


def check_upload(uploaded) -> tuple[str, str]:
    """Validate an uploaded file by extension AND content; returns (extension, content type)."""
    name = Path(uploaded.name or "").name
    ext = Path(name).suffix.lower().lstrip(".")
    allowed = ", ".join(sorted(ALLOWED_TYPES))
    if ext not in ALLOWED_TYPES:
        raise ValidationError(
            _("Dit bestandstype is niet toegestaan. Toegestaan: %(types)s.") % {"types": allowed},
            code="type",
        )
    if uploaded.size > max_document_size():
        raise ValidationError(
            _("Het bestand is te groot (maximaal %(mb)s MB).")
            % {"mb": max_document_size() // (1024 * 1024)},
            code="size",
        )
    if uploaded.size == 0:
        raise ValidationError(_("Het bestand is leeg."), code="empty")
    uploaded.seek(0)
    head = uploaded.read(8192)
    uploaded.seek(0)
    if head.startswith(EXECUTABLE_MAGIC):
        raise ValidationError(
            _("Dit bestand bevat uitvoerbare code en wordt niet geaccepteerd."), code="executable"
        )
    if ext == "pdf":
        ok = head.startswith(b"%PDF-")
    elif ext in ("txt", "csv"):
        ok = _sniff_text(head)
    else:
        ok = head.startswith(ZIP_MAGIC) and _sniff_zip(uploaded, ext)
        uploaded.seek(0)
    if not ok:
        raise ValidationError(
            _("De inhoud van het bestand past niet bij de extensie .%(ext)s.") % {"ext": ext},
            code="mismatch",
        )
    return ext, ALLOWED_TYPES[ext]


@transaction.atomic
def add_document(community: CommunityPage, user, title: str, uploaded) -> Document:
    community.require_member(user)
    ext, content_type = check_upload(uploaded)
    original = plain_text(Path(uploaded.name).name, 255) or f"document.{ext}"
    title = clean_title(title or Path(original).stem)
    document = Document(
        community=community,
        title=title,
        original_name=original,
        size=uploaded.size,
        content_type=content_type,
        uploaded_by=user,
    )
    document.file.save(original, uploaded, save=False)
    document.save()
    return document


@transaction.atomic
def delete_document(document: Document, actor) -> None:
    community = document.community
    if document.uploaded_by_id != getattr(actor, "pk", None):
        community.require_facilitator(actor)
    document.file.delete(save=False)
    document.delete()


# --------------------------------------------------------------------------- opbrengsten


@transaction.atomic
def save_opbrengst(
    community: CommunityPage,
    actor,
    *,
    kind: str,
    title: str,
    summary: str,
    body: str = "",
    source_thread: Thread | None = None,
    opbrengst: Opbrengst | None = None,
) -> Opbrengst:
    community.require_facilitator(actor)
    if kind not in Opbrengst.Kind.values:
        raise ValidationError(_("Kies een soort opbrengst."))
    summary = plain_text(summary, 1000)
    body = plain_text(body, 10000)
    for value in (summary, body):
        validate_no_personal_data(value)
    if source_thread is not None and source_thread.community_id != community.pk:
        source_thread = None
    opbrengst = opbrengst or Opbrengst(community=community, created_by=actor)
    opbrengst.kind = kind
    opbrengst.title = clean_title(title)
    opbrengst.summary = summary
    opbrengst.body = body
    opbrengst.source_thread = source_thread
    opbrengst.save()
    return opbrengst


def _source_note(community: CommunityPage) -> str:
    return _("Opbrengst van de Community of Practice %(name)s") % {"name": community.public_label}


def _source_url(community: CommunityPage, path: str) -> str:
    # A hidden community is not named or linked outside it.
    return "" if community.is_hidden else absolute(community_path(community) + path)


def _theme_ids(community):
    return list(community.themes.values_list("pk", flat=True))


@transaction.atomic
def offer_to_knowledge(opbrengst: Opbrengst, actor, target: str) -> Opbrengst:
    """Offer an opbrengst to the editors as a draft handreiking (``target="handreiking"``) or Q&A."""
    community = opbrengst.community
    community.require_facilitator(actor)
    opbrengst = Opbrengst.objects.select_for_update().get(pk=opbrengst.pk)
    if opbrengst.knowledge_page_id:
        raise ValidationError(_("Deze opbrengst is al aangeboden aan de redactie."))
    from django.apps import apps

    themes = _theme_ids(community)
    if apps.is_installed("taxonomy"):
        from taxonomy.models import Theme

        themes = list(Theme.objects.filter(pk__in=themes))
    from knowledge import services as knowledge_services

    common = {
        "title": opbrengst.title,
        "themes": themes,
        "source_note": _source_note(community),
        "source_url": _source_url(community, f"opbrengsten/{opbrengst.pk}/"),
    }
    if target == Opbrengst.KnowledgeKind.HANDREIKING:
        page = knowledge_services.create_handreiking_draft(
            summary=opbrengst.summary, body_text=opbrengst.body, **common
        )
    elif target == Opbrengst.KnowledgeKind.QUESTION:
        page = knowledge_services.create_question_draft(
            short_answer=opbrengst.summary,
            answer_text=opbrengst.body,
            requested_by=actor,
            **common,
        )
    else:
        raise ValidationError(_("Onbekende bestemming."))
    opbrengst.knowledge_kind = target
    opbrengst.knowledge_page_id = page.pk
    opbrengst.offered_at = timezone.now()
    opbrengst.save(update_fields=["knowledge_kind", "knowledge_page", "offered_at"])
    return opbrengst


def _create_signal(community: CommunityPage, actor, *, title, description, path, suggestion=""):
    from signals import services as signal_services

    return signal_services.create_signal(
        submitted_by=actor,
        title=title,
        description=description,
        themes=_theme_ids(community),
        organisation=getattr(actor, "organisation", None),
        suggestion=suggestion,
        source="community",
        source_label=community.public_label,
        source_url=_source_url(community, path),
    )


@transaction.atomic
def raise_signal_from_opbrengst(opbrengst: Opbrengst, actor) -> Opbrengst:
    community = opbrengst.community
    community.require_facilitator(actor)
    opbrengst = Opbrengst.objects.select_for_update().get(pk=opbrengst.pk)
    if opbrengst.signal_id:
        raise ValidationError(_("Van deze opbrengst is al een signaal gemaakt."))
    description = opbrengst.summary + ("\n\n" + opbrengst.body if opbrengst.body else "")
    suggestion = opbrengst.body if opbrengst.kind == Opbrengst.Kind.ADVICE else ""
    opbrengst.signal = _create_signal(
        community,
        actor,
        title=opbrengst.title,
        description=description,
        suggestion=suggestion,
        path=f"opbrengsten/{opbrengst.pk}/",
    )
    opbrengst.signalled_at = timezone.now()
    opbrengst.save(update_fields=["signal", "signalled_at"])
    return opbrengst


@transaction.atomic
def thread_to_signal(thread: Thread, actor, *, title: str, description: str) -> Thread:
    """A facilitator raises a discussion as a signal on behalf of the community."""
    community = thread.community
    community.require_facilitator(actor)
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    if thread.signal_id:
        raise ValidationError(_("Van deze discussie is al een signaal gemaakt."))
    title = clean_title(title)
    description = plain_text(description, 5000)
    if not description:
        raise ValidationError(_("Beschrijf het knelpunt."), code="required")
    validate_no_personal_data(description)
    thread.signal = _create_signal(
        community, actor, title=title, description=description, path=f"discussies/{thread.pk}/"
    )
    thread.save(update_fields=["signal"])
    return thread


# --------------------------------------------------------------------------- digests


def digest_period(kind: str, now: datetime | None = None) -> tuple[datetime, datetime, str]:
    """The period a digest covers: the previous local day, or the previous ISO week."""
    now = timezone.localtime(now or timezone.now())
    midnight = timezone.make_aware(datetime.combine(now.date(), time.min))
    if kind == Membership.Digest.DAILY:
        start = midnight - timedelta(days=1)
        return start, midnight, start.date().isoformat()
    monday = midnight - timedelta(days=now.weekday())
    start = monday - timedelta(days=7)
    year, week, _wd = start.isocalendar()
    return start, monday, f"{year}-W{week:02d}"


def digest_items(user, kind: str, start: datetime, end: datetime) -> list[dict]:
    """What a digest for ``user`` contains: readable, visible new posts and events, per community."""
    memberships = Membership.objects.active().filter(user=user, notification_preference=kind)
    community_ids = list(memberships.values_list("community_id", flat=True))
    posts = (
        Post.objects.visible_to(user)
        .filter(thread__community_id__in=community_ids, created_at__gte=start, created_at__lt=end)
        .exclude(author=user)
        .select_related("thread", "author")
        .order_by("thread__community_id", "thread_id", "created_at")
    )
    events = (
        Event.objects.visible_to(user)
        .filter(community_id__in=community_ids, created_at__gte=start, created_at__lt=end)
        .order_by("starts_at")
    )
    communities = {
        c.pk: c for c in CommunityPage.objects.live().readable_by(user).filter(pk__in=community_ids)
    }
    grouped: dict[int, dict] = {}
    for post in posts:
        community = communities.get(post.thread.community_id)
        if community is None:
            continue
        entry = grouped.setdefault(
            community.pk, {"community": community, "threads": {}, "events": []}
        )
        thread = entry["threads"].setdefault(
            post.thread_id, {"thread": post.thread, "posts": [], "url": ""}
        )
        thread["url"] = absolute(community_path(community) + f"discussies/{post.thread_id}/")
        thread["posts"].append(
            {
                "author": post.author.display_name if post.author else "",
                "excerpt": plain_text(post.body, 280),
                "created_at": post.created_at,
            }
        )
    for event in events:
        community = communities.get(event.community_id)
        if community is None:
            continue
        entry = grouped.setdefault(
            community.pk, {"community": community, "threads": {}, "events": []}
        )
        entry["events"].append(
            {
                "title": event.title,
                "starts_at": event.starts_at,
                "url": absolute(community_path(community) + f"bijeenkomsten/{event.pk}/"),
            }
        )
    result = []
    for entry in grouped.values():
        entry["threads"] = list(entry["threads"].values())
        entry["url"] = absolute(community_path(entry["community"]))
        result.append(entry)
    return sorted(result, key=lambda e: e["community"].title)


def queue_digests(kind: str, now: datetime | None = None) -> int:
    """Queue one digest e-mail per member who chose ``kind`` and has something new to read.

    Idempotent per period: the outbox dedupe key holds the period, so running twice sends once.
    """
    if kind not in (Membership.Digest.DAILY, Membership.Digest.WEEKLY):
        raise ValueError(kind)
    start, end, key = digest_period(kind, now)
    active_communities = set(
        Post.objects.filter(created_at__gte=start, created_at__lt=end, is_hidden=False)
        .values_list("thread__community_id", flat=True)
        .distinct()
    ) | set(
        Event.objects.filter(created_at__gte=start, created_at__lt=end)
        .values_list("community_id", flat=True)
        .distinct()
    )
    user_ids = set(
        Membership.objects.active()
        .filter(community_id__in=active_communities, notification_preference=kind)
        .filter(user__is_active=True)
        .values_list("user_id", flat=True)
    )
    count = 0
    for user_id in sorted(user_ids):
        with transaction.atomic():
            queued = outbox.enqueue(
                DIGEST_HANDLER,
                {
                    "user_id": user_id,
                    "kind": kind,
                    "start": start.isoformat(),
                    "end": end.isoformat(),
                },
                dedupe_key=f"communities:digest:{kind}:{key}:{user_id}",
            )
        count += queued is not None
    return count
