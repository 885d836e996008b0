"""A trainee takes a whole course on a 360 px phone: sign up, enrol, read, fail and pass the quiz."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from learning.models import Enrolment, QuizAttempt
from tests.factories.courses import make_course

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _answer(page, quiz, correct: bool):
    """Tick every right choice, or only the first wrong one of each question."""
    for question in quiz.questions:
        chosen = (
            [c for c in question.choices if c.is_correct]
            if correct
            else [next(c for c in question.choices if not c.is_correct)]
        )
        for choice in chosen:
            page.locator(f'input[name="q-{question.id}"][value="{choice.id}"]').check()


def test_trainee_signs_up_enrols_fails_then_passes_and_completes(
    site_home, live_server, phone_page, enter_sign_up_code
):
    ARTIFACTS.mkdir(exist_ok=True)
    course = make_course(lessons=2, modules=1, quiz_in_lesson=1, title="ฉลากสินค้าและบรรจุภัณฑ์")
    first, second = course.lessons()
    quiz = second.get_quiz()
    page = phone_page

    page.goto(live_server.url + course.url)
    page.get_by_role("link", name="สมัครสมาชิกและลงทะเบียนเรียน").click()
    page.locator("#id_title").select_option("mrs")
    page.get_by_label("ชื่อ (ภาษาไทย)").fill("คำแก้ว")
    page.get_by_label("นามสกุล (ภาษาไทย)").fill("บุญมา")
    page.get_by_label("เบอร์โทรศัพท์มือถือ").fill("0891239876")
    page.get_by_label("รหัสผ่าน *", exact=True).fill("ผ้าทอมือ-น่าน-2569")
    page.get_by_label("ยืนยันรหัสผ่าน").fill("ผ้าทอมือ-น่าน-2569")
    page.locator("#id_accept_privacy").check()
    page.get_by_role("button", name="สร้างบัญชี").click()
    enter_sign_up_code(page, "0891239876")
    assert page.url.endswith(course.url)  # back on the course page

    page.get_by_role("button", name="ลงทะเบียนเรียนหลักสูตรนี้").click()
    page.get_by_role("link", name="เริ่มบทเรียนแรก").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first.title)
    page.screenshot(path=str(ARTIFACTS / "lesson-360.png"), full_page=True)
    page.get_by_role("button", name="ทำเครื่องหมายว่าเรียนจบบทนี้").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(second.title)
    _answer(page, quiz, correct=False)
    page.get_by_role("button", name="ส่งคำตอบ").click()
    expect(page.get_by_text("ยังไม่ผ่าน")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "quiz-failed-360.png"), full_page=True)

    _answer(page, quiz, correct=True)
    page.get_by_role("button", name="ส่งคำตอบ").click()
    expect(page.get_by_text("ยินดีด้วย")).to_be_visible()

    page.goto(live_server.url + "/learning/")
    expect(page.get_by_role("heading", name="เรียนจบแล้ว")).to_be_visible()
    expect(page.get_by_role("link", name=course.title)).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "dashboard-360.png"), full_page=True)
    enrolment = Enrolment.objects.get(user__phone="0891239876")
    assert enrolment.is_completed
    assert list(
        QuizAttempt.objects.filter(enrolment=enrolment).values_list("passed", flat=True)
    ) == [False, True]
