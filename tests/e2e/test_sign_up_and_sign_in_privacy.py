"""What a phone user sees when an account or ID already exists, or when sign-in is locked."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.factories.accounts import PASSWORD, TraineeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
ARTIFACTS.mkdir(exist_ok=True)


def _sign_up_step_one(page, url, phone):
    page.goto(url + "/accounts/sign-up/")
    page.locator("#id_title").select_option("mrs")
    page.locator("#id_first_name").fill("บุญมี")
    page.locator("#id_last_name").fill("มีสุข")
    page.locator("#id_phone").fill(phone)
    page.locator("#id_password1").fill("ผ้าไหม-2569-ลำพูน")
    page.locator("#id_password2").fill("ผ้าไหม-2569-ลำพูน")
    page.locator("#id_accept_privacy").check()
    page.locator("form.form button[type=submit]").click()
    page.wait_for_load_state()
    return page.locator("main").inner_text().replace(phone, "…")


def test_sign_up_with_a_taken_phone_in_thai_digits_looks_like_a_new_sign_up(
    site_home, live_server, phone_page, axe
):
    TraineeFactory(phone="0812345678")
    page = phone_page
    new = _sign_up_step_one(page, live_server.url, "๐๘๖-๕๕๕-๑๒๓๔")
    new_url = page.url
    taken = _sign_up_step_one(page, live_server.url, "๐๘๑-๒๓๔-๕๖๗๘")
    assert page.url == new_url
    assert new == taken
    assert "เราส่งรหัส 6 หลักไปที่" in taken
    page.screenshot(path=str(ARTIFACTS / "sign-up-taken-phone-th-360.png"), full_page=True)
    page.get_by_label("รหัสจากข้อความ (ตัวเลข 6 หลัก)").fill("123456")
    page.get_by_role("button", name="สร้างบัญชี").click()
    expect(page.get_by_text("รหัสไม่ถูกต้อง")).to_be_visible()
    assert User.objects.filter(phone="0812345678").count() == 1
    assert axe(page) == []


def test_other_title_is_shown_only_when_other_is_chosen(site_home, live_server, phone_page):
    page = phone_page
    page.goto(live_server.url + "/accounts/sign-up/")
    expect(page.locator("#id_title")).to_have_value("")
    expect(page.locator("#id_title_other")).to_be_hidden()
    page.locator("#id_title").select_option("other")
    expect(page.locator("#id_title_other")).to_be_visible()
    page.locator("#id_title").select_option("miss")
    expect(page.locator("#id_title_other")).to_be_hidden()


def test_a_locked_account_stays_locked_when_its_phone_is_written_another_way(
    site_home, live_server, phone_page, settings
):
    settings.AXES_ENABLED = True
    TraineeFactory(phone="0899000005")
    page = phone_page
    for _ in range(5):
        page.goto(live_server.url + "/accounts/sign-in/")
        page.locator("#id_username").fill("0899000005")
        page.locator("#id_password").fill("wrong-password")
        page.locator("form.form button[type=submit]").click()
        page.wait_for_load_state()
    page.goto(live_server.url + "/accounts/sign-in/")
    page.locator("#id_username").fill("+66 89 900 0005")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.form button[type=submit]").click()
    page.wait_for_load_state()
    assert "15 นาที" in page.content()
    page.screenshot(path=str(ARTIFACTS / "sign-in-locked-th-360.png"), full_page=True)


def test_the_national_id_form_does_not_say_who_holds_an_id(
    site_home, live_server, phone_page, sign_in
):
    from producers.services import record_national_id

    record_national_id(TraineeFactory(), "1101700207030")
    me = TraineeFactory()
    page = phone_page
    sign_in(page, me)
    page.goto(live_server.url + "/producers/join/")
    page.locator("details.identity summary").click()
    page.locator("#id_identity-national_id").fill("๑-๑๐๑๗-๐๐๒๐๗-๐๓-๐")
    page.locator("#id_identity-consent").check()
    page.locator("details.identity button[type=submit]").click()
    page.wait_for_load_state()
    text = page.locator("details.identity").inner_text()
    assert "ไม่สามารถบันทึกเลขประจำตัวประชาชนนี้ได้" in text
    assert "บัญชีอื่น" not in text
    page.screenshot(path=str(ARTIFACTS / "national-id-not-recorded-th-360.png"), full_page=True)
