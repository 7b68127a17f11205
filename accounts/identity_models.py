"""Models of sign-in through OpenID Connect, login history and the privacy rights.

Imported by ``accounts.models`` so Django finds them; kept apart so the user model file
stays small.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.appendonly import AppendOnlyModel

from .roles import ROLES

ROLE_CHOICES = [(key, role.label) for key, role in ROLES.items()]


class OIDCIdentity(models.Model):
    """The link between a user and an account at an OpenID provider (``iss`` + ``sub``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="oidc_identities"
    )
    provider = models.CharField(_("aanbieder"), max_length=60)
    subject = models.CharField(_("kenmerk bij de aanbieder"), max_length=255)
    created_at = models.DateTimeField(_("gekoppeld op"), auto_now_add=True)

    class Meta:
        verbose_name = _("inlogkoppeling")
        verbose_name_plural = _("inlogkoppelingen")
        constraints = [
            models.UniqueConstraint(fields=["provider", "subject"], name="oidc_identity_unique")
        ]

    def __str__(self):
        return f"{self.provider}: {self.subject}"


class ClaimRoleMapping(models.Model):
    """A role a beheerder grants explicitly to whoever signs in with a given claim value.

    Without a mapping no role is ever taken from a provider.
    """

    provider = models.CharField(
        _("aanbieder"),
        max_length=60,
        help_text=_("De korte naam (slug) van de aanbieder uit OIDC_PROVIDERS."),
    )
    claim = models.CharField(_("claim"), max_length=100, help_text=_("Bijvoorbeeld: groups"))
    value = models.CharField(_("waarde"), max_length=255)
    role = models.CharField(_("rol"), max_length=40, choices=ROLE_CHOICES)

    class Meta:
        verbose_name = _("rol uit claim")
        verbose_name_plural = _("rollen uit claims")
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "claim", "value", "role"], name="claim_role_unique"
            )
        ]

    def __str__(self):
        return f"{self.provider}: {self.claim}={self.value} → {self.role}"


class PasswordLoginDisabledDomain(models.Model):
    """Users with an e-mail address in this domain sign in through their organisation only."""

    domain = models.CharField(
        _("e-maildomein"), max_length=255, unique=True, help_text=_("Bijvoorbeeld: gemeente.nl")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("domein zonder wachtwoordlogin")
        verbose_name_plural = _("domeinen zonder wachtwoordlogin")

    def __str__(self):
        return self.domain

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().lstrip("@")
        super().save(*args, **kwargs)


class LoginEvent(AppendOnlyModel):
    """A successful sign-in (history, shown in "Mijn gegevens"); never changed or removed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="login_events"
    )
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    method = models.CharField(_("manier"), max_length=80)

    class Meta:
        verbose_name = _("inlogmoment")
        verbose_name_plural = _("inlogmomenten")
        ordering = ["-at", "-pk"]


class RoleChangeRequest(models.Model):
    """An organisation beheerder asks a site beheerder to give or take away a role."""

    class Action(models.TextChoices):
        GRANT = "grant", _("Rol toekennen")
        REVOKE = "revoke", _("Rol intrekken")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Uitgevoerd")
        REJECTED = "rejected", _("Afgewezen")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_change_requests"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    role = models.CharField(_("rol"), max_length=40, choices=ROLE_CHOICES)
    action = models.CharField(_("actie"), max_length=10, choices=Action.choices)
    reason = models.TextField(_("toelichting"), blank=True, max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verzoek om rolwijziging")
        verbose_name_plural = _("verzoeken om rolwijziging")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.get_action_display()}: {self.role} ({self.user_id})"


class AccountRemoval(models.Model):
    """A request to remove an account: deactivated at once, anonymised after the grace period."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="removal"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    by_beheerder = models.BooleanField(default=False)
    anonymise_after = models.DateTimeField()
    anonymised_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("verwijderverzoek")
        verbose_name_plural = _("verwijderverzoeken")

    def __str__(self):
        return f"{self.user_id}: {self.anonymise_after:%Y-%m-%d}"
