"""A coordinator uploads the messy sample registry, reads the row errors, imports only the valid rows."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from producers.models import Producer
from tests.factories.accounts import PASSWORD
from tests.factories.producers import ProducerFactory, national_coordinator

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
SAMPLE = ROOT / "producers" / "sample_data" / "producers-sample-tis620.csv"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in_to_admin(page, live_server, user):
    page.goto(live_server.url + "/admin/login/")
    page.locator("input[name=username]").fill(user.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(live_server.url + "/admin/")


def test_coordinator_previews_row_errors_and_imports_only_valid_rows(
    site_home, live_server, browser
):
    ARTIFACTS.mkdir(exist_ok=True)
    coordinator = national_coordinator(email="wanpen@example.org")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in_to_admin(page, live_server, coordinator)

    page.goto(live_server.url + "/admin/producers/import/")
    expect(page.get_by_role("heading", name="นำเข้าทะเบียนผู้ผลิต")).to_be_visible()
    page.locator("input[type=file]").set_input_files(str(SAMPLE))
    page.get_by_role("button", name="อัปโหลดและตรวจสอบ").click()
    page.get_by_role("button", name="ตรวจแถวข้อมูล").click()  # every header is known: confirm

    errors = page.locator("table.producer-import__errors tbody tr")
    expect(errors).to_have_count(7)
    expect(page.locator("table.producer-import__errors tr[data-line='5']")).to_contain_text(
        "ไม่ได้ระบุเลขทะเบียน"
    )
    expect(page.locator("table.producer-import__errors tr[data-line='9']")).to_contain_text(
        "หลักตรวจสอบ"
    )
    expect(page.locator("table.producer-import__errors tr[data-line='7']")).to_contain_text(
        "510112"
    )
    # 15/01/2017 is read as a Christian Era date, with a warning instead of a refusal.
    expect(page.locator("table.producer-import__rows tr[data-line='8']")).to_contain_text(
        "คริสต์ศักราช"
    )
    page.screenshot(path=str(ARTIFACTS / "producers-import-preview.png"), full_page=True)
    assert Producer.objects.count() == 0

    page.get_by_role("button", name="นำเข้าเฉพาะ 7 แถวที่ถูกต้อง").click()
    expect(page.get_by_text("นำเข้าแล้ว: เพิ่มใหม่ 7 ราย ปรับปรุง 0 ราย").first).to_be_visible()
    assert Producer.objects.count() == 7
    assert Producer.objects.get(registration_number="5501-00033").subdistrict_code == "550104"
    page.screenshot(path=str(ARTIFACTS / "producers-import-done.png"), full_page=True)
    context.close()


def test_the_admin_address_picker_fills_districts_without_a_reload(site_home, live_server, browser):
    coordinator = national_coordinator(email="picker@example.org")
    producer = ProducerFactory()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in_to_admin(page, live_server, coordinator)
    page.goto(f"{live_server.url}/admin/producers/producers/edit/{producer.pk}/")
    picker = page.locator("[data-subdistrict-picker]")
    picker.locator("[data-level=province]").select_option("76")
    picker.locator("[data-level=district]").select_option("7605")
    picker.locator("[data-level=subdistrict]").select_option("760501")
    picker.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "producers-admin-picker.png"))
    page.locator("button[type=submit]").filter(has_text="บันทึก").first.click()
    expect(page.locator(".messages")).to_be_visible()
    producer.refresh_from_db()
    assert (producer.subdistrict_code, producer.province_code) == ("760501", "76")
    context.close()
