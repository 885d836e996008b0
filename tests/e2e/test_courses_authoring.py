"""A trainer writes a lesson with a quiz in the Wagtail admin; a coordinator approves it; it goes live."""

import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from courses.models import LessonPage
from courses.services import grant_course_to_trainer
from tests.e2e.admin import insert_block, sign_in_to_admin, write_quiz
from tests.factories.accounts import CoordinatorFactory, TrainerFactory
from tests.factories.courses import make_catalogue, make_course

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


def wait_for(condition, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def test_trainer_submits_a_lesson_with_a_quiz_and_the_coordinator_approves_it(
    site_home, live_server, page, browser
):
    make_catalogue()
    course = make_course(lessons=1, modules=1, title="บรรจุภัณฑ์สำหรับอาหารชุมชน")
    module = course.modules().first()
    trainer, coordinator = TrainerFactory(), CoordinatorFactory()
    grant_course_to_trainer(course, trainer)
    page.set_default_timeout(20_000)

    sign_in_to_admin(page, live_server.url, trainer)
    page.goto(f"{live_server.url}/admin/pages/add/courses/lessonpage/{module.pk}/")
    page.fill("#id_title", "เลือกวัสดุบรรจุภัณฑ์")
    page.fill("#id_summary", "วัสดุแต่ละแบบเหมาะกับสินค้าต่างกัน")
    insert_block(page, "ข้อความ", "Text", last=False)
    page.locator(".public-DraftEditor-content").first.click()
    page.keyboard.type("การออกแบบบรรจุภัณฑ์ให้สวยงามช่วยให้ขายได้")
    insert_block(page, "แบบทดสอบ", "Quiz")
    write_quiz(page, 1, "ทบทวนเรื่องวัสดุ", "บรรจุภัณฑ์ที่ดีช่วยปกป้องสินค้า", "ถูก", "ผิด", kind="true_false")
    page.locator(".w-dropdown__toggle").last.click()
    page.locator("button[name=action-submit]").click()
    page.wait_for_url(re.compile(rf".*/admin/pages/{module.pk}/$"))

    lesson = LessonPage.objects.get(title="เลือกวัสดุบรรจุภัณฑ์")
    assert not lesson.live
    draft = lesson.get_latest_revision().as_object()
    assert "บรรจุภัณฑ์" in draft.search_text.split()
    quiz_value = draft.get_quiz()
    assert quiz_value.title == "ทบทวนเรื่องวัสดุ"
    assert [c.text for c in quiz_value.questions[0].choices] == ["ถูก", "ผิด"]
    assert [c.text for c in quiz_value.questions[0].choices if c.is_correct] == ["ถูก"]

    reviewer = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    reviewer.set_default_timeout(20_000)
    sign_in_to_admin(reviewer, live_server.url, coordinator)
    row = reviewer.locator("tr", has_text="เลือกวัสดุบรรจุภัณฑ์")
    expect(row).to_be_visible()
    row.locator("[data-w-dropdown-target=toggle], .w-dropdown__toggle").first.click()
    row.locator("button[data-workflow-action-url*='/approve/']:not([data-launch-modal])").click()

    assert wait_for(lambda: LessonPage.objects.get(pk=lesson.pk).live)
    live = LessonPage.objects.get(pk=lesson.pk)
    assert live.get_quiz() == quiz_value  # the ids trainees answer against are the draft's

    visitor = browser.new_context().new_page()
    visitor.goto(live_server.url + course.url)
    expect(visitor.get_by_role("link", name="เลือกวัสดุบรรจุภัณฑ์")).to_be_visible()
    response = visitor.goto(live_server.url + live.url)
    assert response.status == 200


def test_catalogue_and_course_screenshots(site_home, live_server, browser):
    """Not an assertion of looks: saves the pages for a person to review (artifacts/)."""
    from tests.factories.courses import make_category

    finance = make_category("finance-business", "การเงินและการบริหารธุรกิจ", "Finance and business")
    course = make_course(lessons=4, modules=2, title="ออกแบบบรรจุภัณฑ์ให้ขายได้")
    make_course(lessons=2, modules=1, title="บัญชีรับจ่ายของกลุ่มอาชีพ", category=finance)
    ARTIFACTS.mkdir(exist_ok=True)
    for width, path, name in [
        (360, make_catalogue().url, "catalogue-360"),
        (1280, make_catalogue().url, "catalogue-1280"),
        (360, course.url, "course-360"),
    ]:
        page = browser.new_context(viewport={"width": width, "height": 800}).new_page()
        response = page.goto(live_server.url + path)
        assert response.status == 200
        # Nothing sticks out sideways on a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(ARTIFACTS / f"e2e-courses-{name}.png"), full_page=True)
