from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

RETENTION_NAME = "feedback-contact"


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Feedback van inburgeraars")

    def ready(self):
        from core import navigation

        from .roles import can_moderate

        navigation.register(
            _("Feedback inburgeraars"), "feedback:moderation_list", order=80, visible=can_moderate
        )
        from privacy import retention

        from . import handlers, services  # noqa: F401  handlers registers the outbox handler

        # privacy.apply_retention (beat, daily) deletes expired contact addresses.
        retention.register(RETENTION_NAME, services.strip_expired_contacts)
