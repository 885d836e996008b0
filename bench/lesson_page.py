"""Requests per second of lesson and course pages at 10, 100 and 300 lessons, against a plain Wagtail page.

Every page carries the same body text, sits in the same site and is requested by the same signed-in
trainee (enrolled in each course, 3 lessons completed) through Django's test client (in-process, no
network, DEBUG off). Every page goes through Wagtail's serving path, so page privacy is checked on
each: the plain page looks its restrictions up with Wagtail's two queries, course and lesson pages once
per change of the course tree or of any page's privacy (`courses.tree.view_restrictions`), with the
cache shared as in production (Redis: `CACHE_URL`, default redis://127.0.0.1:6379/8). Requests are
interleaved one by one with the order rotated at every step, so drift and load from other processes
hit every URL alike. Run on PostgreSQL:

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/lesson_page.py [--requests 300] [--rounds 3]

Prints requests per second, bytes and SQL queries of each page, and the ratios against their goals:
lesson/plain >= 0.9; lesson and course page at 100 (and 300) lessons against 10 lessons >= 0.95 / 0.9.
"""

import argparse
import os
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
SIZES = (10, 100, 300)
LESSONS_PER_MODULE = 10


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
    trainee = User.objects.create_user(
        email="bench@example.org", password="bench-pass-2569", first_name="สมใจ", last_name="ใจดี"
    )
    urls = {"plain": plain.url}
    for size in SIZES:
        course = catalogue.add_child(
            instance=CoursePage(
                title=f"บรรจุภัณฑ์และฉลาก {size} บท",
                slug=f"packaging-{size}",
                summary="การออกแบบบรรจุภัณฑ์และฉลากสินค้า OTOP ให้ได้มาตรฐาน",
                category=category,
                estimated_hours=2,
            )
        )
        course.save_revision().publish()
        lessons = []
        for m in range(size // LESSONS_PER_MODULE):
            module = course.add_child(instance=ModulePage(title=f"ส่วนที่ {m + 1}", slug=f"m{m + 1}"))
            module.save_revision().publish()
            for n in range(LESSONS_PER_MODULE):
                lesson = module.add_child(
                    instance=LessonPage(
                        title=f"บทที่ {m * LESSONS_PER_MODULE + n + 1}",
                        slug=f"l{n + 1}",
                        body=[("paragraph", BODY)],
                    )
                )
                lesson.save_revision().publish()
                lessons.append(lesson)
        enrolment, _ = services.enrol(trainee, CoursePage.objects.get(pk=course.pk))
        for lesson in lessons[:3]:
            services.start_lesson(enrolment, lesson)
            services.complete_lesson(enrolment, lesson)
        urls[f"lesson {size}"] = lessons[4].url
        urls[f"course {size}"] = course.url
    return trainee, urls


def get(client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    return elapsed


def one_round(client, urls: dict[str, str], requests: int) -> dict[str, float]:
    """Requests per second of each URL; request i visits the URLs in an order rotated by i."""
    names = list(urls)
    spent = dict.fromkeys(names, 0.0)
    for i in range(requests):
        shift = i % len(names)
        for name in names[shift:] + names[:shift]:
            spent[name] += get(client, urls[name])
    return {name: requests / seconds for name, seconds in spent.items()}


def page_facts(client, url: str) -> tuple[int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return len(captured), len(response.content)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    # Production's cache (Redis, shared by every process), emptied first: course and lesson pages keep
    # which privacy rules cover them only with a cache every process shares (courses.tree).
    os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/8")
    import redis

    redis.Redis.from_url(os.environ["CACHE_URL"]).flushdb()
    django_on_fresh_database("otop_perf_bench_lesson")
    from django.test import Client

    trainee, urls = build()
    client = Client()
    client.force_login(trainee)
    one_round(client, urls, 20)  # warm caches and templates
    rounds = [one_round(client, urls, args.requests) for _ in range(args.rounds)]
    rps = {name: statistics.median(r[name] for r in rounds) for name in urls}
    print(
        f"{args.rounds} rounds x {args.requests} requests a page, interleaved and rotated; "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}"
    )
    print(f"{'page':12} {'req/s':>8} {'queries':>8} {'bytes':>8}")
    for name, url in urls.items():
        queries, size = page_facts(client, url)
        print(f"{name:12} {rps[name]:8.1f} {queries:8d} {size:8,d}")
    print()
    for size in SIZES:
        print(
            f"lesson {size:3d} / plain     : {rps[f'lesson {size}'] / rps['plain']:.2f}  (goal >= 0.90)"
        )
    for size in SIZES[1:]:
        lesson = rps[f"lesson {size}"] / rps["lesson 10"]
        course = rps[f"course {size}"] / rps["course 10"]
        print(f"lesson {size:3d} / lesson 10 : {lesson:.2f}  (goal >= 0.95)")
        print(f"course {size:3d} / course 10 : {course:.2f}  (goal >= 0.90)")
    print("wagtail-lms 0.11.1, measured the same way earlier: lesson/plain 0.79 (both signed in)")


if __name__ == "__main__":
    main()
