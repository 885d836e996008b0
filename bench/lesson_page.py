"""Requests per second of a lesson page for an enrolled trainee, against a plain Wagtail page.

Both pages carry the same body text, sit in the same site and are requested by the same signed-in
trainee through Django's test client (in-process, no network), so the ratio is the cost of the
learning side: enrolment, outline with ticks, progress, quiz form. Run on PostgreSQL:

    .venv/bin/python bench/lesson_page.py [--requests 300] [--rounds 5]

Prints requests per second of each, the ratio (target at least 0.8) and the SQL queries per request.
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import django_on_fresh_database

BODY = (
    "<p>การออกแบบบรรจุภัณฑ์ให้สวยงามช่วยให้สินค้า OTOP ขายได้มากขึ้น บรรจุภัณฑ์ที่ดีต้องปกป้องสินค้า "
    "บอกเล่าเรื่องราวของชุมชน และแสดงข้อมูลที่กฎหมายกำหนดบนฉลากให้ครบถ้วน</p>"
) * 12


def build():
    from wagtail.models import Site

    from accounts.models import User
    from courses.models import CourseCategory, CourseIndexPage, CoursePage, LessonPage, ModulePage
    from home.models import ContentPage, HomePage
    from learning import services

    home = HomePage.objects.get()
    Site.objects.filter(is_default_site=True).update(hostname="testserver")
    plain = home.add_child(instance=ContentPage(title="หน้าธรรมดา", slug="plain", body=BODY))
    plain.save_revision().publish()
    catalogue = home.add_child(instance=CourseIndexPage(title="หลักสูตร", slug="courses"))
    catalogue.save_revision().publish()
    category = CourseCategory.objects.create(code="packaging", name="บรรจุภัณฑ์")
    course = catalogue.add_child(
        instance=CoursePage(
            title="บรรจุภัณฑ์และฉลาก",
            slug="packaging",
            summary="สรุป",
            category=category,
            estimated_hours=2,
        )
    )
    course.save_revision().publish()
    lessons = []
    for m in range(2):
        module = course.add_child(instance=ModulePage(title=f"ส่วนที่ {m + 1}", slug=f"m{m + 1}"))
        module.save_revision().publish()
        for n in range(5):
            lesson = module.add_child(
                instance=LessonPage(
                    title=f"บทที่ {m * 5 + n + 1}",
                    slug=f"l{n + 1}",
                    body=[("paragraph", BODY)],
                )
            )
            lesson.save_revision().publish()
            lessons.append(lesson)
    trainee = User.objects.create_user(
        email="bench@example.org", password="bench-pass-2569", first_name="สมใจ", last_name="ใจดี"
    )
    enrolment, _ = services.enrol(trainee, CoursePage.objects.get(pk=course.pk))
    for lesson in lessons[:3]:
        services.start_lesson(enrolment, lesson)
        services.complete_lesson(enrolment, lesson)
    return trainee, plain.url, lessons[4].url


def measure(client, url: str, requests: int) -> float:
    started = time.perf_counter()
    for _ in range(requests):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
    return requests / (time.perf_counter() - started)


def queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    django_on_fresh_database("otop_bench_lesson")
    from django.test import Client

    trainee, plain_url, lesson_url = build()
    client = Client()
    client.force_login(trainee)
    for url in (plain_url, lesson_url):  # warm caches and templates
        measure(client, url, 20)
    plain, lesson = [], []
    for _ in range(args.rounds):  # interleaved, so drift hits both alike
        plain.append(measure(client, plain_url, args.requests))
        lesson.append(measure(client, lesson_url, args.requests))
    plain_rps, lesson_rps = statistics.median(plain), statistics.median(lesson)
    print(f"plain Wagtail page : {plain_rps:8.1f} req/s  {queries(client, plain_url):3d} queries")
    print(f"lesson (enrolled)  : {lesson_rps:8.1f} req/s  {queries(client, lesson_url):3d} queries")
    print(
        f"ratio lesson/plain : {lesson_rps / plain_rps:.2f}  (target >= 0.80; wagtail-lms 0.11: 0.72)"
    )


if __name__ == "__main__":
    main()
