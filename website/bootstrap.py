"""Baseline content every installation needs: a page tree root, the home page and a site.

The data migration creates it on ``migrate``; ``ensure_baseline`` (run after every migrate via
post_migrate, and therefore also after a test database flush) re-creates whatever is missing.
It is idempotent.
"""

from django.conf import settings

HOME_TITLE = "Lerend stelsel inburgering"


def ensure_baseline(**kwargs) -> None:
    from django.contrib.contenttypes.models import ContentType
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Collection, Locale, Page, Site

    from .models import HomePage

    ContentType.objects.clear_cache()  # ids may be stale after a database flush
    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=locale, live=True))
    home = HomePage.objects.first()
    if home is None:
        home = root.add_child(
            instance=HomePage(title=HOME_TITLE, slug="home", locale=locale, live=True)
        )
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True, site_name=HOME_TITLE
        )


def ensure_baseline_after_migrate(sender, **kwargs) -> None:
    if sender.name == "website":
        ensure_baseline()
