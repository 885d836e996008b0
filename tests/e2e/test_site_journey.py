import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.e2e.site_menu import open_menu

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_visitor_switches_language_signs_up_and_signs_in_again(
    site_home, live_server, phone_page, enter_sign_up_code
):
    page = phone_page
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.get_by_role("heading", level=1)).to_contain_text("OTOP")
    page.screenshot(path=str(ARTIFACTS / "home-th-360.png"), full_page=True)

    open_menu(page)
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert page.url == live_server.url + "/"
    page.screenshot(path=str(ARTIFACTS / "home-en-360.png"), full_page=True)
    open_menu(page)
    expect(page.get_by_role("link", name="Sign up", exact=True)).to_be_visible()
    page.get_by_role("button", name="ภาษาไทย").click()
    expect(page.locator("html")).to_have_attribute("lang", "th")

    open_menu(page)
    page.get_by_role("link", name="สมัครสมาชิก").first.click()
    page.locator("#id_title").select_option("mrs")
    page.get_by_label("ชื่อ (ภาษาไทย)").fill("มาลี")
    page.get_by_label("นามสกุล (ภาษาไทย)").fill("ทองคำ")
    page.get_by_label("เบอร์โทรศัพท์มือถือ").fill("089 765 4321")
    page.get_by_label("รหัสผ่าน *", exact=True).fill("ข้าวแต๋น-ลำปาง-2569")
    page.get_by_label("ยืนยันรหัสผ่าน").fill("ข้าวแต๋น-ลำปาง-2569")
    page.get_by_label(re.compile("ประกาศความเป็นส่วนตัว")).first.check()
    page.get_by_role("button", name="สร้างบัญชี").click()
    enter_sign_up_code(page, "0897654321")
    expect(page.get_by_text("ยินดีต้อนรับ คุณมาลี")).to_be_visible()
    assert User.objects.get(phone="0897654321").privacy_consent_at is not None

    open_menu(page)
    page.get_by_role("button", name="ออกจากระบบ").click()
    open_menu(page)
    page.get_by_role("link", name="เข้าสู่ระบบ").first.click()
    page.get_by_label("อีเมลหรือเบอร์โทรศัพท์มือถือ").fill("0897654321")
    page.get_by_label("รหัสผ่าน").fill("wrong password")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page.get_by_role("alert")).to_contain_text("ไม่ตรงกับบัญชีใด")
    page.get_by_label("รหัสผ่าน").fill("ข้าวแต๋น-ลำปาง-2569")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    open_menu(page)
    expect(page.get_by_role("button", name="ออกจากระบบ")).to_be_visible()
