"""Seed the synonym list with the domain's known equivalents (editors maintain it afterwards)."""

from django.db import migrations

from search.defaults import SYNONYMS


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms in SYNONYMS:
        Synonym.objects.get_or_create(terms=terms)


def unseed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(terms__in=SYNONYMS).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_full_text")]

    operations = [migrations.RunPython(seed, unseed)]
