"""Completion rules and grading: the heart of the trainee side."""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from courses.models import CoursePage
from learning import grading, services
from learning.models import Enrolment, LessonProgress, QuizAttempt
from learning.signals import enrolment_completed
from tests.factories.accounts import TraineeFactory
from tests.factories.courses import make_course
from tests.factories.learning import correct_answers, enrolled, open_and_complete, wrong_answers

pytestmark = pytest.mark.django_db


@pytest.fixture
def announced():
    """Enrolment ids announced as completed (learning's signal, sent on commit)."""
    seen = []

    def receiver(sender, enrolment_id, **kwargs):
        seen.append(enrolment_id)

    enrolment_completed.connect(receiver, weak=False)
    yield seen
    enrolment_completed.disconnect(receiver)


def test_second_enrol_click_does_not_enrol_twice(home_page):
    course = make_course(lessons=2)
    trainee = TraineeFactory()
    first, created = services.enrol(trainee, course)
    again, created_again = services.enrol(trainee, course)
    assert created and not created_again
    assert first.pk == again.pk
    assert Enrolment.objects.filter(user=trainee).count() == 1


def test_enrolling_in_an_unpublished_course_is_refused(home_page):
    course = make_course(lessons=1)
    course.unpublish()
    with pytest.raises(services.LearningError):
        services.enrol(TraineeFactory(), CoursePage.objects.get(pk=course.pk))
    assert not Enrolment.objects.exists()


def test_completing_the_last_required_lesson_completes_the_course_once(
    home_page, django_capture_on_commit_callbacks, announced
):
    course = make_course(lessons=3, not_required=[2])
    enrolment = enrolled(course)
    lessons = list(course.lessons())
    assert open_and_complete(enrolment, lessons[0]) is False
    with django_capture_on_commit_callbacks(execute=True):
        assert open_and_complete(enrolment, lessons[1]) is True
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED and enrolment.completed_at
    assert announced == [enrolment.pk]
    with django_capture_on_commit_callbacks(execute=True):
        assert open_and_complete(enrolment, lessons[1]) is False
        assert open_and_complete(enrolment, lessons[2]) is False
    assert announced == [enrolment.pk]


def test_marking_a_lesson_done_twice_keeps_one_progress_row(home_page):
    course = make_course(lessons=2)
    enrolment = enrolled(course)
    lesson = course.lessons().first()
    open_and_complete(enrolment, lesson)
    open_and_complete(enrolment, lesson)
    assert LessonProgress.objects.filter(enrolment=enrolment, lesson=lesson).count() == 1


def test_a_lesson_with_a_quiz_is_not_completed_by_marking_it_done(home_page):
    course = make_course(lessons=2, quiz_in_lesson=0)
    enrolment = enrolled(course)
    with pytest.raises(services.LearningError):
        services.complete_lesson(enrolment, course.lessons().first())
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def test_a_lesson_never_opened_cannot_be_marked_done_by_a_post(client, home_page):
    course = make_course(lessons=1)
    enrolment = enrolled(course)
    lesson = course.lessons().first()
    with pytest.raises(services.LearningError):
        services.complete_lesson(enrolment, lesson)
    client.force_login(enrolment.user)
    response = client.post(reverse("learning:complete_lesson", args=[lesson.pk]))
    assert response.status_code == 302
    assert not LessonProgress.objects.exists()
    enrolment.refresh_from_db()
    assert not enrolment.is_completed
    assert client.get(lesson.url).status_code == 200  # opening it starts it
    client.post(reverse("learning:complete_lesson", args=[lesson.pk]))
    enrolment.refresh_from_db()
    assert enrolment.is_completed


def test_a_lesson_of_another_course_cannot_be_completed(home_page):
    mine, other = make_course(lessons=1), make_course(lessons=1)
    enrolment = enrolled(mine)
    with pytest.raises(services.LearningError):
        services.complete_lesson(enrolment, other.lessons().first())
    assert not LessonProgress.objects.exists()


def test_sequential_course_refuses_a_later_lesson_before_the_earlier_ones(home_page):
    course = make_course(lessons=3, sequential=True)
    enrolment = enrolled(course)
    first, second, third = course.lessons()
    with pytest.raises(services.LearningError):
        open_and_complete(enrolment, third)
    open_and_complete(enrolment, first)
    open_and_complete(enrolment, second)
    assert open_and_complete(enrolment, third) is True


def test_failing_then_passing_the_quiz_completes_the_lesson(home_page):
    course = make_course(lessons=1, quiz_in_lesson=0)
    enrolment = enrolled(course)
    lesson = course.lessons().first()
    quiz = lesson.get_quiz()
    failed, _ = services.submit_quiz(enrolment, lesson, wrong_answers(quiz), uuid.uuid4())
    assert not failed.passed and failed.score == 0 and failed.number == 1
    passed, _ = services.submit_quiz(enrolment, lesson, correct_answers(quiz), uuid.uuid4())
    assert passed.passed and passed.score == 100 and passed.number == 2
    assert passed.revision_id == lesson.live_revision_id
    enrolment.refresh_from_db()
    assert enrolment.is_completed


def test_the_same_submission_token_twice_counts_once(home_page):
    course = make_course(lessons=1, quiz_in_lesson=0)
    enrolment = enrolled(course)
    lesson = course.lessons().first()
    token = uuid.uuid4()
    first, created = services.submit_quiz(
        enrolment, lesson, wrong_answers(lesson.get_quiz()), token
    )
    again, created_again = services.submit_quiz(
        enrolment, lesson, wrong_answers(lesson.get_quiz()), token
    )
    assert created and not created_again and first.pk == again.pk
    assert QuizAttempt.objects.count() == 1


def test_the_attempt_limit_is_kept(home_page):
    course = make_course(lessons=1, quiz_in_lesson=0)  # max_attempts=3 in the factory quiz
    enrolment = enrolled(course)
    lesson = course.lessons().first()
    for _ in range(3):
        services.submit_quiz(enrolment, lesson, wrong_answers(lesson.get_quiz()), uuid.uuid4())
    with pytest.raises(services.LearningError):
        services.submit_quiz(enrolment, lesson, correct_answers(lesson.get_quiz()), uuid.uuid4())
    assert QuizAttempt.objects.count() == 3


def test_answers_that_are_not_options_of_the_question_are_refused(home_page):
    course = make_course(lessons=2, quiz_in_lesson=[0, 1])
    enrolment = enrolled(course)
    first, second = course.lessons()
    quiz, other_quiz = first.get_quiz(), second.get_quiz()
    forged = {quiz.questions[0].id: [other_quiz.questions[0].choices[0].id]}
    with pytest.raises(ValidationError):
        services.submit_quiz(enrolment, first, forged, uuid.uuid4())
    foreign_question = {other_quiz.questions[0].id: [other_quiz.questions[0].choices[0].id]}
    with pytest.raises(ValidationError):
        services.submit_quiz(enrolment, first, foreign_question, uuid.uuid4())
    assert not QuizAttempt.objects.exists()


def test_grading_is_all_or_nothing_per_question():
    from courses.quiz import Choice, Question, Quiz

    quiz = Quiz(
        "q",
        "แบบทดสอบ",
        60,
        0,
        (
            Question(
                "a",
                "multiple",
                "ข้อ 1",
                (Choice("a1", "x", True), Choice("a2", "y", True), Choice("a3", "z", False)),
                "",
            ),
            Question(
                "b", "single", "ข้อ 2", (Choice("b1", "x", True), Choice("b2", "y", False)), ""
            ),
        ),
    )
    half = grading.grade(quiz, {"a": ["a1"], "b": ["b1"]})
    assert (half.correct_count, half.score, half.passed) == (1, 50, False)
    full = grading.grade(quiz, {"a": ["a1", "a2"], "b": ["b1"]})
    assert (full.correct_count, full.score, full.passed) == (2, 100, True)
    with pytest.raises(ValidationError):
        grading.clean_answers(quiz, {"b": ["b1", "b2"]})


def test_a_submission_token_reused_for_another_course_is_refused_cleanly(home_page):
    first_course, second_course = (
        make_course(lessons=1, quiz_in_lesson=0),
        make_course(lessons=1, quiz_in_lesson=0),
    )
    trainee = TraineeFactory()
    one, two = enrolled(first_course, trainee), enrolled(second_course, trainee)
    token = uuid.uuid4()
    lesson = first_course.lessons().first()
    services.submit_quiz(one, lesson, wrong_answers(lesson.get_quiz()), token)
    other = second_course.lessons().first()
    with pytest.raises(services.LearningError):
        services.submit_quiz(two, other, wrong_answers(other.get_quiz()), token)
    assert QuizAttempt.objects.count() == 1
