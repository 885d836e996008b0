"""Concurrent requests on PostgreSQL: the constraints, not check-then-insert, keep the data right."""

import threading
import uuid

import pytest
from django.db import close_old_connections

from learning import services
from learning.models import Enrolment, QuizAttempt
from tests.factories.accounts import TraineeFactory
from tests.factories.courses import make_course
from tests.factories.learning import correct_answers, enrolled, open_and_complete

pytestmark = [
    pytest.mark.integration,
    pytest.mark.postgresql,
    pytest.mark.django_db(transaction=True),
]


def _together(target, count: int = 2) -> list:
    """Run `target` in `count` threads released at the same moment; return results or exceptions."""
    barrier = threading.Barrier(count)
    results: list = []

    def run():
        try:
            barrier.wait()
            results.append(target())
        except Exception as error:  # collected and asserted on by the test
            results.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_two_concurrent_enrol_requests_give_one_enrolment(site_home, is_postgresql):
    course = make_course(lessons=1)
    trainee = TraineeFactory()
    results = _together(lambda: services.enrol(trainee, course))
    assert not [r for r in results if isinstance(r, Exception)]
    assert Enrolment.objects.filter(user=trainee).count() == 1
    assert sorted(created for _enrolment, created in results) == [False, True]


def test_the_same_quiz_submission_twice_at_once_counts_once(site_home, is_postgresql):
    course = make_course(lessons=2, quiz_in_lesson=0)
    enrolment = enrolled(course)
    lesson = course.lessons().first()
    answers = correct_answers(lesson.get_quiz())
    token = uuid.uuid4()
    results = _together(lambda: services.submit_quiz(enrolment, lesson, answers, token))
    assert not [r for r in results if isinstance(r, Exception)]
    assert QuizAttempt.objects.count() == 1


def test_the_last_two_lessons_completed_at_once_still_complete_the_course(site_home, is_postgresql):
    course = make_course(lessons=3)
    enrolment = enrolled(course)
    first, second, third = course.lessons()
    open_and_complete(enrolment, first)
    services.start_lesson(enrolment, second)
    services.start_lesson(enrolment, third)
    lessons = iter([second, third])
    lock = threading.Lock()

    def complete_next():
        with lock:
            lesson = next(lessons)
        return services.complete_lesson(Enrolment.objects.get(pk=enrolment.pk), lesson)

    results = _together(complete_next)
    assert not [r for r in results if isinstance(r, Exception)]
    assert sorted(results) == [False, True]
    enrolment.refresh_from_db()
    assert enrolment.is_completed
