"""On a phone, a long course shows one module open and the others folded; a folded one opens on tap."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from learning import services
from tests.factories.courses import make_course
from tests.factories.learning import enrolled

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_trainee_reads_a_long_course_one_module_at_a_time(
    site_home, live_server, phone_page, sign_in
):
    ARTIFACTS.mkdir(exist_ok=True)
    course = make_course(lessons=30, modules=6, title="การแปรรูปผลิตภัณฑ์จากผ้าไหมยกดอก")
    lessons = list(course.lessons())
    enrolment = enrolled(course)
    for lesson in lessons[:2]:
        services.start_lesson(enrolment, lesson)
        services.complete_lesson(enrolment, lesson)
    page = phone_page
    sign_in(page, enrolment.user)

    page.goto(live_server.url + lessons[2].url)
    outline = page.get_by_role("navigation", name="โครงสร้างหลักสูตร")
    expect(outline.locator("li.outline-lesson")).to_have_count(5)  # the first module only
    expect(outline.locator('[aria-current="page"]')).to_contain_text("บทที่ 3")
    expect(outline.locator(".tick-done")).to_have_count(2)
    expect(outline.locator(".outline-folded")).to_have_count(5)
    expect(outline.locator(".outline-folded").first).to_contain_text("5 บทเรียน")
    page.screenshot(path=str(ARTIFACTS / "lesson-outline-phone.png"), full_page=True)

    outline.get_by_role("link", name="ส่วนที่ 4").click()
    expect(page.locator(".course-lesson")).to_have_count(5)
    expect(page.locator(".course-lesson").first).to_contain_text("บทที่ 16")
    page.screenshot(path=str(ARTIFACTS / "course-outline-phone.png"), full_page=True)
    page.locator(".course-lesson a").first.click()
    expect(page.locator("h1")).to_have_text("บทที่ 16")
