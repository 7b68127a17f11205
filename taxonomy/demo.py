"""Demo organisations and regions (on top of the reference data from the migration)."""

from django.utils.text import slugify

from .models import Organisation, Region
from .reference import load_reference

REGIONS = [
    ("Groot Amsterdam", "arbeidsmarktregio"),
    ("Rijnmond", "arbeidsmarktregio"),
    ("Midden-Utrecht", "arbeidsmarktregio"),
    ("Groningen", "arbeidsmarktregio"),
    ("Zuid-Limburg", "arbeidsmarktregio"),
    ("Twente", "arbeidsmarktregio"),
]

# (name, type, region)
ORGANISATIONS = [
    ("Gemeente Amsterdam", "gemeente", "Groot Amsterdam"),
    ("Gemeente Rotterdam", "gemeente", "Rijnmond"),
    ("Gemeente Utrecht", "gemeente", "Midden-Utrecht"),
    ("Gemeente Groningen", "gemeente", "Groningen"),
    ("Gemeente Maastricht", "gemeente", "Zuid-Limburg"),
    ("Gemeente Enschede", "gemeente", "Twente"),
    ("Taalhuis Noord (voorbeeld)", "taalschool", "Groningen"),
    ("ROC Midden Nederland (voorbeeld)", "taalschool", "Midden-Utrecht"),
    ("COA-locatie Ter Apel", "coa_locatie", "Groningen"),
    ("VluchtelingenWerk regio Utrecht (voorbeeld)", "maatschappelijk", "Midden-Utrecht"),
]


def seed(stdout=None) -> dict:
    load_reference()
    regions = {}
    for name, kind in REGIONS:
        regions[name], _ = Region.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "kind": kind}
        )
    created = 0
    for name, org_type, region in ORGANISATIONS:
        _, was_created = Organisation.objects.get_or_create(
            slug=slugify(name), defaults={"name": name, "type": org_type, "region": regions[region]}
        )
        created += was_created
    if stdout:
        stdout.write(f"  organisations: {Organisation.objects.count()} ({created} new)")
    return regions
