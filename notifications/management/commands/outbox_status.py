"""Show the state of the outbox and retry failed work.

manage.py outbox_status                 # counts and the most recent failures
manage.py outbox_status --retry-failed  # every failed message back to pending, dispatched
manage.py outbox_status --retry 12 --retry 13
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from notifications import outbox
from notifications.models import OutboxMessage


class Command(BaseCommand):
    help = "Show pending/failed outbox messages; --retry-failed or --retry ID to try again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--retry-failed", action="store_true", help="Reset every failed message and dispatch."
        )
        parser.add_argument(
            "--retry",
            type=int,
            action="append",
            default=[],
            metavar="ID",
            help="Reset this message (failed or stuck pending) and dispatch. May be repeated.",
        )
        parser.add_argument("--limit", type=int, default=10, help="How many failures to list.")

    def handle(self, *args, retry_failed=False, retry=(), limit=10, **options):
        if retry_failed or retry:
            missing = set(retry) - set(
                OutboxMessage.objects.filter(pk__in=retry).values_list("pk", flat=True)
            )
            if missing:
                raise CommandError(
                    f"Unknown outbox message id(s): {', '.join(map(str, sorted(missing)))}"
                )
            with transaction.atomic():
                count = 0
                if retry_failed:
                    count += outbox.retry()
                if retry:
                    count += outbox.retry(retry)
            self.stdout.write(self.style.SUCCESS(f"Retried {count} message(s)."))
        stats = outbox.stats()
        self.stdout.write(
            "Outbox: {pending} pending ({pending_due} due, {pending_in_queue} in queue), "
            "{failed} failed, {done} done".format(**stats)
        )
        failures = list(
            OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED).order_by(
                "-available_at", "-pk"
            )[:limit]
        )
        if not failures:
            self.stdout.write("No failed messages.")
            return
        self.stdout.write(f"Most recent failures (of {stats['failed']}):")
        self.stdout.write(f"{'ID':>7}  {'HANDLER':<32} {'ATTEMPTS':>8}  LAST ERROR")
        for message in failures:
            error = " ".join(message.last_error.split())[:100]
            self.stdout.write(
                f"{message.pk:>7}  {message.handler:<32} {message.attempts:>8}  {error}"
            )
