"""The whole journey, in Chromium on PostgreSQL with a real Celery worker on Redis.

A published course → a trainee signs up on a 360 px phone, joins her producer with the owner's invite
code, completes the course (a lesson and a quiz) → the worker issues the certificate PDF, whose QR code
leads to the verification page → her producer becomes eligible for the selection round → a coordinator
downloads the completion report and finds her in it.
"""

import re
import subprocess
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from accounts.models import User
from certificates.models import Certificate
from producers import services as producer_services
from selection import services as selection_services
from selection.models import RoundRule
from tests.e2e.admin import sign_in_to_admin
from tests.factories.accounts import PASSWORD
from tests.factories.certificates import CertificateTemplateFactory, SignatoryFactory
from tests.factories.courses import make_course
from tests.factories.producers import MembershipFactory, ProducerFactory, national_coordinator
from tests.factories.selection import make_round

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.integration,
    pytest.mark.postgresql,  # the worker thread and the test would lock one SQLite file
    pytest.mark.django_db(transaction=True),
]


def _wait_for(predicate, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := predicate():
            return result
        time.sleep(0.2)
    return predicate()


def test_from_a_published_course_to_the_coordinators_report(
    site_home,
    live_server,
    enter_sign_up_code,
    browser,
    phone_page,
    celery_worker,
    is_postgresql,
    tmp_path,
):
    ARTIFACTS.mkdir(exist_ok=True)
    SignatoryFactory(template=CertificateTemplateFactory())
    course = make_course(lessons=2, modules=1, quiz_in_lesson=1, title="มาตรฐานผลิตภัณฑ์ชุมชน (มผช.)")
    first, quiz_lesson = course.lessons()
    producer = ProducerFactory(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง")
    owner = MembershipFactory(producer=producer, role="owner").user
    invite_code = producer_services.generate_invite_code(producer, by=owner)
    round = make_round(
        {
            "kind": RoundRule.Kind.COURSE_CERTIFICATES,
            "course_ids": [course.pk],
            "holder": RoundRule.Holder.MEMBERS,
            "min_members": 1,
        },
    )
    assert not selection_services.evaluate(producer, round).eligible

    # The trainee, on her phone.
    page = phone_page
    page.goto(live_server.url + course.url)
    page.get_by_role("link", name="สมัครสมาชิกและลงทะเบียนเรียน").click()
    page.locator("#id_title").select_option("miss")
    page.get_by_label("ชื่อ (ภาษาไทย)").fill("คำแก้ว")
    page.get_by_label("นามสกุล (ภาษาไทย)").fill("บุญมา")
    page.get_by_label("เบอร์โทรศัพท์มือถือ").fill("0861234567")
    page.get_by_label("รหัสผ่าน *", exact=True).fill("ไหมยกดอก-ลำพูน-2569")
    page.get_by_label("ยืนยันรหัสผ่าน").fill("ไหมยกดอก-ลำพูน-2569")
    page.locator("#id_accept_privacy").check()
    page.get_by_role("button", name="สร้างบัญชี").click()
    enter_sign_up_code(page, "0861234567")

    page.goto(live_server.url + "/producers/join/")
    page.locator("#id_invite-code").fill(invite_code)
    page.locator("#id_invite-code").press("Enter")
    expect(page.get_by_text(producer.name).first).to_be_visible()

    page.goto(live_server.url + course.url)
    page.get_by_role("button", name="ลงทะเบียนเรียนหลักสูตรนี้").click()
    page.get_by_role("link", name="เริ่มบทเรียนแรก").click()
    page.get_by_role("button", name="ทำเครื่องหมายว่าเรียนจบบทนี้").click()
    for question in quiz_lesson.get_quiz().questions:
        for choice in question.choices:
            if choice.is_correct:
                page.locator(f'input[name="q-{question.id}"][value="{choice.id}"]').check()
    page.get_by_role("button", name="ส่งคำตอบ").click()
    expect(page.get_by_text("ยินดีด้วย")).to_be_visible()

    # The worker issues the certificate; the dashboard offers it.
    trainee = User.objects.get(phone="0861234567")
    cert = _wait_for(
        lambda: Certificate.objects.filter(
            enrolment__user=trainee, status=Certificate.Status.VALID
        ).first()
    )
    assert cert is not None and cert.producer_id == producer.pk
    page.goto(live_server.url + "/learning/")
    with page.expect_download() as download:
        page.get_by_role("link", name="ดาวน์โหลดเกียรติบัตร (PDF)").click()
    pdf = tmp_path / "certificate.pdf"
    download.value.save_as(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", pdf, tmp_path / "certificate"], check=True
    )
    scan = subprocess.run(
        ["zbarimg", "--quiet", "--raw", tmp_path / "certificate.png"],
        capture_output=True,
        text=True,
    )
    assert scan.returncode == 0
    verify_url = scan.stdout.strip()
    assert verify_url.endswith(f"/certificates/verify/{cert.code}/")
    page.goto(live_server.url + urlsplit(verify_url).path)  # the QR carries SITE_URL
    expect(page.get_by_text("ใช้ได้", exact=True)).to_be_visible()
    expect(
        page.get_by_text("นางสาวคำแก้ว บุญมา").or_(page.get_by_text("นายคำแก้ว บุญมา"))
    ).to_be_visible()

    # Her producer is now eligible, and her dashboard says so.
    assert selection_services.evaluate(producer, round).eligible
    page.goto(live_server.url + "/learning/")
    expect(page.get_by_text("ผ่านทุกเกณฑ์").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "journey-dashboard-360.png"), full_page=True)

    # The coordinator downloads the completion report and finds her.
    coordinator_context = browser.new_context(viewport={"width": 1280, "height": 900})
    admin = coordinator_context.new_page()
    sign_in_to_admin(admin, live_server.url, national_coordinator(), PASSWORD)
    admin.goto(live_server.url + "/admin/otop-reports/completion/")
    expect(admin.locator("table.listing")).to_contain_text("คำแก้ว")
    admin.get_by_role("button", name=re.compile("Actions|การดำเนินการ")).click()
    with admin.expect_download() as report:
        admin.locator("a.w-header-button[href*='export=csv']").click()
    text = Path(report.value.path()).read_bytes().decode("utf-8-sig")
    assert "คำแก้ว บุญมา" in text and cert.code in text
    coordinator_context.close()
