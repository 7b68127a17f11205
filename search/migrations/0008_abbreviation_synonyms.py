"""Add the domain's abbreviations to the synonym list of existing installations (issue #22).

Frozen here (not imported) so the migration keeps meaning what it meant when it was written.
"""

from django.db import migrations

ABBREVIATIONS = [
    "DUO, Dienst Uitvoering Onderwijs",
    "COA, Centraal Orgaan opvang Asielzoekers",
    "IND, Immigratie- en Naturalisatiedienst",
    "BRP, basisregistratie personen",
    "BSN, burgerservicenummer",
    "NT2, Nederlands als tweede taal",
    "SZW, Sociale Zaken en Werkgelegenheid",
    "VNG, Vereniging van Nederlandse Gemeenten",
    "LBT, leerbaarheidstoets",
    "CvTE, College voor Toetsen en Examens",
]


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms in ABBREVIATIONS:
        Synonym.objects.get_or_create(terms=terms)


def unseed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(terms__in=ABBREVIATIONS).delete()


class Migration(migrations.Migration):
    dependencies = [("search", "0007_extracted_text")]

    operations = [migrations.RunPython(seed, unseed)]
