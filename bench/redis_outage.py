"""With Redis (the broker) stopped, the site keeps serving and recording progress; once Redis is back,
the periodic sweep issues the certificate that could not be queued. Nothing is lost.

    .venv/bin/python bench/redis_outage.py

Uses its own Redis on port 6391 and its own PostgreSQL database, so nothing else is disturbed.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

PORT = 6391
BROKER = f"redis://127.0.0.1:{PORT}/0"
os.environ["CELERY_BROKER_URL"] = BROKER

from _setup import ROOT, django_on_fresh_database  # noqa: E402


def redis(action: str) -> None:
    if action == "start":
        subprocess.run(
            [
                "redis-server",
                "--port",
                str(PORT),
                "--bind",
                "127.0.0.1",
                "--daemonize",
                "yes",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        for _ in range(50):
            if (
                subprocess.run(
                    ["redis-cli", "-p", str(PORT), "ping"], capture_output=True
                ).returncode
                == 0
            ):
                return
            time.sleep(0.1)
    else:
        subprocess.run(["redis-cli", "-p", str(PORT), "shutdown", "nosave"], capture_output=True)
        time.sleep(0.5)


def main():
    redis("start")
    django_on_fresh_database("otop_outage")
    from django.test import Client

    from certificates.models import Certificate
    from learning import services
    from learning.models import Enrolment, LessonProgress
    from tests.factories.accounts import TraineeFactory
    from tests.factories.courses import make_course

    course = make_course(lessons=2, modules=1, title="การขายสินค้า OTOP ออนไลน์")
    first, second = course.lessons()
    trainee = TraineeFactory()
    enrolment, _ = services.enrol(trainee, course)
    services.start_lesson(enrolment, first)
    services.complete_lesson(enrolment, first)

    redis("stop")
    print("Redis stopped.")
    client = Client()
    client.force_login(trainee)
    health = client.get("/healthz/")
    print(f"/healthz/ -> {health.status_code} failed={health.json()['failed']}")
    started = time.perf_counter()
    lesson = client.get(second.url)
    done = client.post(f"/learning/lessons/{second.pk}/complete/")
    elapsed = time.perf_counter() - started
    enrolment.refresh_from_db()
    rows = LessonProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False).count()
    print(
        f"lesson page {lesson.status_code}, mark complete {done.status_code} ({elapsed:.1f} s for both); "
        f"enrolment {enrolment.status}, completed lessons {rows}/2, certificates {Certificate.objects.count()}"
    )

    redis("start")
    print("Redis back; starting a worker and sending the periodic sweep (as beat would).")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "-P", "solo", "-l", "warning"],
        cwd=ROOT,
        env=env,
    )
    try:
        from certificates.tasks import sweep_certificates

        sweep_certificates.delay()
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            valid = Certificate.objects.filter(enrolment=enrolment, status="valid").count()
            if valid:
                break
            time.sleep(0.5)
        certificate = Certificate.objects.filter(enrolment=enrolment).first()
        print(
            f"after the sweep: certificates for the enrolment {Certificate.objects.filter(enrolment=enrolment).count()}, "
            f"status {certificate.status if certificate else None}, code {certificate.code if certificate else None}"
        )
        ok = rows == 2 and Enrolment.objects.get(pk=enrolment.pk).is_completed and valid == 1
        print("RESULT:", "nothing lost" if ok else "SOMETHING WAS LOST")
    finally:
        worker.terminate()
        worker.wait(20)
        redis("stop")


if __name__ == "__main__":
    main()
