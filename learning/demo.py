"""Demo progress: the demo trainee has finished one course and is half-way through another."""

import uuid

from accounts.models import User
from courses.models import CoursePage
from learning import services
from learning.models import QuizAttempt


def _finish(enrolment, lesson) -> None:
    quiz = lesson.get_quiz()
    if quiz is None:
        services.complete_lesson(enrolment, lesson)
        return
    if QuizAttempt.objects.filter(enrolment=enrolment, lesson=lesson, passed=True).exists():
        return
    answers = {q.id: sorted(q.correct_ids()) for q in quiz.questions}
    services.submit_quiz(enrolment, lesson, answers, uuid.uuid4())


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
