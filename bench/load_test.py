"""Bounded load test on loopback: simulated trainees reading lessons and submitting quizzes.

    .venv/bin/pip install locust        # once; not needed by the test suite
    .venv/bin/python bench/load_test.py --users 200 --minutes 3

Builds a fresh PostgreSQL database with the demo courses and N enrolled trainees, serves it with
gunicorn on 127.0.0.1, runs Locust headless against it, then checks that every "mark complete"
the server accepted is a completed progress row. Prints the failure count and latency percentiles.
"""

import argparse
import csv
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import ROOT, django_on_fresh_database

PASSWORD = "load-test-2569"
PORT = 8765


def prepare(users: int) -> tuple[list[str], str]:
    from django.core.management import call_command
    from django.db import transaction

    from accounts.models import User
    from courses.models import CoursePage
    from learning import services

    call_command("seed_demo", force=True, stdout=open(os.devnull, "w"))
    course = CoursePage.objects.live().get(slug="selling-otop-online")
    emails = []
    with transaction.atomic():
        for n in range(users):
            user = User.objects.create_user(
                email=f"load{n}@example.org",
                password=PASSWORD,
                first_name="ผู้เรียน",
                last_name=str(n),
            )
            services.enrol(user, course)
            emails.append(user.email)
    return emails, course.url


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=3)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    django_on_fresh_database("otop_load")
    from django.conf import settings

    emails, course_url = prepare(args.users)
    env = {
        **os.environ,
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "SITE_URL": f"http://127.0.0.1:{PORT}",
        "CSRF_TRUSTED_ORIGINS": f"http://127.0.0.1:{PORT}",
        "STATIC_MANIFEST": "false",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "CONN_MAX_AGE": "60",
    }
    env.pop("CELERY_BROKER_URL", None)
    # Cookies must travel over plain http on loopback.
    env["SESSION_COOKIE_SECURE"] = env["CSRF_COOKIE_SECURE"] = "false"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-w",
            str(args.workers),
            "-b",
            f"127.0.0.1:{PORT}",
            "--access-logfile",
            "/dev/null",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        ledger = "/tmp/otop-load-ledger.csv"
        prefix = "/tmp/otop-load"
        subprocess.run(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "-u",
                str(args.users),
                "-r",
                "20",
                "-t",
                f"{int(args.minutes * 60)}s",
                "-H",
                f"http://127.0.0.1:{PORT}",
                "--csv",
                prefix,
                "--only-summary",
            ],
            cwd=ROOT,
            check=False,
            env={
                **env,
                "LOAD_ACCOUNTS": ",".join(emails),
                "LOAD_PASSWORD": PASSWORD,
                "LOAD_COURSE_URL": course_url,
                "LOAD_LEDGER": ledger,
            },
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(20)

    from learning.models import LessonProgress

    accepted = {tuple(row) for row in csv.reader(open(ledger))}
    stored = set(
        LessonProgress.objects.filter(
            completed_at__isnull=False, enrolment__user__email__startswith="load"
        ).values_list("enrolment__user__email", "lesson_id")
    )
    lost = {(email, int(lesson)) for email, lesson in accepted} - stored
    with open(prefix + "_stats.csv") as handle:
        total = next(row for row in csv.DictReader(handle) if row["Name"] == "Aggregated")
    print(
        f"requests {total['Request Count']}, failures {total['Failure Count']}, "
        f"median {total['50%']} ms, p95 {total['95%']} ms, p99 {total['99%']} ms, "
        f"{float(total['Requests/s']):.1f} req/s"
    )
    print(f"lesson completions accepted {len(accepted)}, stored {len(stored)}, lost {len(lost)}")


if __name__ == "__main__":
    main()
