"""A coordinator filters the completion report in the admin, downloads the CSV, and reads the summary charts."""

import datetime as dt
import io
import re
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.e2e.admin import sign_in_to_admin
from tests.factories.accounts import TraineeFactory
from tests.factories.courses import make_course
from tests.factories.producers import (
    CHIANG_MAI_KHUN_KHONG,
    PHETCHABURI_THA_YANG,
    MembershipFactory,
    ProducerFactory,
)
from tests.factories.reports import certificate, progress_row, report_coordinator

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"


@pytest.fixture
def programme(site_home):
    packaging = make_course(lessons=4, modules=1, title="การออกแบบบรรจุภัณฑ์")
    online = make_course(lessons=4, modules=1, title="การขายออนไลน์")
    producers = [
        ProducerFactory(registration_number="5101-10001", name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง"),
        ProducerFactory(
            registration_number="5015-10002",
            name="กลุ่มร่มบ่อสร้าง",
            subdistrict_code=CHIANG_MAI_KHUN_KHONG,
        ),
        ProducerFactory(
            registration_number="7605-10003",
            name="วิสาหกิจชุมชนขนมหม้อแกงท่ายาง",
            subdistrict_code=PHETCHABURI_THA_YANG,
        ),
    ]
    names = ["สมใจ", "มาลี", "บุญมี", "ประไพ", "คำแก้ว", "สมศรี", "จันทร์เพ็ญ", "บัวผัน", "ทองใบ"]
    for n, first_name in enumerate(names):
        trainee = MembershipFactory(
            producer=producers[n % 3], user=TraineeFactory(first_name=first_name)
        ).user
        month = 6 + n % 4
        finished = n % 3 != 2
        enrolment = progress_row(
            trainee,
            packaging,
            done=4 if finished else n % 4,
            enrolled_on=dt.date(2026, month, 3),
            completed_on=dt.date(2026, month, 20) if finished else None,
            score=70 + n * 3,
        )
        if finished and n % 2 == 0:
            certificate(enrolment)
        if n < 4:
            progress_row(trainee, online, done=1, enrolled_on=dt.date(2026, 9, 1))
    return {"packaging": packaging, "online": online}


def test_coordinator_filters_by_course_and_downloads_the_csv(programme, live_server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_to_admin(page, live_server.url, report_coordinator())
    page.goto(live_server.url + "/admin/otop-reports/completion/")
    expect(page.get_by_role("heading", name="ผลการเรียนรายบุคคล")).to_be_visible()
    expect(page.locator("table.listing")).to_contain_text("การขายออนไลน์")

    page.locator("#filters-drilldown button.w-slim-header-action-button").click()
    page.locator("button[aria-controls='drilldown-id_course']").click()
    page.locator("#id_course").select_option(label="การออกแบบบรรจุภัณฑ์")
    expect(page.locator("table.listing")).not_to_contain_text("การขายออนไลน์")

    page.keyboard.press("Escape")
    page.get_by_role("button", name=re.compile("Actions|การดำเนินการ")).click()
    with page.expect_download() as info:
        page.locator("a.w-header-button[href*='export=csv']").click()
    download = info.value
    page.screenshot(path=str(ARTIFACTS / "reports-completion.png"), full_page=True)
    assert download.suggested_filename.endswith(".csv")
    text = Path(download.path()).read_bytes().decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert lines[0].startswith("ผู้เรียน,")
    assert len(lines) == 1 + 9
    assert "การขายออนไลน์" not in text and "กลุ่มร่มบ่อสร้าง" in text


def test_summary_page_shows_charts_and_their_tables(programme, live_server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in_to_admin(page, live_server.url, report_coordinator())
    page.goto(live_server.url + "/admin/otop-reports/summary/?by=province")
    charts = page.locator("figure.report-chart")
    expect(charts).to_have_count(3)
    expect(charts.first).to_contain_text("จากการลงทะเบียนถึงเกียรติบัตร")
    expect(page.locator("table.listing").last).to_contain_text("เพชรบุรี")
    page.screenshot(path=str(ARTIFACTS / "reports-summary.png"), full_page=True)


def test_a_large_download_waits_in_my_downloads(programme, live_server, page, settings):
    settings.REPORTS_ASYNC_THRESHOLD = (
        5  # 13 rows: a background job (run in-process without a broker)
    )
    sign_in_to_admin(page, live_server.url, report_coordinator())
    page.goto(live_server.url + "/admin/otop-reports/completion/")
    page.get_by_role("button", name=re.compile("Actions|การดำเนินการ")).click()
    page.locator("a.w-header-button[href*='export=xlsx']").click()
    expect(page.locator("progress")).to_have_attribute("value", "100")
    link = page.get_by_role("link", name="ดาวน์โหลดไฟล์")
    expect(link).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "reports-download-ready.png"), full_page=True)
    with page.expect_download() as info:
        link.click()
    workbook = openpyxl.load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert workbook.active.max_row == 1 + 13
    page.goto(live_server.url + "/admin/otop-reports/downloads/")
    expect(page.locator("table.listing")).to_contain_text("XLSX")
