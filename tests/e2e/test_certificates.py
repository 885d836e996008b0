"""A trainee finishes the last lesson, finds the certificate on the dashboard and opens its verification page."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from certificates.models import Certificate
from tests.e2e.site_menu import open_menu
from tests.factories.accounts import PASSWORD, TraineeFactory
from tests.factories.certificates import CertificateTemplateFactory, SignatoryFactory
from tests.factories.courses import make_course
from tests.factories.learning import enrolled, open_and_complete

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_trainee_finishes_the_course_and_verifies_the_certificate(
    site_home, live_server, phone_page
):
    ARTIFACTS.mkdir(exist_ok=True)
    SignatoryFactory(template=CertificateTemplateFactory())
    course = make_course(lessons=2, modules=1, title="การทำน้ำพริกแปรรูปให้ได้มาตรฐาน")
    trainee = TraineeFactory(first_name="คำแก้ว", last_name="บุญมา", email="khamkaew@example.org")
    enrolment = enrolled(course, trainee)
    first, last = course.lessons()
    open_and_complete(enrolment, first)

    page = phone_page
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("อีเมลหรือเบอร์โทรศัพท์มือถือ").fill("khamkaew@example.org")
    page.get_by_label("รหัสผ่าน").fill(PASSWORD)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    open_menu(page)
    expect(page.get_by_role("button", name="ออกจากระบบ")).to_be_visible()

    page.goto(live_server.url + last.url)
    page.get_by_role("button", name="ทำเครื่องหมายว่าเรียนจบบทนี้").click()
    expect(page.get_by_role("link", name="ดาวน์โหลดเกียรติบัตร (PDF)")).to_be_visible()

    cert = Certificate.objects.get(enrolment=enrolment)
    assert cert.status == Certificate.Status.VALID
    page.goto(live_server.url + "/learning/")
    expect(page.get_by_role("link", name="ดาวน์โหลดเกียรติบัตร (PDF)")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "certificates-dashboard-th-360.png"), full_page=True)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="ดาวน์โหลดเกียรติบัตร (PDF)").click()
    assert download_info.value.suggested_filename == f"{cert.code}.pdf"

    page.get_by_role("link", name=cert.code).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("ตรวจสอบเกียรติบัตร")
    expect(page.get_by_text("ใช้ได้", exact=True)).to_be_visible()
    expect(page.get_by_text("นางสาวคำแก้ว บุญมา")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "certificates-verify-th-360.png"), full_page=True)

    open_menu(page)
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificate check")
    expect(page.get_by_text("Valid", exact=True)).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "certificates-verify-en-360.png"), full_page=True)
