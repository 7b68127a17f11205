from django.core.management.base import BaseCommand
from django.db import connection

from search.pg_setup import ensure_rum


class Command(BaseCommand):
    help = "Maak de optionele RUM-index voor zoeken aan als de server de rum-extensie heeft."

    def handle(self, *args, **options):
        if ensure_rum(connection):
            self.stdout.write("RUM-index aanwezig: zoeken rangschikt in de index.")
        else:
            self.stdout.write("Geen RUM beschikbaar: zoeken gebruikt de GIN-index.")
