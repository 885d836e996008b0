"""The trainee's pages: lesson access, progress recording, quiz form, dashboard, and query counts."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learning.models import Enrolment, LessonProgress, QuizAttempt
from tests.factories.accounts import TraineeFactory, TrainerFactory
from tests.factories.courses import make_course
from tests.factories.learning import correct_answers, enrolled, open_and_complete

pytestmark = pytest.mark.django_db


def test_a_visitor_sees_the_outline_and_an_enrol_button_not_the_body(client, home_page):
    course = make_course(lessons=2)
    lesson = course.lessons().first()
    html = client.get(lesson.url).content.decode()
    assert "การออกแบบบรรจุภัณฑ์ให้สวยงามช่วยให้ขายได้" not in html
    assert "บทที่ 2" not in html  # in the second module, folded to its title and count
    assert "ส่วนที่ 2" in html and "?module=" in html
    assert reverse("accounts:sign_up") in html


def test_an_enrolled_trainee_reads_the_lesson_and_it_is_recorded_as_started(client, home_page):
    course = make_course(lessons=2)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    lesson = course.lessons().first()
    html = client.get(lesson.url).content.decode()
    assert "การออกแบบบรรจุภัณฑ์ให้สวยงามช่วยให้ขายได้" in html
    progress = LessonProgress.objects.get(enrolment=enrolment, lesson=lesson)
    assert progress.completed_at is None
    enrolment.refresh_from_db()
    assert enrolment.last_lesson_id == lesson.pk


def test_enrolling_by_post_twice_gives_one_enrolment(client, home_page):
    course = make_course(lessons=1)
    client.force_login(TraineeFactory())
    for _ in range(2):
        response = client.post(reverse("learning:enrol", args=[course.pk]))
        assert response.status_code == 302
    assert Enrolment.objects.count() == 1
    assert client.get(reverse("learning:enrol", args=[course.pk])).status_code == 405


def test_the_quiz_form_carries_no_correct_answers_or_explanations(client, home_page):
    course = make_course(lessons=1, quiz_in_lesson=0)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    html = client.get(course.lessons().first().url).content.decode()
    assert 'name="token"' in html and "ข้อใดช่วยให้บรรจุภัณฑ์ปลอดภัย" in html
    assert "is_correct" not in html and "ปิดผนึกแน่นและเก็บให้พ้นแสงแดด" not in html  # explanation


def test_submitting_the_quiz_shows_the_result_with_explanations(client, home_page):
    course = make_course(lessons=2, quiz_in_lesson=0)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    lesson = course.lessons().first()
    quiz = lesson.get_quiz()
    data = {"token": "0b7d1c5e-1111-4a5b-9c1d-222233334444"}
    data.update({f"q-{qid}": choices for qid, choices in correct_answers(quiz).items()})
    response = client.post(reverse("learning:submit_quiz", args=[lesson.pk]), data, follow=True)
    html = response.content.decode()
    assert "ปิดผนึกแน่นและเก็บให้พ้นแสงแดด" in html  # explanation, after submission
    assert QuizAttempt.objects.get().passed
    client.post(reverse("learning:submit_quiz", args=[lesson.pk]), data)  # double click
    assert QuizAttempt.objects.count() == 1


def test_a_forged_answer_is_refused_with_a_message_and_changes_nothing(client, home_page):
    course = make_course(lessons=1, quiz_in_lesson=0)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    lesson = course.lessons().first()
    question = lesson.get_quiz().questions[0]
    response = client.post(
        reverse("learning:submit_quiz", args=[lesson.pk]),
        {"token": "0b7d1c5e-1111-4a5b-9c1d-222233334445", f"q-{question.id}": ["not-an-option"]},
        follow=True,
    )
    assert "ไม่ใช่ตัวเลือกของคำถาม" in response.content.decode()
    assert not QuizAttempt.objects.exists()


def test_completing_a_lesson_of_a_course_one_is_not_enrolled_in_is_refused(client, home_page):
    course = make_course(lessons=1)
    client.force_login(TraineeFactory())
    lesson = course.lessons().first()
    response = client.post(reverse("learning:complete_lesson", args=[lesson.pk]), follow=True)
    assert "ยังไม่ได้ลงทะเบียน" in response.content.decode()
    assert not LessonProgress.objects.exists()


def test_another_trainee_cannot_complete_or_answer_for_someone_else(client, home_page):
    course = make_course(lessons=1, quiz_in_lesson=0)
    owner = enrolled(course)
    intruder = TraineeFactory()
    client.force_login(intruder)
    lesson = course.lessons().first()
    client.post(
        reverse("learning:submit_quiz", args=[lesson.pk]),
        {"token": "0b7d1c5e-1111-4a5b-9c1d-222233334446"},
    )
    client.post(reverse("learning:complete_lesson", args=[lesson.pk]))
    assert not QuizAttempt.objects.exists()
    assert not LessonProgress.objects.filter(enrolment=owner).exists()
    html = client.get(reverse("learning:dashboard")).content.decode()
    # Offered as a course to take next, never listed as theirs.
    assert course.title not in html.split('id="next-courses-title"')[0]
    assert "ท่านยังไม่ได้ลงทะเบียนเรียนหลักสูตรใด" in html


def test_a_trainer_can_read_a_lesson_without_enrolling_and_nothing_is_recorded(client, home_page):
    course = make_course(lessons=1)
    client.force_login(TrainerFactory())
    html = client.get(course.lessons().first().url).content.decode()
    assert "การออกแบบบรรจุภัณฑ์ให้สวยงามช่วยให้ขายได้" in html
    assert not LessonProgress.objects.exists()


def test_a_locked_lesson_of_a_sequential_course_is_not_shown(client, home_page):
    course = make_course(lessons=2, sequential=True)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    second = list(course.lessons())[1]
    html = client.get(second.url).content.decode()
    assert "การออกแบบบรรจุภัณฑ์ให้สวยงามช่วยให้ขายได้" not in html
    assert not LessonProgress.objects.filter(lesson=second).exists()


def _lesson_queries(client, lessons: int) -> int:
    course = make_course(lessons=lessons, modules=2, quiz_in_lesson=1)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    lesson = list(course.lessons())[1]
    client.get(lesson.url)  # first visit records the start
    with CaptureQueriesContext(connection) as queries:
        assert client.get(lesson.url).status_code == 200
    return len(queries)


def test_a_lesson_page_costs_the_same_queries_for_10_and_100_lessons(client, home_page):
    small = _lesson_queries(client, 10)
    large = _lesson_queries(client, 100)
    assert small == large
    assert small <= 11  # wagtail-lms 0.11 needs 14 for a lesson


def _dashboard_queries(client, courses: int) -> int:
    trainee = TraineeFactory()
    for _ in range(courses):
        course = make_course(lessons=2, modules=1)
        enrolment = enrolled(course, trainee)
        open_and_complete(enrolment, course.lessons().first())
    client.force_login(trainee)
    client.get(reverse("learning:dashboard"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("learning:dashboard"))
    assert response.status_code == 200
    return len(queries)


def test_the_dashboard_costs_the_same_queries_for_2_and_20_courses(client, home_page):
    assert _dashboard_queries(client, 2) == _dashboard_queries(client, 20)


def test_the_dashboard_shows_progress_percent(client, home_page):
    course = make_course(lessons=4, modules=1)
    enrolment = enrolled(course)
    open_and_complete(enrolment, course.lessons().first())
    client.force_login(enrolment.user)
    html = client.get(reverse("learning:dashboard")).content.decode()
    assert 'value="25"' in html


def test_a_failed_attempt_does_not_give_away_the_answers_for_the_next_one(client, home_page):
    from tests.factories.learning import wrong_answers

    course = make_course(lessons=2, quiz_in_lesson=0)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    lesson = course.lessons().first()
    quiz = lesson.get_quiz()
    data = {"token": "0b7d1c5e-1111-4a5b-9c1d-222233334499"}
    data.update({f"q-{qid}": c for qid, c in wrong_answers(quiz).items()})
    html = client.post(
        reverse("learning:submit_quiz", args=[lesson.pk]), data, follow=True
    ).content.decode()
    assert "ยังไม่ผ่าน" in html
    assert "ปิดผนึกแน่นและเก็บให้พ้นแสงแดด" not in html  # the explanation of a wrong answer
    assert 'name="token"' in html  # the next attempt is open


def test_the_lesson_page_enrolment_reads_as_the_orm_reads_it(home_page):
    """enrolment_and_progress builds the enrolment from one hand-written join: every field must come
    back as the ORM gives it (aware datetimes on SQLite too), with the lessons started and done."""
    from learning import services
    from learning.selectors import enrolment_and_progress

    course = make_course(lessons=3)
    enrolment = enrolled(course)
    first, second, _third = course.lessons()
    open_and_complete(enrolment, first)
    services.start_lesson(enrolment, second)
    found, state = enrolment_and_progress(enrolment.user, course.pk)
    expected = Enrolment.objects.get(pk=enrolment.pk)
    for field in Enrolment._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(expected, field.attname), field.name
    assert found.enrolled_at.tzinfo is not None
    assert state.completed == {first.pk} and state.started == {first.pk, second.pk}
    assert enrolment_and_progress(TraineeFactory(), course.pk)[0] is None
