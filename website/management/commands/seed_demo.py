"""Load demo content. Idempotent: running it twice changes nothing the second time."""

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

# Order matters: later apps use organisations, users and pages of earlier ones.
DEMO_MODULES = [
    "taxonomy.demo",
    "accounts.demo",
    "website.demo",
    "knowledge.demo",
    "communities.demo",
    "signals.demo",
    "feedback.demo",
    "search.demo",
    "notifications.demo",
    "reporting.demo",
]


class Command(BaseCommand):
    help = "Load demo organisations, users for every role, pages and items (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Allow running with DEBUG off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force and not getattr(settings, "TESTING", False):
            raise CommandError(
                "Demo content has known passwords; use --force to load it with DEBUG off."
            )
        self.stdout.write("Loading demo content ...")
        # Demo actions notify demo users; keep those e-mails out of the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            logins = self._seed_all()
        self._print_logins(logins)

    def _seed_all(self):
        logins = []
        for name in DEMO_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name == name:
                    continue
                raise
            with transaction.atomic():
                result = module.seed(stdout=self.stdout)
            if name == "accounts.demo":
                logins = result
            elif isinstance(result, dict) and result.get("logins"):
                logins = [*logins, *result["logins"]]  # e.g. the teams' and partners' logins
        return logins

    def _print_logins(self, logins):
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
        self.stdout.write("")
        self.stdout.write(
            "Demo logins (http://127.0.0.1:8000/account/inloggen/, admin at /admin/):"
        )
        width = max(len(role) for role, _, _ in logins)
        for role, email, password in logins:
            self.stdout.write(f"  {role.ljust(width)}  {email:<28} {password}")
