"""Quiz statistics for trainers: per question, per quiz, and where trainees stop."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.services import grant_course_to_trainer
from learning import services
from learning.models import Enrolment
from learning.quiz_statistics import quiz_statistics, where_trainees_stop
from tests.factories.accounts import TrainerFactory
from tests.factories.courses import make_course
from tests.factories.learning import correct_answers, enrolled, open_and_complete, wrong_answers

pytestmark = pytest.mark.django_db


def _attempts(enrolment, lesson, *answer_sets):
    services.start_lesson(enrolment, lesson)
    for answers in answer_sets:
        services.submit_quiz(enrolment, lesson, answers, uuid.uuid4())


def _made_up_course():
    """Lesson 0 has the quiz (pass mark 70%, so all three questions must be right)."""
    course = make_course(lessons=3, modules=1, quiz_in_lesson=0)
    lessons = list(course.lessons())
    quiz = lessons[0].get_quiz()
    right, wrong = correct_answers(quiz), wrong_answers(quiz)
    first_time = enrolled(course)  # passes on attempt 1, then finishes the course
    _attempts(first_time, lessons[0], right)
    for lesson in lessons[1:]:
        open_and_complete(first_time, lesson)
    second_time = enrolled(course)  # passes on attempt 2, then opens lesson 1
    _attempts(second_time, lessons[0], wrong, right)
    services.start_lesson(second_time, lessons[1])
    third_time = enrolled(course)  # passes on attempt 3
    _attempts(third_time, lessons[0], wrong, wrong, right)
    not_yet = enrolled(course)  # one wrong attempt so far
    _attempts(not_yet, lessons[0], wrong)
    enrolled(course)  # never opened a lesson
    return course, lessons, quiz


def test_the_numbers_of_a_small_made_up_course():
    course, lessons, quiz = _made_up_course()
    enrolments = Enrolment.objects.filter(course=course)

    [stats] = quiz_statistics(course, enrolments)
    assert stats.lesson == lessons[0]
    assert stats.tried == 4 and stats.passed == 3
    assert stats.median_attempts_to_pass == 2  # of 1, 2 and 3
    assert stats.not_passed_percent == 25  # 1 of the 4 who tried
    first_question = stats.questions[0]
    assert first_question.question.id == quiz.questions[0].id
    # First attempts: 1 right of 4.
    assert (first_question.first_right, first_question.first_attempts) == (1, 4)
    assert first_question.first_right_percent == 25
    # 7 attempts in all, 4 of them chose the first wrong option ("สีโปรดของผู้ผลิต").
    assert first_question.answered == 7
    assert first_question.top_wrong == ("สีโปรดของผู้ผลิต", 57)

    stops = {
        (row.lesson.pk if row.lesson else None): row
        for row in where_trainees_stop(course, enrolments)
    }
    # The one who completed the course is not counted: 4 in progress.
    assert stops[None].count == 1  # never opened a lesson
    assert stops[lessons[0].pk].count == 2  # third_time and not_yet
    assert stops[lessons[1].pk].count == 1  # second_time
    assert stops[lessons[2].pk].count == 0
    assert stops[lessons[0].pk].percent == 50
    assert [row.lesson for row in where_trainees_stop(course, enrolments)] == [None, *lessons]


def test_the_most_chosen_wrong_answer_is_the_one_picked_most():
    course = make_course(lessons=1, modules=1, quiz_in_lesson=0)
    lesson = next(iter(course.lessons()))
    quiz = lesson.get_quiz()
    question = quiz.questions[0]
    other_wrong = [c for c in question.choices if not c.is_correct][1]  # "ราคาคู่แข่ง"
    answers = {**wrong_answers(quiz), question.id: [other_wrong.id]}
    for _n in range(2):
        _attempts(enrolled(course), lesson, answers)
    _attempts(enrolled(course), lesson, wrong_answers(quiz))
    [stats] = quiz_statistics(course, Enrolment.objects.filter(course=course))
    assert stats.questions[0].top_wrong == ("ราคาคู่แข่ง", 67)
    assert stats.passed == 0 and stats.median_attempts_to_pass is None
    assert stats.not_passed_percent == 100


def test_a_course_without_attempts_shows_dashes_not_errors(client, home_page):
    course = make_course(lessons=2, modules=1, quiz_in_lesson=1)
    trainer = TrainerFactory()
    grant_course_to_trainer(course, trainer)
    client.force_login(trainer)
    response = client.get(reverse("learning_admin:quiz_statistics", args=[course.pk]))
    assert response.status_code == 200
    [stats] = response.context["quizzes"]
    assert stats.tried == 0 and stats.questions[0].first_right_percent is None
    assert stats.questions[0].top_wrong is None


def test_the_trainer_of_the_course_sees_the_page_linked_from_course_progress(client, home_page):
    course, lessons, _quiz = _made_up_course()
    trainer = TrainerFactory()
    grant_course_to_trainer(course, trainer)
    client.force_login(trainer)
    url = reverse("learning_admin:quiz_statistics", args=[course.pk])
    progress = client.get(reverse("learning_admin:course_progress", args=[course.pk]))
    assert url in progress.content.decode()
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="th")
    page = response.content.decode()
    assert response.status_code == 200
    assert "ตอบถูกในครั้งแรก" in page and "จุดที่ผู้อบรมหยุดเรียน" in page
    assert "สีโปรดของผู้ผลิต" in page and "57%" in page


def test_a_trainer_of_another_course_is_refused(client, home_page):
    course, _lessons, _quiz = _made_up_course()
    other = make_course(lessons=1)
    trainer = TrainerFactory()
    grant_course_to_trainer(other, trainer)
    client.force_login(trainer)
    response = client.get(reverse("learning_admin:quiz_statistics", args=[course.pk]))
    # Wagtail turns PermissionDenied in its admin into a redirect to the dashboard with a message.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "quizzes" not in (response.context or {})


def _queries_for(client, trainees: int) -> int:
    course = make_course(lessons=3, modules=1, quiz_in_lesson=[0, 1])
    lessons = list(course.lessons())
    quiz = lessons[0].get_quiz()
    for n in range(trainees):
        enrolment = enrolled(course)
        _attempts(enrolment, lessons[0], wrong_answers(quiz), correct_answers(quiz))
        if n % 2:
            _attempts(enrolment, lessons[1], wrong_answers(lessons[1].get_quiz()))
    trainer = TrainerFactory()
    grant_course_to_trainer(course, trainer)
    client.force_login(trainer)
    url = reverse("learning_admin:quiz_statistics", args=[course.pk])
    client.get(url)  # warm caches (site, permissions) so both counts compare like with like
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["quizzes"][0].tried == trainees
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_trainees(client, home_page):
    assert _queries_for(client, 2) == _queries_for(client, 10)


def test_the_selectors_run_a_fixed_number_of_queries(django_assert_num_queries):
    course, _lessons, _quiz = _made_up_course()
    enrolments = Enrolment.objects.filter(course=course)
    with django_assert_num_queries(2):  # the lessons, the attempts
        quiz_statistics(course, enrolments)
    with django_assert_num_queries(2):  # the grouped count, the lessons
        where_trainees_stop(course, enrolments)
