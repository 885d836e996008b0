"""The trainee's flow through a course: dashboard, locks, completion messages and quiz feedback."""

import uuid

import pytest
from django.urls import reverse

from learning.models import QuizAttempt
from tests.factories.courses import make_course, publish, quiz_body
from tests.factories.learning import correct_answers, enrolled, open_and_complete, wrong_answers

pytestmark = pytest.mark.django_db


def _quiz_post(quiz, answers: dict, token=None) -> dict:
    data = {"token": str(token or uuid.uuid4())}
    data.update({f"q-{qid}": choices for qid, choices in answers.items()})
    return data


def test_the_dashboard_after_finishing_a_course_is_truthful_and_suggests_a_next_one(
    client, home_page
):
    course = make_course(lessons=1, modules=1)
    other = make_course(lessons=1, modules=1, title="การตลาดออนไลน์สำหรับกลุ่มอาชีพ")
    enrolment = enrolled(course)
    open_and_complete(enrolment, course.lessons().first())
    client.force_login(enrolment.user)
    html = client.get(reverse("learning:dashboard")).content.decode()
    assert "ท่านยังไม่ได้ลงทะเบียนเรียนหลักสูตรใด" not in html
    assert "ท่านเรียนจบทุกหลักสูตรที่ลงทะเบียนไว้แล้ว" in html
    suggested = html.split('id="next-courses-title"')[1]
    assert other.title in suggested and course.title not in suggested


def test_a_finished_course_offers_review_and_a_next_course_not_continue(client, home_page):
    course = make_course(lessons=2, modules=1)
    other = make_course(lessons=1, modules=1, title="การตลาดออนไลน์สำหรับกลุ่มอาชีพ")
    enrolment = enrolled(course)
    for lesson in course.lessons():
        open_and_complete(enrolment, lesson)
    client.force_login(enrolment.user)
    html = client.get(course.url).content.decode()
    assert "เรียนต่อจากที่ค้างไว้" not in html
    assert "ทบทวนบทเรียน" in html
    assert other.title in html


def test_next_is_shown_only_when_the_next_lesson_is_open(client, home_page):
    course = make_course(lessons=3, modules=1, sequential=True, quiz_in_lesson=0)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    first, second, third = course.lessons()
    html = client.get(first.url).content.decode()
    assert f'rel="next" href="{second.url}"' not in html
    assert "ทำแบบทดสอบให้ผ่านก่อน" in html
    client.post(
        reverse("learning:submit_quiz", args=[first.pk]),
        _quiz_post(first.get_quiz(), correct_answers(first.get_quiz())),
    )
    html = client.get(first.url).content.decode()
    assert f'rel="next" href="{second.url}"' in html


def test_the_lock_page_links_to_the_lesson_to_do_next_even_at_zero_percent(client, home_page):
    course = make_course(lessons=3, modules=1, sequential=True)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    first, _second, third = course.lessons()
    html = client.get(third.url).content.decode()
    assert "บทเรียนนี้จะเปิดเมื่อท่านเรียนบทก่อนหน้าจบแล้ว" in html
    assert f'class="button" href="{first.url}"' in html


def test_the_outline_marks_locked_lessons_with_an_icon_and_words(client, home_page):
    course = make_course(lessons=3, modules=1, sequential=True)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    html = client.get(course.url).content.decode()
    assert html.count("tick-locked") == 2  # the first lesson is open, the two after it are not
    assert html.count('<span class="visually-hidden">ล็อกอยู่</span>') == 2


def test_marking_a_lesson_complete_says_what_happened_and_what_is_next(client, home_page):
    course = make_course(lessons=2, modules=1)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    first, second = course.lessons()
    client.get(first.url)
    html = client.post(
        reverse("learning:complete_lesson", args=[first.pk]), follow=True
    ).content.decode()
    assert f"“{first.title}” เรียนจบแล้ว" in html
    assert f'ต่อไป: <a href="{second.url}">{second.title}</a>' in html
    client.get(second.url)
    html = client.post(
        reverse("learning:complete_lesson", args=[second.pk]), follow=True
    ).content.decode()
    assert "ท่านเรียนจบหลักสูตรแล้ว" in html and "เกียรติบัตร" in html


def test_a_blank_choose_every_right_answer_question_is_refused_and_spends_no_attempt(
    client, home_page
):
    course = make_course(lessons=1, quiz_in_lesson=0)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    lesson = course.lessons().first()
    quiz = lesson.get_quiz()
    answers = correct_answers(quiz)
    multiple = next(q for q in quiz.questions if q.kind == "multiple")
    del answers[multiple.id]
    response = client.post(
        reverse("learning:submit_quiz", args=[lesson.pk]), _quiz_post(quiz, answers)
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "เลือกอย่างน้อยหนึ่งคำตอบ" in html
    assert not QuizAttempt.objects.exists()
    # The answers given stay ticked.
    single = quiz.questions[0]
    assert f'value="{answers[single.id][0]}" id=' in html
    assert html.count("checked") >= 1


def test_after_a_failed_attempt_the_trainee_sees_their_answers_and_where_to_read_again(
    client, home_page
):
    from tests.factories.courses import QUIZ_QUESTIONS, add_lesson

    course = make_course(lessons=0, modules=1)
    questions = [dict(QUIZ_QUESTIONS[0], review_heading="ทบทวนความรู้"), *QUIZ_QUESTIONS[1:]]
    lesson = add_lesson(course.modules().first(), body=quiz_body(questions=questions))
    publish(course)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    quiz = lesson.get_quiz()
    client.get(lesson.url)
    html = client.post(
        reverse("learning:submit_quiz", args=[lesson.pk]),
        _quiz_post(quiz, wrong_answers(quiz)),
        follow=True,
    ).content.decode()
    heading = next(b for b in lesson.body if b.block_type == "heading")
    assert f'id="part-{heading.id}"' in html
    assert f'href="#part-{heading.id}"' in html  # the configured part of the lesson
    assert html.count('href="#lesson-top"') == 2  # the two wrong questions without one
    assert html.count('class="read-again"') == 3
    assert html.count('class="is-chosen"') == 3  # their own answers, one per question
    assert "คำตอบที่ถูก" not in html  # attempts remain: the right answers stay hidden
    assert "ต้องตอบถูก 3 จาก 3 ข้อ" in html


def test_after_passing_no_attempts_left_line_is_shown(client, home_page):
    course = make_course(lessons=2, quiz_in_lesson=0)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    lesson = course.lessons().first()
    quiz = lesson.get_quiz()
    for answers in (wrong_answers(quiz), wrong_answers(quiz), correct_answers(quiz)):
        client.post(reverse("learning:submit_quiz", args=[lesson.pk]), _quiz_post(quiz, answers))
    html = client.get(lesson.url).content.decode()
    assert "ผ่าน" in html
    assert "เหลือสิทธิ์" not in html


def test_the_pass_mark_as_right_answers_is_computed_once():
    from courses.quiz import Question, Quiz

    def quiz(mark, count):
        questions = tuple(Question(str(n), "single", "?", (), "") for n in range(count))
        return Quiz("q", "t", mark, 3, questions)

    assert quiz(70, 3).required_correct == 3
    assert quiz(60, 5).required_correct == 3
    assert quiz(50, 3).required_correct == 2


def test_a_live_lesson_under_an_unpublished_course_takes_no_completion_or_answers(
    client, home_page
):
    from courses.models import CoursePage
    from learning.models import LessonProgress

    course = make_course(lessons=2, modules=1, quiz_in_lesson=1)
    enrolment = enrolled(course)
    first, second = course.lessons()
    client.force_login(enrolment.user)
    client.get(first.url)
    LessonProgress.objects.all().delete()
    CoursePage.objects.get(pk=course.pk).unpublish()  # the lessons stay live
    assert first.get_parent().live and type(first).objects.get(pk=first.pk).live

    assert client.get(first.url).status_code == 404
    complete = client.post(reverse("learning:complete_lesson", args=[first.pk]))
    answers = _quiz_post(second.get_quiz(), correct_answers(second.get_quiz()))
    quiz = client.post(reverse("learning:submit_quiz", args=[second.pk]), answers)
    assert (complete.status_code, quiz.status_code) == (404, 404)
    replay = client.post(
        reverse("learning:complete_lesson", args=[first.pk]), HTTP_X_OFFLINE_REPLAY="1"
    )
    assert replay.status_code == 409 and "บทเรียนนี้ปิดไปแล้ว" in replay.json()["message"]
    assert not LessonProgress.objects.exists() and not QuizAttempt.objects.exists()
    client.logout()
    assert client.get(first.url).status_code == 404


def test_with_no_attempt_left_the_right_answers_and_explanations_are_shown(client, home_page):
    course = make_course(lessons=1, quiz_in_lesson=0)
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    lesson = course.lessons().first()
    quiz = lesson.get_quiz()
    for _attempt in range(3):
        client.post(
            reverse("learning:submit_quiz", args=[lesson.pk]), _quiz_post(quiz, wrong_answers(quiz))
        )
    html = client.get(lesson.url).content.decode()
    assert html.count("คำตอบที่ถูก") == 4  # the right choices of the three wrong questions
    assert "ปิดผนึกแน่นและเก็บให้พ้นแสงแดด" in html  # an explanation
    assert 'class="read-again"' not in html and 'name="token"' not in html
