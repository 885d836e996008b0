"""The course tree rules and the public catalogue, course and lesson pages."""

import pytest
from django.core.cache import cache
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from courses.blocks import question_problem
from courses.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from home.models import ContentPage, HomePage
from tests.factories.courses import (
    body_form_data,
    make_catalogue,
    make_category,
    make_course,
    quiz_body,
)


class TestCourseTree(WagtailPageTestCase):
    def test_catalogue_only_under_the_home_page(self):
        self.assertCanCreateAt(HomePage, CourseIndexPage)
        self.assertCanNotCreateAt(Page, CourseIndexPage)
        self.assertCanNotCreateAt(ContentPage, CourseIndexPage)

    def test_catalogue_holds_courses_only(self):
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertCanNotCreateAt(HomePage, CoursePage)

    def test_course_holds_modules_and_modules_hold_lessons(self):
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        self.assertAllowedSubpageTypes(ModulePage, {LessonPage})
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})
        self.assertCanNotCreateAt(CoursePage, LessonPage)
        self.assertCanNotCreateAt(LessonPage, LessonPage)
        self.assertCanNotCreateAt(ModulePage, ContentPage)


@pytest.mark.parametrize(
    ("kind", "flags", "ok"),
    [
        ("single", [True, False, False], True),
        ("single", [True, True, False], False),
        ("single", [False, False], False),
        ("single", [True], False),
        ("multiple", [True, True, False], True),
        ("multiple", [False, False, False], False),
        ("true_false", [True, False], True),
        ("true_false", [True, False, False], False),
        ("true_false", [False, False], False),
    ],
)
def test_question_rules(kind, flags, ok):
    assert (question_problem(kind, flags) is None) is ok


def test_quiz_block_rejects_a_single_choice_question_with_two_correct_answers():
    from wagtail.blocks.struct_block import StructBlockValidationError

    from courses.blocks import QuizBlock
    from tests.factories.courses import quiz_value

    block = QuizBlock()
    good = block.normalize(quiz_value())
    block.clean(good)
    bad = quiz_value(
        questions=[{"kind": "single", "text": "?", "choices": [("ก", True), ("ข", True)]}]
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(block.normalize(bad))


def _assert_no_answers(html):
    html = html[html.index("<main") : html.index("</main>")]  # not the admin userbar's own texts
    assert "is_correct" not in html and "is-correct" not in html and "correct" not in html.lower()
    assert "✓" not in html  # the factory marks correct choices with it
    for explanation in ("ฉลากต้องบอกวันหมดอายุ", "ปิดผนึกแน่นและเก็บให้พ้นแสงแดด", "ย่อมาจาก"):
        assert explanation not in html
    assert 'type="radio"' not in html and 'type="checkbox"' not in html


@pytest.mark.django_db
def test_staff_reading_a_lesson_see_the_quiz_with_its_answer_key(rf, home_page):
    course = make_course(lessons=2, modules=1, quiz_in_lesson=0)
    lesson = list(course.lessons())[0]
    request = rf.get(lesson.url)
    from tests.factories.accounts import TrainerFactory

    request.user = TrainerFactory()  # reads lessons without enrolling, to check them

    # Page.serve, as Wagtail calls it: the trainee context comes from the learning hook.
    html = lesson.serve(request).render().content.decode()

    assert "ฉลากสินค้าอาหารต้องแสดงอะไร" in html and "สีโปรดของผู้ผลิต" in html
    assert '<li class="is-correct">✓ วันหมดอายุ' in html  # the right answer is marked
    assert "ฉลากต้องบอกวันหมดอายุ" in html  # with its explanation
    assert 'type="radio"' not in html  # nothing to submit: staff are not graded


@pytest.mark.django_db
def test_visitor_html_of_a_quiz_lesson_has_no_correct_answers_or_explanations(client, home_page):
    course = make_course(lessons=2, modules=1, quiz_in_lesson=0)
    lesson = list(course.lessons())[0]

    response = client.get(lesson.url)

    assert response.status_code == 200
    html = response.content.decode()
    _assert_no_answers(html)


@pytest.mark.django_db
def test_admin_preview_of_a_quiz_lesson_shows_the_reviewer_the_answer_key(admin_client, home_page):
    course = make_course(lessons=1, modules=1, quiz_in_lesson=0)
    lesson = list(course.lessons())[0]

    html = preview_html(admin_client, lesson, body=quiz_body())

    assert "ฉลากสินค้าอาหารต้องแสดงอะไร" in html
    assert "quiz-answer-key" in html and "ฉลากต้องบอกวันหมดอายุ" in html


@pytest.mark.django_db
def test_course_page_shows_the_outline_with_time_estimates(client, home_page):
    course = make_course(lessons=3, modules=2, not_required=[2])

    first, second, third = course.lessons()
    second_module = third.get_parent()

    html = client.get(course.url).content.decode()

    # The first module is open, in order, with times; the second is one line with its count.
    assert course.title in html
    for lesson in (first, second):
        assert lesson.title in html and lesson.url in html
    assert html.index("บทที่ 1") < html.index("บทที่ 2")
    assert "ส่วนที่ 1" in html and "ส่วนที่ 2" in html and third.title not in html
    assert f"?module={second_module.pk}" in html

    # Its link opens the second module instead.
    html = client.get(course.url, {"module": second_module.pk}).content.decode()
    assert third.title in html and third.url in html and first.title not in html
    # Nonsense in ?module= shows the first module, never an error.
    for junk in ("abc", "99999", "๑"):
        response = client.get(course.url, {"module": junk})
        assert response.status_code == 200 and first.title in response.content.decode()
    assert (
        client.get(course.url, {"module": "1\x00"}).status_code == 400
    )  # NUL: refused at the edge


@pytest.mark.django_db
def test_draft_lesson_is_not_in_the_outline(client, home_page):
    from tests.factories.courses import add_lesson

    course = make_course(lessons=1, modules=1)
    add_lesson(course.modules().first(), title="บทที่ยังไม่เผยแพร่", publish_it=False)
    # A page created with add_child is live until unpublished; make it a real draft.
    LessonPage.objects.get(title="บทที่ยังไม่เผยแพร่").unpublish()

    assert "บทที่ยังไม่เผยแพร่" not in client.get(course.url).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["th", "en"])
def test_catalogue_filters_by_category_in_both_languages(client, home_page, language):
    packaging = make_category()
    finance = make_category("finance-business", "การเงินและการบริหารธุรกิจ", "Finance and business")
    make_course(
        lessons=1,
        modules=1,
        title="ออกแบบฉลากให้ขายได้",
        category=packaging,
        title_en="Labels that sell",
    )
    make_course(
        lessons=1,
        modules=1,
        title="บัญชีครัวเรือนสำหรับกลุ่ม",
        category=finance,
        title_en="Bookkeeping for groups",
    )
    catalogue = make_catalogue()
    client.cookies["django_language"] = language

    html = client.get(
        catalogue.url, {"category": "finance-business"}, HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()

    if language == "en":
        assert "Bookkeeping for groups" in html and "Labels that sell" not in html
        assert "Finance and business" in html
    else:
        assert "บัญชีครัวเรือนสำหรับกลุ่ม" in html and "ออกแบบฉลากให้ขายได้" not in html
        assert "การเงินและการบริหารธุรกิจ" in html


@pytest.mark.django_db
def test_header_links_to_the_catalogue_and_the_link_follows_a_slug_change(client, home_page):
    cache.clear()
    catalogue = make_catalogue()
    assert 'href="/courses/"' in client.get("/").content.decode()

    catalogue.slug = "learn"
    catalogue.save_revision().publish()

    assert 'href="/learn/"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_header_lookup_of_the_catalogue_is_cached(client, home_page, django_assert_max_num_queries):
    cache.clear()
    make_catalogue()
    client.get("/")
    from django.test import RequestFactory

    from home.context_processors import navigation

    request = RequestFactory().get("/")
    with django_assert_max_num_queries(0):
        assert navigation(request)["catalogue_url"] == "/courses/"


def preview_html(client, page, body=None) -> str:
    """The admin's preview of a page as its edit form stands (Wagtail posts the form, then GETs)."""
    from wagtail.test.utils.form_data import querydict_from_html

    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200
    data = querydict_from_html(edit.content.decode(), form_id="page-edit-form").copy()
    if body is not None:
        # The StreamField widget builds its inputs in JavaScript: post them as it would.
        for key, value in body_form_data(body).items():
            data[key] = value
    url = f"/admin/pages/{page.pk}/edit/preview/"
    posted = client.post(url, data)
    assert posted.json()["is_valid"], posted.content
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
def test_every_page_type_previews(admin_client, home_page):
    course = make_course(lessons=1, modules=1, quiz_in_lesson=0)
    lesson = list(course.lessons())[0]
    for page, text in [
        (make_catalogue(), course.title),
        (course, lesson.title),
        (lesson, "ทบทวนความรู้"),
    ]:
        body = quiz_body() if page.specific_class is LessonPage else None
        assert text in preview_html(admin_client, page, body), page
    module = course.modules().first()
    assert module.title in preview_html(admin_client, module)


@pytest.mark.django_db
def test_every_page_type_keeps_revisions(home_page):
    course = make_course(lessons=1, modules=1)
    for page in [make_catalogue(), course, course.modules().first(), list(course.lessons())[0]]:
        page = page.specific
        page.title_en = "Revised"
        revision = page.save_revision()
        assert revision.as_object().title_en == "Revised"
        assert type(page).objects.get(pk=page.pk).title_en != "Revised"  # still a draft


def test_lesson_body_allows_at_most_one_quiz():
    from wagtail.blocks import StreamBlockValidationError

    from courses.blocks import LessonBodyBlock
    from tests.factories.courses import quiz_value

    block = LessonBodyBlock()
    block.clean(block.normalize([("quiz", quiz_value())]))
    with pytest.raises(StreamBlockValidationError):
        block.clean(block.normalize([("quiz", quiz_value()), ("quiz", quiz_value())]))
