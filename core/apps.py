from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The shared kernel: history, text policy, rate limits, cache, navigation, form tags.

    Imports Django, Wagtail and third-party libraries only, never a project app.
    """

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from . import checks  # noqa: F401 - registers the configuration system check
