"""Account life cycle: registration, activation. Views and commands call these."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from core.urls import absolute_url

from .roles import PROFESSIONAL, assign_role


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    """Single-use: the token stops working once the account is active."""

    key_salt = "accounts.ActivationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.is_active}{user.email}{timestamp}"


activation_token = ActivationTokenGenerator()


def activation_url(user) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse(
        "accounts:activate", kwargs={"uidb64": uid, "token": activation_token.make_token(user)}
    )
    return absolute_url(path)


@transaction.atomic
def register_professional(form) -> "settings.AUTH_USER_MODEL":
    """Create an inactive professional account and send the activation mail after commit."""
    user = form.save(commit=False)
    user.email = user.email.lower()
    user.set_password(form.cleaned_data["password1"])
    user.is_active = False
    user.save()
    assign_role(user, PROFESSIONAL)
    transaction.on_commit(lambda: send_activation_mail(user))
    return user


def send_activation_mail(user) -> None:
    context = {"user": user, "url": activation_url(user), "site_name": settings.WAGTAIL_SITE_NAME}
    send_mail(
        subject=render_to_string("accounts/email/activation_subject.txt", context).strip(),
        message=render_to_string("accounts/email/activation.txt", context),
        from_email=None,
        recipient_list=[user.email],
    )


def activate(user, token: str) -> bool:
    if user is None or user.is_active or not activation_token.check_token(user, token):
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    return True


def notify_existing_account(email: str) -> None:
    """Someone tried to register with an address that has an account: tell its owner
    (after commit), without telling the person who filled in the form."""
    User = get_user_model()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        return
    context = {
        "user": user,
        "login_url": settings.SITE_URL.rstrip("/") + reverse("accounts:login"),
        "reset_url": settings.SITE_URL.rstrip("/") + reverse("accounts:password_reset"),
        "site_name": settings.WAGTAIL_SITE_NAME,
    }
    transaction.on_commit(
        lambda: send_mail(
            subject=render_to_string("accounts/email/account_exists_subject.txt", context).strip(),
            message=render_to_string("accounts/email/account_exists.txt", context),
            from_email=None,
            recipient_list=[user.email],
        )
    )
