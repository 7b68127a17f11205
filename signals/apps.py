from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _signed_in_chain(user):
    from .models import is_chain_professional

    return is_chain_professional(user)


def _coordinator(user):
    from .workflow import is_coordinator

    return is_coordinator(user)


class SignalsConfig(AppConfig):
    name = "signals"
    verbose_name = _("Signalen")

    def ready(self):
        from core import navigation

        navigation.register(_("Signalen"), "signals:list", order=30, visible=_signed_in_chain)
        navigation.register(_("Werkbank"), "signals:workbench", order=35, visible=_coordinator)
        navigation.register(_("Opvolging"), "signals:public_followup", order=40)

        from . import page_cache

        page_cache.connect()

        from . import subscriptions  # noqa: F401  registers the subscription fan-out handler
