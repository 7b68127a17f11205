from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _load_reference(sender, **kwargs):
    if sender.name == "taxonomy":
        from .reference import load_reference

        load_reference()


class TaxonomyConfig(AppConfig):
    name = "taxonomy"
    verbose_name = _("Taxonomie")

    def ready(self):
        # The data migration loads the vocabularies; this keeps them after a database flush.
        post_migrate.connect(_load_reference, dispatch_uid="taxonomy.load_reference")
        from .choices import connect

        connect()  # filter forms' cached choice lists are deleted when a term changes
