from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        email = self.normalize_email(email).lower()
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)


class User(AbstractUser):
    """A person using the platform. Logs in with an e-mail address; belongs to an organisation."""

    username = None
    email = models.EmailField(_("e-mailadres"), unique=True)
    organisation = models.ForeignKey(
        "taxonomy.Organisation",
        verbose_name=_("organisatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
    )
    job_title = models.CharField(_("functie"), max_length=120, blank=True)
    preferred_language = models.CharField(_("voorkeurstaal"), max_length=8, default="nl")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["email"]

    def __str__(self):
        return self.get_full_name() or self.email

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email.split("@")[0]

    def has_role(self, *roles: str) -> bool:
        from .roles import user_roles

        return bool(user_roles(self) & set(roles))


from .identity_models import (  # noqa: E402,F401  (models of sign-in and privacy rights)
    AccountRemoval,
    ClaimRoleMapping,
    LoginEvent,
    OIDCIdentity,
    PasswordLoginDisabledDomain,
    RoleChangeRequest,
)
