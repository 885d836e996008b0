"""A training session's invitations in the browser: the coordinator's list at 1366 px, the invitee's
page at 360 px (a new person signs up from it; an account holder from another province joins)."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from accounts import sms
from learning.models import Cohort, Enrolment
from tests.e2e.admin import sign_in_to_admin
from tests.factories.accounts import PASSWORD, TraineeFactory
from tests.factories.courses import make_course
from tests.factories.producers import (
    CHIANG_MAI_KHUN_KHONG,
    MembershipFactory,
    ProducerFactory,
    provincial_coordinator,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _link(phone: str) -> str:
    [body] = [message.body for message in sms.outbox if message.to == phone]
    return re.search(r"/learning/invitations/[\w-]+/", body).group(0)


def test_the_coordinator_invites_and_both_kinds_of_invitee_join(
    site_home, live_server, browser, phone_page, axe
):
    course = make_course(lessons=1, modules=1, title="การแปรรูปผ้าไหม")
    session = Cohort.objects.create(
        course=course,
        name="รุ่นที่ 4 ลำพูน",
        district_code="5101",
        starts_on=datetime.date(2026, 12, 1),
        ends_on=datetime.date(2026, 12, 2),
    )
    chiang_mai = TraineeFactory(phone="0851111111")
    MembershipFactory(
        user=chiang_mai, producer=ProducerFactory(subdistrict_code=CHIANG_MAI_KHUN_KHONG)
    )
    coordinator = provincial_coordinator("51")

    desk = browser.new_context(viewport={"width": 1366, "height": 900}, locale="th-TH").new_page()
    sign_in_to_admin(desk, live_server.url, coordinator)
    desk.goto(f"{live_server.url}/admin/learning/cohorts/{session.pk}/enrol/")
    desk.locator("textarea[name=identifiers]").fill("0851111111\n0869999999")
    desk.get_by_role("button", name="ลงทะเบียน", exact=True).click()
    result = desk.locator(".help-block").first
    expect(result).to_contain_text("085-XXX-1111")
    expect(result).to_contain_text("086-XXX-9999")
    assert result.inner_text().count("ส่งคำเชิญแล้ว") == 2

    page = phone_page
    page.goto(live_server.url + _link("0869999999"))
    expect(page.get_by_role("heading", level=1)).to_have_text("คำเชิญเข้าร่วมการอบรม")
    assert axe(page) == []
    page.locator("#id_title").select_option("miss")
    page.locator("#id_first_name").fill("มะลิ")
    page.locator("#id_last_name").fill("ทองคำ")
    page.locator("#id_password1").fill("ผ้าไหมลำพูน-2569")
    page.locator("#id_password2").fill("ผ้าไหมลำพูน-2569")
    page.locator("#id_accept_privacy").check()
    page.get_by_role("button", name="สร้างบัญชีและเข้าร่วม").click()
    expect(page.get_by_text("คุณเข้าร่วมการอบรม “รุ่นที่ 4 ลำพูน” แล้ว")).to_be_visible()
    assert Enrolment.objects.get(cohort=session).user.phone == "0869999999"

    holder = browser.new_context(viewport={"width": 360, "height": 740}, locale="th-TH").new_page()
    holder.goto(live_server.url + _link("0851111111"))
    holder.get_by_role("link", name="เข้าสู่ระบบเพื่อตอบรับ").click()
    holder.locator("#id_username").fill("0851111111")
    holder.locator("#id_password").fill(PASSWORD)
    holder.locator("form.form button[type=submit]").click()
    holder.get_by_role("button", name="เข้าร่วม", exact=True).click()
    expect(holder.get_by_text("คุณเข้าร่วมการอบรม “รุ่นที่ 4 ลำพูน” แล้ว")).to_be_visible()
    assert Enrolment.objects.filter(cohort=session, user=chiang_mai).exists()

    desk.goto(f"{live_server.url}/admin/learning/cohorts/{session.pk}/enrol/")
    expect(desk.get_by_role("button", name="ส่งอีกครั้ง")).to_have_count(0)  # both accepted
