"""Load the Thai demo site: users, pages, courses, producers, progress and certificates.

Each app that has demo content keeps it in its own `demo.py` with a `seed(out)` function; they run
in dependency order. Running the command twice changes nothing the second time. Their progress
lines show with `-v 2`; at the end the command prints one summary of what the database now holds
and the demo accounts (the same table as the README).
"""

import io
import logging
from importlib import import_module
from importlib.util import find_spec

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, OutputWrapper
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

# (role, email): the README's table of demo accounts, in its order.
DEMO_ACCOUNTS = [
    ("trainee", "somjai@demo.otop.test"),
    ("trainer", "trainer@demo.otop.test"),
    ("coordinator (national)", "coordinator@demo.otop.test"),
    ("coordinator (Lamphun only)", "lamphun@demo.otop.test"),
    ("administrator", "admin@demo.otop.test"),
]
SHOW_PHONE_OF = {"somjai@demo.otop.test"}  # the trainee also signs in with her mobile number
MORE_TRAINEES_PHONE_PREFIX = "0899000"  # learning.demo: 0899000001 … 0899000010


class Command(BaseCommand):
    help = "Load the Thai demo data (idempotent). Refuses to run with DEBUG off unless --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even though DEBUG is off (production)."
        )

    def handle(self, *args, force=False, verbosity=1, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG is off: this looks like production. Demo data has known passwords; "
                "use --force if you really want it here."
            )
        progress = self.stdout if verbosity >= 2 else OutputWrapper(io.StringIO())
        # In-process certificate tasks log a line each; with -v 2 they show with the progress.
        task_log = logging.getLogger("celery.app.trace")
        task_log_level = task_log.level
        if verbosity < 2:
            task_log.setLevel(logging.WARNING)
        try:
            for name in SEEDERS:
                if find_spec(name) is None:
                    continue
                # Each seeder commits on its own; certificates are issued on commit (in-process by
                # default), so the summary below counts what is really there.
                with transaction.atomic():
                    import_module(name).seed(progress)
        finally:
            task_log.setLevel(task_log_level)
        if verbosity >= 1:
            self.stdout.write(self.summary())

    def summary(self) -> str:
        """What the database holds now and who can sign in, as one table."""
        from accounts.demo import DEMO_PASSWORD
        from accounts.models import User
        from certificates.models import Certificate
        from courses.models import CoursePage, LessonPage
        from learning.models import Enrolment
        from producers.models import Producer
        from selection.models import SelectionRound

        enrolments = Enrolment.objects.all()
        lines = [
            self.style.SUCCESS("Demo data is ready."),
            f"  courses      {CoursePage.objects.live().count()} "
            f"({LessonPage.objects.live().count()} lessons)",
            f"  producers    {Producer.objects.count()}",
            f"  trainees     {enrolments.values('user').distinct().count()} enrolled, "
            f"{enrolments.count()} enrolments, {enrolments.completed().count()} completed",
            f"  certificates {Certificate.objects.valid().count()} valid",
            f"  selection    {SelectionRound.objects.count()} round(s)",
            "",
            f"Demo accounts (password for all: {DEMO_PASSWORD}); "
            f"sign in at {settings.SITE_URL}/accounts/sign-in/, admin at {settings.SITE_URL}/admin/",
            f"  {'role':<28} sign in with",
        ]
        users = {u.email: u for u in User.objects.filter(email__in=[e for _, e in DEMO_ACCOUNTS])}
        for role, email in DEMO_ACCOUNTS:
            user = users.get(email)
            if user is None:
                continue
            sign_in = email
            if email in SHOW_PHONE_OF and user.phone:
                sign_in += f" or {user.phone}"
            lines.append(f"  {role:<28} {sign_in}")
        phones = list(
            User.objects.filter(phone__startswith=MORE_TRAINEES_PHONE_PREFIX)
            .order_by("phone")
            .values_list("phone", flat=True)
        )
        if phones:
            more = f"{len(phones)} more trainees"
            lines.append(f"  {more:<28} {phones[0]} … {phones[-1]}")
        return "\n".join(lines)
