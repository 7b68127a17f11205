from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class WebsiteConfig(AppConfig):
    name = "website"
    verbose_name = _("Website")

    def ready(self):
        from .bootstrap import ensure_baseline_after_migrate

        post_migrate.connect(ensure_baseline_after_migrate, dispatch_uid="website.ensure_baseline")
