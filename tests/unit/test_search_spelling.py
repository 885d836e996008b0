"""A misspelt search that finds nothing offers the nearest word of the published course text."""

import pytest

from courses.spelling import did_you_mean
from tests.factories.courses import add_lesson, make_catalogue, make_course, text_body

pytestmark = pytest.mark.django_db


@pytest.fixture
def packaging_lesson(home_page):
    course = make_course(lessons=0, modules=1, title="ออกแบบสินค้า", title_en="Product design")
    return add_lesson(
        course.modules().first(),
        title="เลือกวัสดุ",
        title_en="Choosing materials",
        summary="",
        body=text_body("<p>การออกแบบบรรจุภัณฑ์ให้สวยงามช่วยให้ขายได้ ใช้กระดาษคราฟท์</p>"),
    )


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
