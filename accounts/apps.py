from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True
    name = "accounts"
    verbose_name = _("Accounts en rollen")

    def ready(self):
        from .roles import sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="accounts.sync_roles")

        from . import (
            login_history,  # noqa: F401  records every sign-in
            permission_cache,
        )

        permission_cache.connect()
        from .oidc import checks  # noqa: F401  validates OIDC_PROVIDERS at start-up


class UsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with our form (organisation, job title)."""

    user_viewset = "accounts.wagtail_users.UserViewSet"
