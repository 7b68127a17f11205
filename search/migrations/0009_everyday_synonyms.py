"""Everyday words for the domain's terms in the synonym list of existing installations (#22).

Frozen here (not imported) so the migration keeps meaning what it meant when it was written.
The KNM group gains "maatschappijkennis" only where editors left it as it was seeded.
"""

from django.db import migrations

EVERYDAY = [
    "inburgeraar, nieuwkomer, inburgeringsplichtige",
    "werk, baan, arbeid",
    "knelpunt, probleem",
    "signaal, melding",
    "taalschool, taalaanbieder",
    "delen, uitwisselen, doorsturen, verstrekken",
    "begrijpelijke taal, eenvoudige taal, duidelijke taal, heldere taal, B1-taal",
    "ministerie, rijk, rijksoverheid",
    "budget, middelen, geld",
    "half jaar, zes maanden",
    "cursus, les, training",
    "vervolgopleiding, vervolgonderwijs, doorstuderen",
]
KNM_BEFORE = "KNM, kennis van de Nederlandse maatschappij"
KNM_AFTER = "KNM, kennis van de Nederlandse maatschappij, maatschappijkennis"


def seed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    for terms in EVERYDAY:
        Synonym.objects.get_or_create(terms=terms)
    Synonym.objects.filter(terms=KNM_BEFORE).update(terms=KNM_AFTER)


def unseed(apps, schema_editor):
    Synonym = apps.get_model("search", "Synonym")
    Synonym.objects.filter(terms__in=EVERYDAY).delete()
    Synonym.objects.filter(terms=KNM_AFTER).update(terms=KNM_BEFORE)


class Migration(migrations.Migration):
    dependencies = [("search", "0008_abbreviation_synonyms")]

    operations = [migrations.RunPython(seed, unseed)]
