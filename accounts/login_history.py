"""Every successful sign-in becomes a LoginEvent (shown under "Mijn gegevens")."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .identity_models import LoginEvent


@receiver(user_logged_in, dispatch_uid="accounts.login_history")
def record_login(sender, request, user, **kwargs):
    method = getattr(request, "login_method", None) or "password"
    LoginEvent.objects.create(user=user, method=method[:80])
