import os
import sys

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Programs that serve web requests. Anything else (migrate, tests, Celery, shell) starts without
# loading the Thai dictionary; the first segmentation loads it then.
WEB_SERVERS = ("runserver", "gunicorn", "uwsgi", "uvicorn", "daphne", "mod_wsgi")


def serves_web_requests(argv: list[str], environ=os.environ) -> bool:
    """Whether this process was started to serve web requests (judged by its command line).

    runserver's autoreloader is a parent process that only watches files: its child, which serves,
    has RUN_MAIN set.
    """
    words = [part.rsplit("/", 1)[-1] for part in argv[:2]]
    if "runserver" in words and "--noreload" not in argv:
        return environ.get("RUN_MAIN") == "true"
    return any(word.startswith(WEB_SERVERS) for word in words)


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from courses import search, signals

        signals.connect()
        if serves_web_requests(sys.argv):
            # Loading the dictionary takes about a second: do it now, beside start-up, not on the
            # first visitor's search.
            search.warm_up_in_background()
