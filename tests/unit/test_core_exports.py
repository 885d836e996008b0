"""core.exports: the one writer of every CSV and XLSX download."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from core import exports
from core.exports import DATE, NUMBER, Column, csv_chunks, write_xlsx
from tests.factories.producers import ProducerFactory, provincial_coordinator

COLUMNS = [
    Column.at(0, "ชื่อ"),
    Column.at(1, "วันที่", DATE),
    Column.at(2, "จำนวน", NUMBER),
]
ROWS = [
    ('=HYPERLINK("http://evil.example","ok")', dt.date(2026, 11, 29), -1),
    ("กลุ่มทอผ้าไหม", None, 3),
]


def csv_text(columns, rows, language="th") -> str:
    with translation.override(language):
        raw = b"".join(csv_chunks(columns, rows))
    assert raw.startswith(b"\xef\xbb\xbf")
    return raw.decode("utf-8-sig")


def xlsx_sheet(columns, rows, language="th", **kwargs):
    buffer = io.BytesIO()
    with translation.override(language):
        count = write_xlsx(buffer, columns, rows, "รายงาน", **kwargs)
    return count, load_workbook(io.BytesIO(buffer.getvalue())).active


def test_csv_starts_with_a_bom_and_keeps_typed_formulas_as_text_and_numbers_as_numbers():
    table = list(csv.reader(io.StringIO(csv_text(COLUMNS, ROWS))))
    assert table[0] == ["ชื่อ", "วันที่", "จำนวน"]
    assert table[1][0] == '\'=HYPERLINK("http://evil.example","ok")'
    assert table[1][2] == "-1"  # a number is never mistaken for a formula
    assert table[2] == ["กลุ่มทอผ้าไหม", "", "3"]


def test_csv_dates_are_buddhist_era_text_in_thai_and_iso_in_english():
    assert list(csv.reader(io.StringIO(csv_text(COLUMNS, ROWS))))[1][1] == "29 พ.ย. 2569"
    assert list(csv.reader(io.StringIO(csv_text(COLUMNS, ROWS, "en"))))[1][1] == "2026-11-29"


def test_csv_comes_in_chunks_of_about_64_kb_and_reports_progress():
    rows = [(f"ผู้ผลิต {n}", dt.date(2026, 1, 1 + n % 28), n) for n in range(10_000)]
    seen = []
    with translation.override("th"):
        chunks = list(csv_chunks(COLUMNS, rows, progress=seen.append))
    assert len(chunks) > 3
    assert all(len(chunk.decode("utf-8")) >= exports.CHUNK_CHARACTERS for chunk in chunks[:-1])
    assert all(len(chunk) < 4 * exports.CHUNK_CHARACTERS for chunk in chunks)
    assert seen == [2000, 4000, 6000, 8000, 10_000, 10_000]
    assert b"".join(chunks).decode("utf-8-sig").count("\n") == 10_001


def test_xlsx_has_real_dates_in_the_buddhist_era_format_a_frozen_header_and_filters():
    count, sheet = xlsx_sheet(COLUMNS, ROWS)
    assert count == 2
    assert [c.value for c in sheet[1]] == ["ชื่อ", "วันที่", "จำนวน"]
    assert sheet["B2"].is_date and sheet["B2"].value == dt.datetime(2026, 11, 29)
    assert sheet["B2"].number_format == exports.BUDDHIST_ERA_DATE
    assert sheet["A2"].data_type == "s" and sheet["A2"].value.startswith("=HYPERLINK")
    assert sheet["C2"].value == -1 and sheet["B3"].value is None
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:C3"


def test_xlsx_dates_in_english_use_the_common_era():
    _count, sheet = xlsx_sheet(COLUMNS, ROWS, "en")
    assert sheet["B2"].number_format == exports.COMMON_ERA_DATE


def test_xlsx_preamble_lines_go_above_the_heading_row_which_stays_frozen_with_filters():
    _count, sheet = xlsx_sheet(COLUMNS, ROWS, preamble=["รอบคัดสรร 2569", "คำแนะนำ"])
    assert sheet["A1"].value == "รอบคัดสรร 2569" and sheet["A3"].value == "ชื่อ"
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == "A3:C5"


def test_an_aware_datetime_is_written_as_its_date_in_bangkok():
    late = dt.datetime(2026, 11, 29, 20, 0, tzinfo=dt.UTC)  # 30 Nov, 03:00 in Bangkok
    columns = [Column.at(0, "เมื่อ", DATE)]
    assert "30 พ.ย. 2569" in csv_text(columns, [(late,)])
    _count, sheet = xlsx_sheet(columns, [(late,)])
    assert sheet["A2"].value == dt.datetime(2026, 11, 30)


@pytest.fixture
def lamphun_coordinator(db, client):
    user = provincial_coordinator("51", email="somsri@example.org")
    client.force_login(user)
    return user


def test_producer_listing_xlsx_is_written_by_core_exports(client, lamphun_coordinator):
    ProducerFactory(name="=1+1 กลุ่มทอผ้า", registered_on=dt.date(2017, 1, 15))
    response = client.get(reverse("otop_producers:index") + "?export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    heading = [c.value for c in sheet[1]]
    row = dict(zip(heading, sheet[2], strict=True))
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    registered = next(cell for cell in row.values() if cell.is_date)
    assert registered.value == dt.datetime(2017, 1, 15)
    assert registered.number_format == exports.BUDDHIST_ERA_DATE
    assert any(c.data_type == "s" and c.value == "=1+1 กลุ่มทอผ้า" for c in row.values())


def test_producer_listing_csv_has_a_bom_and_buddhist_era_dates(client, lamphun_coordinator):
    ProducerFactory(name="กลุ่มทอผ้าไหมยกดอก", registered_on=dt.date(2017, 1, 15))
    response = client.get(reverse("otop_producers:index") + "?export=csv")
    raw = b"".join(response.streaming_content)
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "กลุ่มทอผ้าไหมยกดอก" in raw.decode("utf-8-sig") and "15 ม.ค. 2560" in raw.decode()
