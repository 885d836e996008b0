"""The public directory on a 360 px phone, from the real demo data: an owner lists her producer,
a visitor filters by province and five stars, opens a product and verifies a member's certificate.

Screenshots go to docs/screenshots/ (showcase-*.png) for the README and for people to look at.
"""

import io
import json
import re
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from playwright.sync_api import expect

from producers.models import Producer
from tests.e2e.site_menu import open_menu

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DEMO_PASSWORD = "otop-demo-2569"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def full_page(page, name: str) -> None:
    """Scroll through first, so lazy images are loaded, then save the whole page."""
    height = page.evaluate("document.documentElement.scrollHeight")
    for _step in range(0, height, 500):
        page.mouse.wheel(0, 500)
    page.wait_for_load_state("networkidle")
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def test_owner_lists_producer_and_visitor_verifies_a_members_certificate(
    site_home, live_server, browser, phone_page, sign_in, settings, axe
):
    from tests.factories.accounts import platform_group

    for name in ("Trainees", "Trainers", "Coordinators"):  # flushed by earlier browser tests
        platform_group(name)
    settings.DEBUG = True  # seed_demo refuses otherwise
    settings.ROOT_URLCONF = "tests.e2e.media_urls"
    call_command("seed_demo", stdout=io.StringIO())
    settings.DEBUG = False
    silk = Producer.objects.get(registration_number="5101-00017")
    # Start from "not listed" so the owner's opt-in is what publishes it.
    Producer.objects.filter(pk=silk.pk).update(public_listing=False, public_listing_at=None)
    cache.clear()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    visitor = browser.new_context(viewport={"width": 360, "height": 740}, locale="th-TH")
    public = visitor.new_page()
    public.set_default_timeout(15_000)
    console = []
    public.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    assert public.goto(live_server.url + f"/producers/{silk.pk}/").status == 404

    # The owner opts in from "My producer" and publishes a phone number and a LINE ID.
    owner = phone_page
    owner.goto(live_server.url + "/accounts/sign-in/")
    owner.get_by_label("อีเมลหรือเบอร์โทรศัพท์มือถือ").fill("somjai@demo.otop.test")
    owner.get_by_label("รหัสผ่าน").fill(DEMO_PASSWORD)
    owner.get_by_role("button", name="เข้าสู่ระบบ").click()
    open_menu(owner)
    expect(owner.get_by_role("button", name="ออกจากระบบ")).to_be_visible()
    owner.goto(live_server.url + "/producers/mine/")
    owner.get_by_role("link", name="เปิดเผยในทำเนียบสาธารณะ").click()
    owner.get_by_label(re.compile("แสดงกลุ่มผู้ผลิตนี้ในทำเนียบ")).check()
    owner.get_by_label("ไอดีไลน์").fill("@banklangsilk")
    full_page(owner, "showcase-opt-in-360.png")
    owner.get_by_role("button", name="บันทึก", exact=True).click()
    expect(owner.get_by_text("แสดงในทำเนียบสาธารณะแล้ว")).to_be_visible()
    expect(owner.get_by_role("link", name="ดูหน้าสาธารณะ")).to_be_visible()

    # A visitor finds it by province and five stars.
    public.goto(live_server.url + "/producers/")
    full_page(public, "showcase-directory-360.png")
    public.get_by_text("กรองตามพื้นที่ ประเภท ระดับดาว และมาตรฐาน").click()
    public.get_by_label("จังหวัด").select_option(label="ลำพูน")
    public.get_by_label("ระดับดาว").select_option("5")
    public.get_by_role("button", name="แสดงผู้ผลิต").click()
    cards = public.locator(".card-title")
    expect(cards).to_have_text(["กลุ่มทอผ้าไหมยกดอกบ้านกลาง"])  # the longan group is not listed
    assert "province=51" in public.url and "stars=5" in public.url
    full_page(public, "showcase-filtered-360.png")
    assert axe(public) == []

    cards.first.click()
    expect(public.get_by_role("heading", level=1)).to_have_text("กลุ่มทอผ้าไหมยกดอกบ้านกลาง")
    expect(public.get_by_text("@banklangsilk")).to_be_visible()
    organization = json.loads(public.locator('script[type="application/ld+json"]').text_content())
    assert organization["@type"] == "Organization"
    full_page(public, "showcase-producer-360.png")

    public.get_by_role("link", name=re.compile("ผ้าไหมยกดอกลำพูน ลายพิกุล")).click()
    expect(public.get_by_role("heading", level=1)).to_have_text("ผ้าไหมยกดอกลำพูน ลายพิกุล")
    photo = public.locator(".product-photos img").first
    expect(photo).to_be_visible()
    photo.scroll_into_view_if_needed()  # a lazy image is fetched once it is near the screen
    handle = photo.element_handle()
    public.wait_for_function("(img) => img.complete && img.currentSrc !== ''", arg=handle)
    assert public.evaluate("(img) => img.currentSrc", handle).endswith(".webp")
    assert public.evaluate("(img) => img.naturalWidth", photo.element_handle()) > 0
    product = json.loads(public.locator('script[type="application/ld+json"]').text_content())
    assert product["@type"] == "Product" and product["award"]
    og_image = public.locator('meta[property="og:image"]').get_attribute("content")
    assert public.request.get(og_image).status == 200
    full_page(public, "showcase-product-360.png")
    assert axe(public) == []
    assert public.evaluate("document.documentElement.scrollWidth") <= 360

    public.get_by_role("link", name=re.compile("ตรวจสอบใบประกาศนียบัตร OTOP-")).first.click()
    expect(public).to_have_url(re.compile(r"/certificates/verify/OTOP-[0-9A-Z-]+/$"))
    expect(public.locator(".badge-ok").first).to_be_visible()
    expect(public.get_by_text("นางสาวสมใจ ใจดี").first).to_be_visible()

    violations = [line for line in console if "Content Security Policy" in line]
    assert violations == []  # JSON-LD is data: the strict CSP does not block or report it
    visitor.close()
