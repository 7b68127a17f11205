from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Website")

    def ready(self):
        from . import cache_purge
        from .bootstrap import ensure_baseline_after_migrate

        cache_purge.connect()  # purge the page caches on publish, move, settings (docs/caching.md)

        post_migrate.connect(ensure_baseline_after_migrate, dispatch_uid="website.ensure_baseline")
