"""manage.py import_qa FILE: import questions with answers from JSON or CSV."""

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from knowledge.importer import COLUMNS, import_rows, read_rows


class Command(BaseCommand):
    help = (
        "Import Q&A from a .json or .csv file with columns "
        + ", ".join(COLUMNS)
        + ". Lists in CSV cells are separated by ';'. Existing questions are updated."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Save as drafts for the editors instead of publishing.",
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, file, draft=False, no_progress=False, **options):
        try:
            rows = read_rows(file)
        except FileNotFoundError:
            raise CommandError(f"File not found: {file}")
        except ValueError as error:
            raise CommandError(f"Cannot read {file}: {error}")
        with tqdm(
            total=len(rows), unit="vraag", disable=no_progress, file=self.stderr._out
        ) as progress:
            result = import_rows(rows, publish=not draft, progress=progress)
        for number, message in result.errors:
            self.stderr.write(self.style.ERROR(f"Rij {number}: {message}"))
        summary = (
            f"{result.created} nieuw, {result.updated} bijgewerkt, "
            f"{len(result.errors)} fout van {len(rows)} rijen."
        )
        if result.errors:
            self.stdout.write(self.style.WARNING(summary))
            raise CommandError(f"{len(result.errors)} rij(en) niet geïmporteerd.", returncode=1)
        self.stdout.write(self.style.SUCCESS(summary))
