"""Who belongs to a community and who is invited."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .pages import CommunityPage, _user_id


class MembershipQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Membership.Status.ACTIVE)

    def for_user(self, user):
        uid = _user_id(user)
        return self.filter(user_id=uid) if uid else self.none()

    def visible_to(self, user):
        """Memberships (member lists) the user may see: those of communities they may read."""
        return self.filter(community__in=CommunityPage.objects.readable_by(user).values("pk"))

    def facilitators(self):
        return self.active().filter(role=Membership.Role.FACILITATOR)


class Membership(models.Model):
    class Role(models.TextChoices):
        FACILITATOR = "facilitator", _("Facilitator")
        MEMBER = "member", _("Lid")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Aangevraagd")
        INVITED = "invited", _("Uitgenodigd")
        ACTIVE = "active", _("Actief")
        DECLINED = "declined", _("Afgewezen")
        REMOVED = "removed", _("Verwijderd")
        LEFT = "left", _("Vertrokken")

    class Digest(models.TextChoices):
        IMMEDIATE = "immediate", _("Direct bij elk nieuw bericht")
        DAILY = "daily", _("Eén keer per dag een overzicht")
        WEEKLY = "weekly", _("Eén keer per week een overzicht")
        NONE = "none", _("Geen e-mail")

    community = models.ForeignKey(
        CommunityPage,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("community"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="community_memberships",
        verbose_name=_("gebruiker"),
    )
    role = models.CharField(_("rol"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.REQUESTED
    )
    notification_preference = models.CharField(
        _("e-mail over nieuwe berichten"),
        max_length=16,
        choices=Digest.choices,
        default=Digest.WEEKLY,
    )
    motivation = models.TextField(_("toelichting bij de aanvraag"), max_length=1000, blank=True)
    created_at = models.DateTimeField(_("aangemaakt"), default=timezone.now)
    joined_at = models.DateTimeField(_("lid sinds"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("besloten door"),
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["community", "user__last_name", "user__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="community_member_unique")
        ]
        indexes = [models.Index(fields=["community", "status", "role"])]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")

    def __str__(self):
        return f"{self.user} @ {self.community} ({self.get_status_display()})"

    @property
    def is_active_facilitator(self) -> bool:
        return self.status == self.Status.ACTIVE and self.role == self.Role.FACILITATOR


class Invitation(models.Model):
    """An invitation by e-mail. The link carries a signed token; the invitee may not have an account yet."""

    community = models.ForeignKey(
        CommunityPage, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mailadres"))
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    message = models.TextField(_("persoonlijke boodschap"), max_length=1000, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")

    def __str__(self):
        return f"{self.email} → {self.community}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None
