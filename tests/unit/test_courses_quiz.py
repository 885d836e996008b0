import pytest
from wagtail.models import Revision

from courses.models import LessonPage
from courses.quiz import Choice, Question, Quiz
from tests.factories.courses import make_course, quiz_body

pytestmark = pytest.mark.django_db


def _quiz_lesson():
    course = make_course(lessons=3, modules=1, quiz_in_lesson=1)
    return LessonPage.objects.get(pk=list(course.lessons())[1].pk)


def test_get_quiz_reads_title_marks_questions_and_correct_answers(home_page):
    quiz = _quiz_lesson().get_quiz()

    assert isinstance(quiz, Quiz)
    assert (quiz.title, quiz.pass_mark, quiz.max_attempts) == ("แบบทดสอบท้ายบท", 70, 3)
    assert [q.kind for q in quiz.questions] == ["single", "multiple", "true_false"]
    for question in quiz.questions:
        assert isinstance(question, Question)
        assert all(isinstance(c, Choice) for c in question.choices)
        correct_texts = {c.text for c in question.choices if c.id in question.correct_ids()}
        assert correct_texts == {c.text for c in question.choices if c.text.startswith("✓")}
    assert "วันหมดอายุ" in quiz.questions[0].explanation
    assert quiz.question(quiz.questions[2].id) is quiz.questions[2]
    assert quiz.question("no-such-id") is None


def test_lesson_without_quiz_has_none(home_page):
    course = make_course(lessons=2, modules=1)
    assert all(lesson.get_quiz() is None for lesson in course.lessons())


def test_quiz_ids_are_stable_across_reload_edit_revision_and_publish(home_page):
    lesson = _quiz_lesson()
    before = lesson.get_quiz()
    ids = {before.block_id} | {q.id for q in before.questions}
    ids |= {c.id for q in before.questions for c in q.choices}
    assert None not in ids and len(ids) == 1 + 3 + 8

    # An edit of a question's text keeps every id.
    lesson.body[2].value["questions"][0]["text"] = "ฉลากอาหารต้องมีอะไร"
    revision = lesson.save_revision()
    draft = Revision.objects.get(pk=revision.pk).as_object().get_quiz()
    assert draft.questions[0].text == "ฉลากอาหารต้องมีอะไร"
    assert draft.block_id == before.block_id
    assert [q.id for q in draft.questions] == [q.id for q in before.questions]
    assert [c.id for q in draft.questions for c in q.choices] == [
        c.id for q in before.questions for c in q.choices
    ]

    revision.publish()
    live = LessonPage.objects.get(pk=lesson.pk).get_quiz()
    assert live == draft


def test_quiz_body_built_in_memory_keeps_ids_through_first_save(home_page):

    course = make_course(lessons=1, modules=1)
    module = course.modules().first()
    lesson = module.add_child(instance=LessonPage(title="บทใหม่", slug="new", body=quiz_body()))
    in_memory = lesson.get_quiz()
    lesson.save_revision().publish()
    assert LessonPage.objects.get(pk=lesson.pk).get_quiz() == in_memory


def test_course_lessons_are_live_and_in_tree_order_and_required_ids_follow_is_required(home_page):
    course = make_course(lessons=5, modules=2, not_required=[4])
    lessons = list(course.lessons())
    assert [lesson.title for lesson in lessons] == [f"บทที่ {i}" for i in range(1, 6)]
    assert course.required_lesson_ids() == frozenset(lesson.pk for lesson in lessons[:4])
    first_module = course.modules().first()
    assert [lesson.pk for lesson in first_module.lessons()] == [lesson.pk for lesson in lessons[:3]]

    lessons[0].unpublish()
    assert lessons[0].pk not in {lesson.pk for lesson in course.lessons()}
