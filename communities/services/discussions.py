"""Discussions: threads and replies (validated, sanitised post bodies), quotes, @mentions,
editing within the edit window, marking an answer, following a thread, and the notifications
a new or edited post sends (mentions, immediate subscribers and followers who may read it).
"""

from __future__ import annotations

import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from core.sanitize import clean_html, plain_text
from core.text import clean_plain_text
from notifications.services import notify
from privacy.validators import validate_no_personal_data

from ..models import CommunityPage, Membership, Post, Thread, ThreadFollow
from .common import _readers, clean_title, community_path

MAX_POST_LENGTH = 10_000


def edit_window() -> timedelta:
    return timedelta(minutes=getattr(settings, "COMMUNITIES_EDIT_WINDOW_MINUTES", 30))


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
    text = clean_plain_text(raw, max_length=MAX_POST_LENGTH)
    if not text:
        raise ValidationError(_("Schrijf een bericht."), code="required")
    validate_no_personal_data(text)
    return clean_html(_to_html(raw))


_MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9][A-Za-z0-9._+\-]{1,63})")


def mentioned_users(community: CommunityPage, html: str) -> list:
    """Members mentioned as @handle, where the handle is the local part of their e-mail address."""
    handles = {h.rstrip(".").lower() for h in _MENTION.findall(plain_text(html))}
    if not handles:
        return []
    members = Membership.objects.active().filter(community=community).select_related("user")
    return [m.user for m in members if m.user.email.split("@")[0].lower() in handles]


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
