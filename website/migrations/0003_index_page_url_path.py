"""An index on wagtailcore_page.url_path: knowledge URLs are resolved by it (core.http_cache)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("website", "0002_create_homepage"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX IF NOT EXISTS website_page_url_path_idx ON wagtailcore_page (url_path)",
            "DROP INDEX IF EXISTS website_page_url_path_idx",
        )
    ]
