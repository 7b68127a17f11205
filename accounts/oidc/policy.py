"""Password login switched off per e-mail domain (model PasswordLoginDisabledDomain)."""

from django.utils.translation import gettext as _


def password_login_disabled(email: str) -> bool:
    from ..identity_models import PasswordLoginDisabledDomain

    domain = (email or "").rpartition("@")[2].strip().lower()
    return bool(domain) and PasswordLoginDisabledDomain.objects.filter(domain=domain).exists()


def password_login_refusal(email: str) -> str | None:
    """The message for the login form, or None when password login is allowed."""
    if not password_login_disabled(email):
        return None
    return _(
        "Uw organisatie laat u niet met een wachtwoord inloggen. Kies hieronder de knop "
        "'Inloggen met' van uw organisatie."
    )
