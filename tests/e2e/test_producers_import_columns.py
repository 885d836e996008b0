"""The Lamphun coordinator imports her office's own spreadsheet: upload → columns → preview → import.

Her file has a merged title row, a combined name header, one column no alias knows (she picks its
field herself), an address without จ. and a date in Christian Era. Next month's file with the same
headers goes straight to the preview. Screenshots at 1366 px go to artifacts/.
"""

import datetime as dt
import io
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from openpyxl import Workbook
from playwright.sync_api import expect

from producers.models import Producer
from tests.e2e.admin import sign_in_to_admin
from tests.factories.producers import provincial_coordinator

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HEADERS = [
    "ลำดับ",
    "เลขทะเบียน OTOP",
    "ชื่อกลุ่ม/ผู้ประกอบการ",
    "ประเภท",
    "ผลิตภัณฑ์หลัก",
    "ที่อยู่",
    "โทร",
    "วันที่ขึ้นทะเบียน",
    "หมายเหตุ",
]
ROWS = [
    [
        1,
        "5101-00017",
        "กลุ่มทอผ้าไหมยกดอกบ้านกลาง",
        "กลุ่ม",
        "ผ้า",
        "45 หมู่ 3 ต.บ้านกลาง อ.เมือง ลำพูน 51000",
        53511234.0,
        dt.datetime(2017, 1, 15),
        "",
    ],
    [
        2,
        "5101-00018",
        "กลุ่มลำไยอบแห้งเหมืองง่า",
        "วิสาหกิจ",
        "อาหาร",
        "ต.เหมืองง่า อ.เมืองลำพูน จ.ลำพูน",
        "053-530111",
        "15/03/2024",
        "ต่ออายุ",
    ],
    [
        3,
        "5104-00007",
        "นางบัวคำ ใจมา (ผ้าฝ้ายทอมือ)",
        "รายเดียว",
        "ผ้า",
        "ตำบลป่าซาง อำเภอป่าซาง ลำพูน",
        "0891234567",
        "01/06/2563",
        "",
    ],
    [
        4,
        "5101-00019",
        "กลุ่มจักสานไม้ไผ่บ้านต้นธง",
        "กลุ่มผู้ผลิตชุมชน",
        "ของใช้",
        "ต.ต้นธง อ.เมือง จ.ลำพูนน",
        "053-560112",
        "03/02/2563",
        "",
    ],
]


def serious_violations(page) -> list:
    """Serious or critical axe-core findings in the page's own content (not Wagtail's sidebar)."""
    result = Axe().run(page, context="main", options={"resultTypes": ["violations"]})
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in result.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def lamphun_workbook(month: str) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append([f"ทะเบียนผู้ผลิต OTOP จังหวัดลำพูน ประจำเดือน{month} 2567"])
    sheet.merge_cells("A1:I1")
    sheet.append([])
    sheet.append(HEADERS)
    for row in ROWS:
        sheet.append(row)
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"lamphun-registry-{month}.xlsx"
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_lamphun_coordinator_maps_columns_previews_and_imports(site_home, live_server, browser):
    coordinator = provincial_coordinator("51", email="somsri.lamphun@example.org")
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="th-TH")
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in_to_admin(page, live_server.url, coordinator)

    page.goto(live_server.url + "/admin/producers/import/")
    page.locator("input[type=file]").set_input_files(str(lamphun_workbook("พฤศจิกายน")))
    page.get_by_role("button", name="อัปโหลดและตรวจสอบ").click()

    # The column step: every column with its header and first values, and a suggested field.
    expect(page.get_by_role("heading", name="คอลัมน์ใดเป็นข้อมูลอะไร")).to_be_visible()
    rows = page.locator("table.producer-import__columns tbody tr")
    expect(rows).to_have_count(len(HEADERS))
    expect(page.locator("tr[data-column='C']")).to_contain_text("กลุ่มทอผ้าไหมยกดอกบ้านกลาง")
    expect(page.locator("tr[data-column='C'] select")).to_have_value("name")
    expect(page.locator("tr[data-column='B'] select")).to_have_value("registration_number")
    expect(page.locator("tr[data-column='E'] select")).to_have_value("")  # "ผลิตภัณฑ์หลัก": unknown
    page.get_by_role("button", name="ตรวจแถวข้อมูล").click()
    expect(page.get_by_role("alert")).to_contain_text("ประเภทผลิตภัณฑ์")  # says which is missing
    page.locator("tr[data-column='E'] select").select_option("category")
    page.locator("tr[data-column='E']").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "producers-import-columns-1366.png"), full_page=True)
    assert serious_violations(page) == []
    page.get_by_role("button", name="ตรวจแถวข้อมูล").click()

    # The preview: three rows read (two with warnings), one refused for its misspelt province.
    expect(page.locator(".producer-import__counts .is-new strong")).to_have_text("3")
    expect(page.locator("table.producer-import__errors tr[data-line='7']")).to_contain_text(
        "ไม่รู้จักจังหวัด ลำพูนน"
    )
    expect(page.locator("table.producer-import__rows tr[data-line='5']")).to_contain_text(
        "คริสต์ศักราช"
    )
    expect(page.locator("table.producer-import__rows tr[data-line='6']")).to_contain_text("510602")
    expect(page.locator("[data-unmapped]")).to_contain_text("หมายเหตุ")
    page.screenshot(path=str(ARTIFACTS / "producers-import-preview-1366.png"), full_page=True)
    page.locator("table.producer-import__rows tr[data-line='6']").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "producers-import-preview-rows-1366.png"))
    assert serious_violations(page) == []
    assert Producer.objects.count() == 0

    page.get_by_role("button", name="นำเข้าเฉพาะ 3 แถวที่ถูกต้อง").click()
    expect(page.get_by_text("นำเข้าแล้ว: เพิ่มใหม่ 3 ราย ปรับปรุง 0 ราย").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "producers-import-done-1366.png"), full_page=True)
    assert set(Producer.objects.values_list("registration_number", "subdistrict_code")) == {
        ("5101-00017", "510112"),
        ("5101-00018", "510102"),
        ("5104-00007", "510602"),
    }

    # Next month, the same headers: straight to the preview, no column clicks.
    page.goto(live_server.url + "/admin/producers/import/")
    page.locator("input[type=file]").set_input_files(str(lamphun_workbook("ธันวาคม")))
    page.get_by_role("button", name="อัปโหลดและตรวจสอบ").click()
    expect(page.get_by_text("อ่านคอลัมน์ตามที่ท่านเลือกไว้ครั้งก่อน")).to_be_visible()
    expect(page.locator(".producer-import__counts .is-error strong")).to_have_text("1")
    context.close()
