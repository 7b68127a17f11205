from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _can_see_dashboard(user):
    from .roles import dashboard_scopes

    return bool(dashboard_scopes(user))


def _public_only(user):
    return not _can_see_dashboard(user)


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Rapportage")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import navigation

        # One menu entry: the dashboards for who may see them, the public figures for others.
        navigation.register(_("Rapportage"), "reporting:home", order=50, visible=_can_see_dashboard)
        navigation.register(_("Cijfers"), "reporting:public", order=50, visible=_public_only)
