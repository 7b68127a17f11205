from django.core.management.base import BaseCommand, CommandError

from reporting.services import ImportFileError, import_indicator_values


class Command(BaseCommand):
    help = (
        "Import ketenindicator values from CSV (indicator;periode;regio;waarde[;toelichting]). "
        "Good rows are stored or updated; bad rows are listed with their line number."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Path of the CSV file.")

    def handle(self, *args, file, **options):
        try:
            with open(file, "rb") as handle:
                result = import_indicator_values(handle.read())
        except FileNotFoundError:
            raise CommandError(f"Bestand niet gevonden: {file}")
        except ImportFileError as exc:
            raise CommandError(str(exc))
        for line, message in result.errors:
            self.stderr.write(f"regel {line}: {message}")
        self.stdout.write(
            f"{result.created} nieuw, {result.updated} bijgewerkt, "
            f"{result.unchanged} ongewijzigd, {len(result.errors)} met fouten."
        )
        if result.errors and not result.imported:
            raise CommandError("Geen enkele regel geïmporteerd.")
