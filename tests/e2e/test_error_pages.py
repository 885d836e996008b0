"""The 404 and 500 pages on a phone: Thai, in the site's design, accessible, with a way back."""

from pathlib import Path

import pytest
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.urls(__name__)]


def _bug(request):
    raise RuntimeError("a bug, for the 500 page")


urlpatterns = [path("test-errors/boom/", _bug), *site_urlpatterns]


def test_not_found_and_server_error_pages_on_a_phone(site_home, live_server, phone_page, axe):
    ARTIFACTS.mkdir(exist_ok=True)
    page = phone_page
    blocked = []  # the Content-Security-Policy must not block what the error pages need
    page.on("console", lambda m: blocked.append(m.text) if "Content Security" in m.text else None)

    response = page.goto(live_server.url + "/certificates/verify/OTOP-2569-NOPE-NOPE/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "ไม่พบเกียรติบัตร"  # its own page, with the form
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # no sideways scrolling
    page.screenshot(path=str(ARTIFACTS / "error-404-th-360.png"), full_page=True)
    assert axe(page) == []
    assert page.locator('form[action="/certificates/verify/"]').count() == 1  # try again here

    response = page.goto(live_server.url + "/test-errors/boom/")
    assert response.status == 500
    assert page.locator("h1").inner_text() == "เกิดข้อผิดพลาดในระบบ"
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert font.split(",")[0].strip('"') == "Sarabun"  # the site's stylesheet loaded
    page.screenshot(path=str(ARTIFACTS / "error-500-th-360.png"), full_page=True)
    assert axe(page) == []
    page.get_by_role("link", name="กลับไปหน้าแรก").click()
    assert page.url == live_server.url + "/"
    assert blocked == []
