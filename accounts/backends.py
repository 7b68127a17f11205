from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .oidc.policy import password_login_disabled
from .permission_cache import cached_for_user


class EmailBackend(ModelBackend):
    """Authenticate with e-mail address and password (case-insensitive e-mail)."""

    def authenticate(self, request, username=None, password=None, email=None, **kwargs):
        login = (email or username or kwargs.get(get_user_model().USERNAME_FIELD) or "").strip()
        if not login or password is None:
            return None
        User = get_user_model()
        try:
            user = User.objects.get(email__iexact=login)
        except User.DoesNotExist:
            User().set_password(password)  # equalise timing with an existing account
            return None
        if password_login_disabled(user.email):
            return None  # this organisation signs in through its OpenID provider only
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def get_all_permissions(self, user_obj, obj=None):
        """Django's permission set, from the permission cache (no query on a hit)."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = set(
                cached_for_user(
                    user_obj,
                    "perms",
                    lambda: frozenset(super(EmailBackend, self).get_all_permissions(user_obj)),
                )
            )
        return user_obj._perm_cache
