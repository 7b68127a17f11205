"""Rebuild the search index from the content apps (and Elasticsearch, when configured)."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from tqdm import tqdm

from search import engine_backend as elastic
from search import indexing
from search.backends.postings import refresh_lexicon
from search.models import SearchDocument


class Command(BaseCommand):
    help = (
        "Re-index every registered source into the database index; with ELASTICSEARCH_URL "
        "set, build a new Elasticsearch index and swap the alias (zero downtime)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--es-only", action="store_true", help="Skip the database pass.")
        parser.add_argument("--no-es", action="store_true", help="Skip Elasticsearch.")
        parser.add_argument("--quiet-progress", action="store_true", help="No progress bars.")

    def handle(self, *args, es_only=False, no_es=False, quiet_progress=False, **options):
        disable = quiet_progress or options.get("verbosity", 1) == 0
        if not es_only:

            def progress_for(source):
                total = source.items().count()
                return tqdm(
                    total=total, desc=source.name, unit="item", disable=disable, file=self.stderr
                )

            counts = indexing.reindex_all(progress_factory=progress_for)
            terms = indexing.rebuild_vocabulary()
            refresh_lexicon(connection)
            for name, count in counts.items():
                self.stdout.write(f"{name}: {count} documenten")
            self.stdout.write(f"Woordenlijst voor suggesties: {terms} termen")
        if elastic.is_configured() and not no_es:
            total = SearchDocument.objects.count()
            bar = tqdm(
                total=total, desc="elasticsearch", unit="doc", disable=disable, file=self.stderr
            )
            try:
                name = elastic.rebuild(
                    SearchDocument.objects.order_by("pk").iterator(chunk_size=500), total, bar
                )
            except Exception as exc:
                raise CommandError(f"Elasticsearch rebuild failed, alias unchanged: {exc}")
            finally:
                bar.close()
            self.stdout.write(f"Elasticsearch: alias {elastic.alias_name()} -> {name}")
        self.stdout.write(self.style.SUCCESS("Zoekindex bijgewerkt."))
