"""Moderation of discussions: members report a post, facilitators hide or restore it (with a
logged reason, and the author told if they may still read it) or dismiss a report.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.text import clean_plain_text
from notifications.services import notify

from ..models import ModerationLog, Post, PostReport, Thread
from .common import _facilitators, _readers, community_path


@transaction.atomic
def report_post(post: Post, reporter, reason: str) -> PostReport:
    community = post.thread.community
    community.require_member(reporter)
    reason = clean_plain_text(reason, max_length=1000)
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
    reason = clean_plain_text(reason, max_length=1000)
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
