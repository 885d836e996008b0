"""Generate a completion-report dataset at the programme's scale on PostgreSQL, with bulk SQL.

    .venv/bin/python bench/reports_dataset.py --scale 0.1      # 3,000 trainees, ~540,000 progress rows
    .venv/bin/python bench/reports_dataset.py --scale 1        # 30,000 trainees and producers, ~5.4 M rows

Scale 1 is the programme: 30,000 trainees and 30,000 producers, 20 courses × 10 lessons, every
trainee enrolled in every course (600,000 enrolments), 90 % of enrolments started (10 progress rows
each: about 5.4 million rows), half completed with a valid certificate, one quiz attempt in half.
Uses its own database (BENCH_DATABASE_URL, default postgres://postgres:postgres@127.0.0.1:5432/otop_bench),
creates and migrates it, and replaces the earlier bench data each run. Values are derived from a hash of
(user, course), so the same scale always gives the same data.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

BENCH_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:5432/otop_bench"
)
ROOT = Path(__file__).resolve().parents[1]
COURSES, LESSONS = 20, 10
ADMIN_EMAIL = "bench-admin@bench.otop.test"

FIRST_NAMES = [
    "สมใจ", "มาลี", "บุญมี", "ประไพ", "คำแก้ว", "สมศรี", "จันทร์เพ็ญ", "บัวผัน", "ทองใบ", "สุนทร",
    "วันดี", "อำไพ", "ศรีนวล", "บุญเรือน", "ประยูร", "สายสุนีย์", "ลำดวน", "เพ็ญศรี", "สมพร", "ดวงใจ",
]  # fmt: skip
LAST_NAMES = [
    "ใจดี", "ศรีสุข", "แก้วมณี", "ทองคำ", "บุญมา", "สุขสวัสดิ์", "มีสุข", "พรหมมา", "คำภีร์", "อินทร์แก้ว",
    "ปัญญาดี", "วงศ์ใหญ่", "ชัยมงคล", "ศรีวิชัย", "ธรรมสอน", "ยอดดี", "สายทอง", "บุญยืน", "จันทร์หอม", "ทาแก้ว",
]  # fmt: skip
PRODUCER_WORDS = [
    "กลุ่มทอผ้าไหม", "วิสาหกิจชุมชนน้ำพริก", "กลุ่มจักสานไม้ไผ่", "กลุ่มสบู่สมุนไพร", "กลุ่มแปรรูปกล้วย",
    "วิสาหกิจชุมชนข้าวกล้อง", "กลุ่มเครื่องปั้นดินเผา", "กลุ่มผ้ามัดย้อม", "กลุ่มชาใบหม่อน", "กลุ่มน้ำผึ้งป่า",
]  # fmt: skip


def setup_django() -> None:
    os.environ["DATABASE_URL"] = BENCH_URL
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def create_database() -> None:
    from urllib.parse import urlparse

    import psycopg

    url = urlparse(BENCH_URL)
    name = url.path.lstrip("/")
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def subdistrict_codes() -> list[str]:
    """Three real subdistricts in the capital district of each of the 77 provinces."""
    import geothai

    codes = []
    for province in geothai.provinces():
        district = geothai.districts(province.code)[0]
        codes += [s.code for s in geothai.subdistricts(district.code)[:3]]
    return codes


def course_tree() -> list[tuple[int, list[int]]]:
    """20 live courses of 10 lessons (2 modules), made once with the ORM; returns (course, lessons)."""
    from courses.models import CourseCategory, CourseIndexPage, CoursePage, LessonPage, ModulePage
    from home.models import HomePage

    existing = CoursePage.objects.filter(slug__startswith="bench-course-").order_by("pk")
    if existing.count() < COURSES:
        home = HomePage.objects.first()
        catalogue = CourseIndexPage.objects.first() or home.add_child(
            instance=CourseIndexPage(title="หลักสูตร", title_en="Courses", slug="courses")
        )
        category, _ = CourseCategory.objects.get_or_create(
            code="bench", defaults={"name": "พัฒนาผลิตภัณฑ์", "name_en": "Product development"}
        )
        for c in range(existing.count(), COURSES):
            course = catalogue.add_child(
                instance=CoursePage(
                    title=f"พัฒนาผลิตภัณฑ์ OTOP หลักสูตรที่ {c + 1}",
                    slug=f"bench-course-{c + 1}",
                    summary="หลักสูตรสำหรับวัดความเร็วของรายงาน",
                    category=category,
                )
            )
            for m in range(2):
                module = course.add_child(
                    instance=ModulePage(title=f"ส่วนที่ {m + 1}", slug=f"module-{m + 1}")
                )
                for n in range(LESSONS // 2):
                    number = m * LESSONS // 2 + n + 1
                    module.add_child(
                        instance=LessonPage(
                            title=f"บทที่ {number}",
                            slug=f"lesson-{number}",
                            summary="บทเรียน",
                            body=[("paragraph", "<p>เนื้อหาบทเรียน</p>")],
                        )
                    )
    tree = []
    for course in CoursePage.objects.filter(slug__startswith="bench-course-").order_by("pk"):
        lessons = list(
            LessonPage.objects.descendant_of(course).order_by("path").values_list("pk", flat=True)
        )
        tree.append((course.pk, lessons))
    return tree


STEPS = [
    (
        "trainees",
        """
        INSERT INTO accounts_user (password, is_superuser, is_staff, is_active, date_joined, email,
            title, title_other, first_name, last_name, first_name_en, last_name_en, privacy_consent_version)
        SELECT '!', false, false, true, now(), 'trainee' || i || '@bench.otop.test',
            (ARRAY['mr','mrs','miss'])[1 + i %% 3], '',
            (%(first)s::text[])[1 + i %% 20], (%(last)s::text[])[1 + (i / 20) %% 20], '', '', '2026-11'
        FROM generate_series(1, %(n)s) AS i
        """,
    ),
    (
        "producers",
        """
        INSERT INTO producers_producer (registration_number, name, name_en, producer_type, category,
            house_number, village, subdistrict_code, district_code, province_code, phone, registered_on,
            status, invite_code, created_at, updated_at, description, description_en, listing_hidden,
            public_email, public_line_id, public_listing, public_phone, public_website)
        SELECT 'B' || lpad(i::text, 6, '0'), (%(words)s::text[])[1 + i %% 10] || ' ' || i, '',
            (ARRAY['community_group','community_enterprise','single_owner','sme'])[1 + i %% 4],
            (ARRAY['food','beverage','textile','household','herbal'])[1 + i %% 5],
            (i %% 200)::text, 'หมู่ ' || (1 + i %% 12), s.code, left(s.code, 4), left(s.code, 2), '',
            date '2017-01-01' + (i %% 2000), 'active', '', now(), now(), '', '', false, '', '', false, '', ''
        FROM generate_series(1, %(n)s) AS i
        CROSS JOIN LATERAL (SELECT (%(codes)s::text[])[1 + i %% %(code_count)s] AS code) s
        """,
    ),
    (
        "memberships (90 % of trainees)",
        """
        INSERT INTO producers_membership (role, status, requested_at, confirmed_at, user_id, producer_id,
            named_publicly)
        SELECT 'member', 'confirmed', now(), now(), u.id, p.id, false
        FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM accounts_user
              WHERE email LIKE 'trainee%%@bench.otop.test') u
        JOIN (SELECT id, row_number() OVER (ORDER BY id) AS n FROM producers_producer
              WHERE registration_number LIKE 'B%%') p ON p.n = u.n
        WHERE u.n %% 10 <> 0
        """,
    ),
    (
        "enrolments",
        """
        INSERT INTO learning_enrolment (status, enrolled_at, last_activity_at, completed_at, course_id, user_id)
        SELECT CASE WHEN k.done = 10 THEN 'completed' ELSE 'active' END,
            h.enrolled_at,
            CASE WHEN h.h %% 10 <> 9 THEN h.enrolled_at + interval '3 days' END,
            CASE WHEN k.done = 10 THEN h.enrolled_at + interval '20 days' END,
            c.course_id, u.id
        FROM (SELECT id FROM accounts_user WHERE email LIKE 'trainee%%@bench.otop.test') u
        CROSS JOIN (SELECT DISTINCT course_id FROM bench_lessons) c
        CROSS JOIN LATERAL (SELECT abs(hashtext(u.id || '-' || c.course_id)) AS h,
            timestamptz '2025-10-01 09:00+07' + abs(hashtext(u.id || '-' || c.course_id)) %% 365 * interval '1 day'
                AS enrolled_at) h
        CROSS JOIN LATERAL (SELECT CASE WHEN h.h %% 10 < 5 THEN 10 WHEN h.h %% 10 = 9 THEN 0
            ELSE (h.h / 10) %% 10 END AS done) k
        """,
    ),
    (
        "lesson progress",
        """
        INSERT INTO learning_lessonprogress (started_at, completed_at, enrolment_id, lesson_id)
        SELECT e.enrolled_at + l.ordinal * interval '1 hour',
            CASE WHEN l.ordinal <= k.done THEN e.enrolled_at + l.ordinal * interval '1 day' END,
            e.id, l.lesson_id
        FROM learning_enrolment e
        JOIN bench_lessons l ON l.course_id = e.course_id
        CROSS JOIN LATERAL (SELECT abs(hashtext(e.user_id || '-' || e.course_id)) AS h) h
        CROSS JOIN LATERAL (SELECT CASE WHEN h.h %% 10 < 5 THEN 10 ELSE (h.h / 10) %% 10 END AS done) k
        WHERE h.h %% 10 <> 9
        """,
    ),
    (
        "quiz attempts (half the started enrolments)",
        """
        INSERT INTO learning_quizattempt (number, token, answers, results, correct_count, question_count,
            score, passed, submitted_at, enrolment_id, lesson_id)
        SELECT 1, gen_random_uuid(), '{}', '{}', s.score / 10, 10, s.score, s.score >= 70,
            e.enrolled_at + interval '2 days', e.id, l.lesson_id
        FROM learning_enrolment e
        JOIN bench_lessons l ON l.course_id = e.course_id AND l.ordinal = 1
        CROSS JOIN LATERAL (SELECT 40 + abs(hashtext(e.id::text)) %% 61 AS score) s
        WHERE e.last_activity_at IS NOT NULL AND e.id %% 2 = 0
        """,
    ),
    (
        "certificates (every completed enrolment)",
        """
        INSERT INTO certificates_certificate (code, version, status, holder_name, holder_name_en,
            course_title, course_title_en, completed_on, producer_name, producer_registration_number,
            template_version, created_at, issued_at, revoke_reason, pdf, sha256, enrolment_id, failure_reason)
        SELECT 'OTOP-B-' || e.id, 1, 'valid', '', '', '', '', (e.completed_at AT TIME ZONE 'Asia/Bangkok')::date,
            '', '', 1, now(), e.completed_at, '', '', '', e.id, ''
        FROM learning_enrolment e WHERE e.status = 'completed'
        """,
    ),
]


def clear(cursor) -> None:
    cursor.execute(
        "TRUNCATE certificates_certificate, learning_quizattempt, learning_lessonprogress, "
        "learning_enrolment, producers_membership RESTART IDENTITY CASCADE"
    )
    cursor.execute("DELETE FROM producers_producer WHERE registration_number LIKE 'B%%'")
    cursor.execute("DELETE FROM accounts_user WHERE email LIKE '%%@bench.otop.test'")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=0.1, help="1 = 30,000 trainees")
    args = parser.parse_args()
    n = max(10, round(30_000 * args.scale))

    create_database()
    setup_django()
    from django.core.management import call_command
    from django.db import connection, transaction

    from accounts.models import User

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    tree = course_tree()
    params = {
        "n": n,
        "first": FIRST_NAMES,
        "last": LAST_NAMES,
        "words": PRODUCER_WORDS,
        "codes": subdistrict_codes(),
    }
    params["code_count"] = len(params["codes"])
    print(
        f"scale {args.scale}: {n:,} trainees and producers, {len(tree)} courses × {LESSONS} lessons"
    )
    with transaction.atomic(), connection.cursor() as cursor:
        clear(cursor)
        cursor.execute(
            "CREATE TEMP TABLE bench_lessons (course_id int, ordinal int, lesson_id int) ON COMMIT DROP"
        )
        rows = [(c, i + 1, lesson) for c, lessons in tree for i, lesson in enumerate(lessons)]
        cursor.executemany("INSERT INTO bench_lessons VALUES (%s, %s, %s)", rows)
        for label, sql in STEPS:
            t = time.perf_counter()
            cursor.execute(sql, params)
            print(f"  {label}: {cursor.rowcount:,} rows in {time.perf_counter() - t:.1f} s")
    User.objects.filter(email=ADMIN_EMAIL).delete()
    User.objects.create_superuser(
        email=ADMIN_EMAIL, password="bench-only", first_name="ผู้ประสานงาน", last_name="ระดับประเทศ"
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"done in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
