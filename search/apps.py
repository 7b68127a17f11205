from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = _("Zoeken")

    def ready(self):
        from . import (
            handlers,  # noqa: F401  registers the outbox handler
            signals,
        )

        signals.connect_all()
        from . import extract

        extract.connect()
