"""Thai search: segmented text is indexed, and the query is segmented the same way; a misspelt
search that finds nothing offers the nearest word of the published course text."""

import pytest

from courses.models import CoursePage, LessonPage
from courses.search import segment
from courses.selectors import search_catalogue
from courses.spelling import did_you_mean
from tests.factories.courses import add_lesson, make_catalogue, make_course, text_body

pytestmark = pytest.mark.django_db


def test_segmenting_splits_thai_words_and_drops_html():
    assert segment("<p>การออกแบบบรรจุภัณฑ์ให้สวยงาม</p>") == "การ ออกแบบ บรรจุภัณฑ์ ให้ สวยงาม"
    assert segment("Packaging &amp; labels") == "Packaging & labels"


@pytest.fixture
def packaging_lesson(home_page):
    course = make_course(lessons=0, modules=1, title="การขายของออนไลน์", title_en="Selling online")
    return add_lesson(
        course.modules().first(),
        title="เลือกวัสดุ",
        title_en="Choosing materials",
        summary="วัสดุที่เหมาะกับสินค้า",
        body=text_body(
            "<p>การออกแบบบรรจุภัณฑ์ให้สวยงามช่วยให้ขายได้</p><p>Good packaging protects the product.</p>"
        ),
    )


def test_a_thai_word_inside_a_lesson_sentence_is_found(packaging_lesson):
    courses, lessons = search_catalogue(make_catalogue(), "บรรจุภัณฑ์")
    assert [lesson.pk for lesson in lessons] == [packaging_lesson.pk]


def test_a_thai_phrase_query_is_segmented_too(packaging_lesson):
    _courses, lessons = search_catalogue(make_catalogue(), "ออกแบบบรรจุภัณฑ์")
    assert [lesson.pk for lesson in lessons] == [packaging_lesson.pk]


def test_an_english_word_in_a_lesson_is_found(packaging_lesson):
    _courses, lessons = search_catalogue(make_catalogue(), "packaging")
    assert [lesson.pk for lesson in lessons] == [packaging_lesson.pk]


def test_courses_are_found_by_thai_and_english_titles(packaging_lesson):
    course = packaging_lesson.get_course()
    for query in ("ออนไลน์", "online"):
        courses, _lessons = search_catalogue(make_catalogue(), query)
        assert [c.pk for c in courses] == [course.pk], query


def test_a_word_that_is_nowhere_finds_nothing(packaging_lesson):
    assert search_catalogue(make_catalogue(), "ทุเรียน") == ([], [])


def test_an_unpublished_lesson_is_not_found(packaging_lesson):
    packaging_lesson.unpublish()
    assert search_catalogue(make_catalogue(), "บรรจุภัณฑ์")[1] == []


def test_the_catalogue_search_box_lists_lessons_by_title_and_summary_only(client, packaging_lesson):
    html = client.get(make_catalogue().url, {"q": "บรรจุภัณฑ์"}).content.decode()
    assert "เลือกวัสดุ" in html and "วัสดุที่เหมาะกับสินค้า" in html
    assert "การขายของออนไลน์" in html  # the lesson's course is named
    assert "ช่วยให้ขายได้" not in html  # the lesson's body stays behind enrolment


def test_admin_page_search_finds_a_lesson_by_a_word_in_its_body(admin_client, packaging_lesson):
    html = admin_client.get("/admin/pages/search/", {"q": "บรรจุภัณฑ์"}).content.decode()
    assert "เลือกวัสดุ" in html


def test_editing_a_lesson_reindexes_its_segmented_text(packaging_lesson):
    packaging_lesson.body = text_body("<p>ผ้าทอมือย้อมด้วยสีธรรมชาติ</p>")
    packaging_lesson.save_revision().publish()

    lesson = LessonPage.objects.get(pk=packaging_lesson.pk)
    assert "ธรรมชาติ" in lesson.search_text.split()
    assert search_catalogue(make_catalogue(), "ธรรมชาติ")[1] == [lesson]
    assert search_catalogue(make_catalogue(), "บรรจุภัณฑ์")[1] == []
    assert CoursePage.objects.count() == 1


def test_a_misspelt_query_that_finds_nothing_links_to_the_near_word(client, packaging_lesson):
    catalogue = make_catalogue()
    html = client.get(catalogue.url, {"q": "บรรจุภันฑ์"}, HTTP_ACCEPT_LANGUAGE="th").content.decode()
    assert "คุณหมายถึง" in html
    assert f'<a href="{catalogue.url}?q=%E0%B8%9A' in html  # the link searches the near word
    assert ">บรรจุภัณฑ์</a>?" in html

    found = client.get(catalogue.url, {"q": "บรรจุภัณฑ์"}).content.decode()
    assert "เลือกวัสดุ" in found and "คุณหมายถึง" not in found


def test_each_unknown_word_is_replaced_and_known_words_are_kept(packaging_lesson):
    assert did_you_mean("สวยงาม บรรจุภันฑ์") == "สวยงาม บรรจุภัณฑ์"
    assert did_you_mean("บรรจุภัณฑ์") is None  # nothing to correct
    assert did_you_mean("ทุเรียนทอด") is None  # nothing near


def test_words_of_unpublished_lessons_are_not_offered(packaging_lesson):
    assert did_you_mean("บรรจุภันฑ์") == "บรรจุภัณฑ์"
    packaging_lesson.unpublish()  # the cached word list is rebuilt
    assert did_you_mean("บรรจุภันฑ์") is None


def test_a_newly_published_lesson_adds_its_words(packaging_lesson):
    assert did_you_mean("สมุนไพน") is None
    add_lesson(
        packaging_lesson.get_parent(), title="ทำสบู่", summary="", body=text_body("<p>สบู่สมุนไพร</p>")
    )
    assert did_you_mean("สมุนไพน") == "สมุนไพร"


def test_query_syntax_in_a_misspelt_query_is_not_an_error(client, packaging_lesson):
    response = client.get(make_catalogue().url, {"q": '"บรรจุภันฑ์* ('})
    assert response.status_code == 200
    assert ">บรรจุภัณฑ์</a>?" in response.content.decode()
