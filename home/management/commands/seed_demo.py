"""Load the Thai demo site: users, pages, courses, producers, progress and certificates.

Each app that has demo content keeps it in its own `demo.py` with a `seed(out)` function; they run
in dependency order. Running the command twice changes nothing the second time.
"""

from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

SEEDERS = [
    "accounts.demo",
    "home.demo",
    "courses.demo",
    "producers.demo",
    # The certificate template before the demo progress, so the demo certificate is printed on it.
    "certificates.demo",
    "learning.demo",
    "selection.demo",
]


class Command(BaseCommand):
    help = "Load the Thai demo data (idempotent). Refuses to run with DEBUG off unless --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even though DEBUG is off (production)."
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like production. Demo data has known passwords; "
                "use --force if you really want it here."
            )
        for name in SEEDERS:
            if find_spec(name) is None:
                continue
            with transaction.atomic():
                import_module(name).seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
