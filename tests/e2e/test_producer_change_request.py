"""An owner moves their producer to another province on a phone; it waits for the coordinator, who
confirms it in the admin. Until then the producer stays in its coordinator's registry."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from producers.models import Membership, Producer
from tests.factories.accounts import PASSWORD
from tests.factories.producers import (
    MembershipFactory,
    grant_coordinator_permissions,
    provincial_coordinator,
)

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_owners_new_address_waits_for_the_coordinator(
    site_home, live_server, browser, phone_page, sign_in, axe
):
    ARTIFACTS.mkdir(exist_ok=True)
    grant_coordinator_permissions()
    owner = MembershipFactory(role=Membership.Role.OWNER)
    producer = owner.producer
    sign_in(phone_page, owner.user)

    phone_page.goto(live_server.url + f"/producers/mine/{producer.pk}/edit/")
    phone_page.locator("#id_phone").fill("0812229999")
    phone_page.locator("#id_house_number").fill("45/1")
    phone_page.select_option("select[data-level=province]", "76")
    phone_page.wait_for_function(
        "() => document.querySelector('select[data-level=district]').options.length > 1"
    )
    phone_page.select_option("select[data-level=district]", "7605")
    phone_page.wait_for_function(
        "() => document.querySelector('select[data-level=subdistrict]').options.length > 1"
    )
    phone_page.select_option("select[data-level=subdistrict]", "760501")
    phone_page.locator("form.form button[type=submit]").click()
    phone_page.wait_for_load_state()
    producer.refresh_from_db()
    assert producer.phone == "0812229999" and producer.province_code == "51"

    phone_page.goto(live_server.url + f"/producers/mine/{producer.pk}/edit/")
    expect(phone_page.get_by_role("heading", name="รอผู้ประสานงานพิจารณา")).to_be_visible()
    expect(phone_page.locator("table.change-request")).to_contain_text("เพชรบุรี")
    assert axe(phone_page) == []
    phone_page.screenshot(path=str(ARTIFACTS / "producer-change-pending.png"), full_page=True)

    coordinator = provincial_coordinator("51", email="lamphun.coord@example.org")
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.goto(live_server.url + "/admin/login/")
    page.locator("input[name=username]").fill(coordinator.email)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url(live_server.url + "/admin/")
    page.goto(live_server.url + "/admin/producers/change-requests/")
    page.get_by_role("link", name=producer.name).first.click()
    expect(page.locator("table.change-request")).to_contain_text("ท่ายาง")
    page.screenshot(path=str(ARTIFACTS / "producer-change-decide.png"), full_page=True)
    page.get_by_role("button", name="ยืนยันการแก้ไข").click()
    page.wait_for_load_state()
    assert Producer.objects.get(pk=producer.pk).province_code == "76"
    context.close()
