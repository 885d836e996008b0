"""Demo progress: the demo trainee has finished one course and is half-way through another."""

import uuid

from accounts.models import User
from courses.models import CoursePage
from learning import services
from learning.models import QuizAttempt


def _finish(enrolment, lesson) -> None:
    quiz = lesson.get_quiz()
    if quiz is None:
        services.start_lesson(enrolment, lesson)
        services.complete_lesson(enrolment, lesson)
        return
    if QuizAttempt.objects.filter(enrolment=enrolment, lesson=lesson, passed=True).exists():
        return
    answers = {q.id: sorted(q.correct_ids()) for q in quiz.questions}
    services.submit_quiz(enrolment, lesson, answers, uuid.uuid4())


# Members of the demo producers, so the coordinators' reports and the selection round have people in
# several provinces: (given name, family name, title, registration number, courses finished, lessons
# done in the next course).
MEMBERS = [
    ("บุญเรือน", "ปัญญาดี", "mrs", "5101-00017", 1, 2),
    ("ศรีนวล", "อินทร์แก้ว", "miss", "5101-00017", 0, 4),
    ("ประยูร", "ทาแก้ว", "mr", "5015-00210", 2, 1),
    ("จันทร์เพ็ญ", "วงศ์ใหญ่", "mrs", "5015-00210", 0, 3),
    ("สมหมาย", "ใจซื่อ", "mr", "7605-00102", 1, 0),
    ("ลำดวน", "พึ่งบุญ", "mrs", "7605-00102", 0, 2),
    ("อำพร", "สุขเกษม", "miss", "5501-00033", 1, 5),
    ("ทองใบ", "มณีวงศ์", "mr", "5501-00033", 0, 1),
    ("วิไลพร", "ชุมแสง", "miss", "8411-00045", 3, 0),
    ("สุรชัย", "แก้วประเสริฐ", "mr", "8411-00045", 0, 0),
]


def _member(index: int, spec, producers) -> User | None:
    from producers.models import Membership

    first, last, title, number, _finished, _next = spec
    producer = producers.get(number)
    if producer is None:
        return None
    # Most trainees sign in with a mobile number; these sign in with 0899000001, 0899000002, ...
    user, created = User.objects.get_or_create(
        phone=f"0899{index:06d}", defaults={"first_name": first, "last_name": last, "title": title}
    )
    if created:
        user.set_password("otop-demo-2569")
        user.save()
    Membership.objects.get_or_create(
        user=user,
        producer=producer,
        defaults={"status": Membership.Status.CONFIRMED, "confirmed_at": user.date_joined},
    )
    return user


# Trainees who asked to join one more producer and wait for its coordinator (index in MEMBERS, producer).
JOIN_REQUESTS = [(9, "5101-00017"), (10, "5101-00017")]


def _ask_to_join(producers) -> int:
    from producers.models import Membership
    from producers.services import request_membership

    asked = 0
    for index, number in JOIN_REQUESTS:
        user = User.objects.filter(phone=f"0899{index:06d}").first()
        producer = producers.get(number)
        if user is None or producer is None:
            continue
        if not Membership.objects.filter(user=user, producer=producer).exists():
            request_membership(user, producer)
        asked += 1
    return asked


def _take(user, courses, finished: int, lessons_next: int) -> None:
    for index, course in enumerate(courses):
        if index > finished:
            return
        enrolment, _ = services.enrol(user, course)
        lessons = list(course.lessons())
        todo = lessons if index < finished else lessons[:lessons_next]
        for lesson in todo:
            services.start_lesson(enrolment, lesson)
            _finish(enrolment, lesson)


def seed_members(out, courses) -> None:
    from producers.models import Producer

    producers = {p.registration_number: p for p in Producer.objects.all()}
    count = 0
    for index, spec in enumerate(MEMBERS, start=1):
        user = _member(index, spec, producers)
        if user is not None:
            _take(user, courses, spec[4], spec[5])
            count += 1
    asked = _ask_to_join(producers)
    out.write(
        f"Learning: {count} more trainees in the demo producers, with varied progress; "
        f"{asked} wait for a coordinator to confirm their request to join another producer."
    )


def seed(out) -> None:
    trainee = User.objects.filter(email="somjai@demo.otop.test").first()
    courses = {c.slug: c for c in CoursePage.objects.live()}
    finished = courses.get("community-product-standard-tcps")
    half = courses.get("otop-packaging-and-labels")
    if trainee is None or finished is None or half is None:
        out.write("Learning demo skipped: the demo trainee or courses are missing.")
        return
    enrolment, _ = services.enrol(trainee, finished)
    for lesson in finished.lessons():
        services.start_lesson(enrolment, lesson)
        _finish(enrolment, lesson)
    enrolment, _ = services.enrol(trainee, half)
    lessons = list(half.lessons())
    for lesson in lessons[: len(lessons) // 2]:
        services.start_lesson(enrolment, lesson)
        _finish(enrolment, lesson)
    out.write(
        f"Learning: {trainee.email} completed “{finished.title}” and is half-way through “{half.title}”."
    )
    ordered = [finished, half] + [c for c in courses.values() if c not in (finished, half)]
    seed_members(out, ordered)
