"""Threads, posts, reports and the append-only moderation log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.appendonly import AppendOnlyModel

from .pages import CommunityPage, _readable_ids


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user):
        return self.filter(community__in=_readable_ids(user))


class Thread(models.Model):
    community = models.ForeignKey(CommunityPage, on_delete=models.CASCADE, related_name="threads")
    title = models.CharField(_("onderwerp"), max_length=200)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_activity_at = models.DateTimeField(default=timezone.now, db_index=True)
    reply_count = models.PositiveIntegerField(default=0)
    answer = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="ThreadFollow", related_name="followed_threads"
    )
    signal = models.ForeignKey(
        "signals.Signal",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gemeld als signaal"),
    )

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-last_activity_at", "-pk"]
        verbose_name = _("discussie")
        verbose_name_plural = _("discussies")

    def __str__(self):
        return self.title

    def get_path(self, base=None) -> str:
        return f"{base or self.community.url}discussies/{self.pk}/"


class ThreadFollow(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="thread_follow_unique")
        ]

    def __str__(self):
        return f"{self.user} volgt {self.thread}"


class PostQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Posts the user may read: in readable communities, not hidden by a moderator."""
        return self.filter(thread__community__in=_readable_ids(user), is_hidden=False)


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("bericht"))
    is_opening = models.BooleanField(default=False)
    quoted_post = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    is_hidden = models.BooleanField(_("verborgen"), default=False)
    hidden_reason = models.CharField(_("reden van verbergen"), max_length=500, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["thread", "created_at"])]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")

    def __str__(self):
        return f"{self.thread} #{self.pk}"

    def editable_until(self):
        from .services import edit_window

        return self.created_at + edit_window()


class PostReport(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reden"), max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("melding van een bericht")
        verbose_name_plural = _("meldingen van berichten")

    def __str__(self):
        return f"{self.post}: {self.reason[:40]}"


class ModerationLog(AppendOnlyModel):
    """Append-only: every hide and restore of a post, with who did it and why."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Verborgen")
        RESTORE = "restore", _("Hersteld")

    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="moderation_log")
    community = models.ForeignKey(
        CommunityPage, on_delete=models.CASCADE, related_name="moderation_log"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=16, choices=Action.choices)
    reason = models.TextField(_("reden"), max_length=1000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderatielog")
        verbose_name_plural = _("moderatielog")

    def __str__(self):
        return f"{self.get_action_display()}: {self.post} ({self.reason[:40]})"
