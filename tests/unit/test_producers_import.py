import datetime as dt
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from openpyxl import Workbook

from producers.imports import service
from producers.imports.rows import parse_date
from producers.models import Membership, Producer
from producers.services import record_national_id
from tests.factories.accounts import TraineeFactory
from tests.factories.producers import ProducerFactory, national_id

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[2] / "producers" / "sample_data"
HEADER = "เลขทะเบียน,ชื่อผู้ผลิต,ประเภทผู้ผลิต,ประเภทผลิตภัณฑ์,บ้านเลขที่,หมู่,ที่อยู่,โทรศัพท์,วันที่ลงทะเบียน\n"
# A messy registry of our own: prefixes written out or short, extra spaces, a BE date, an ISO date.
MESSY = HEADER + (
    "5101-00017,กลุ่มทอผ้าไหมยกดอกบ้านกลาง,กลุ่มผู้ผลิตชุมชน,ผ้า เครื่องแต่งกาย,45,หมู่ 3,ต.บ้านกลาง อ.เมือง จ.ลำพูน,053-511234,15/01/2560\n"
    "7605-00102,วิสาหกิจชุมชนน้ำพริกแม่บุญ,วิสาหกิจชุมชน,อาหาร,88/1,หมู่ 5,ตำบลท่ายาง  อำเภอท่ายาง   จังหวัดเพชรบุรี,032461552,2019-03-04\n"
    "5501-00033,กลุ่มสบู่สมุนไพรบ้านไชยสถาน,กลุ่มชุมชน,สมุนไพร,12,หมู่ 2,ต. ไชยสถาน อ. เมือง จ. น่าน 55000,054710338,20/07/2561\n"
)


def analyse(text: str, name="registry.csv", encoding="utf-8"):
    return service.analyse(text.encode(encoding), name, keep_rows=True)


def import_text(text: str, **kwargs):
    analysis = analyse(text)
    return analysis, service.apply(analysis, **kwargs)


def test_a_messy_thai_file_resolves_every_address_to_its_dopa_code():
    analysis = analyse(MESSY)
    assert not analysis.has_errors
    assert [r.values["subdistrict_code"] for r in analysis.rows] == ["510112", "760501", "550104"]
    assert analysis.rows[0].values["registered_on"] == dt.date(2017, 1, 15)
    assert analysis.rows[0].values["category"] == "textile"
    assert analysis.rows[1].values["producer_type"] == "community_enterprise"


def test_importing_creates_producers_with_their_province_and_district_codes():
    _analysis, counts = import_text(MESSY)
    assert counts == {"new": 3, "update": 0, "unchanged": 0}
    silk = Producer.objects.get(registration_number="5101-00017")
    assert (silk.province_code, silk.district_code, silk.subdistrict_code) == (
        "51",
        "5101",
        "510112",
    )
    assert silk.phone == "053511234"


def test_importing_the_same_file_twice_changes_nothing_the_second_time():
    import_text(MESSY)
    before = list(Producer.objects.order_by("pk").values())
    analysis, counts = import_text(MESSY)
    assert set(analysis.actions.values()) == {service.UNCHANGED}
    assert counts == {"new": 0, "update": 0, "unchanged": 3}
    assert list(Producer.objects.order_by("pk").values()) == before


def test_a_known_registration_number_is_updated_not_duplicated():
    ProducerFactory(registration_number="5101-00017", name="ชื่อเก่า", subdistrict_code="510112")
    analysis, counts = import_text(MESSY)
    assert analysis.actions[2] == service.UPDATE
    assert counts["update"] == 1 and counts["new"] == 2
    assert Producer.objects.get(registration_number="5101-00017").name == "กลุ่มทอผ้าไหมยกดอกบ้านกลาง"
    assert Producer.objects.count() == 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp874"])
def test_csv_in_utf8_with_or_without_bom_and_in_tis620_reads_the_same(encoding):
    analysis = analyse(MESSY, encoding=encoding)
    assert [r.name for r in analysis.rows][0] == "กลุ่มทอผ้าไหมยกดอกบ้านกลาง"
    assert not analysis.has_errors


def test_xlsx_with_a_title_row_date_cells_and_numbers_reads_the_same():
    book = Workbook()
    sheet = book.active
    sheet.append(["ทะเบียนผู้ผลิต OTOP จังหวัดลำพูน"])
    sheet.append(
        [
            "เลขทะเบียน",
            "ชื่อผู้ผลิต",
            "ประเภทผู้ผลิต",
            "ประเภทผลิตภัณฑ์",
            "ตำบล",
            "อำเภอ",
            "จังหวัด",
            "โทรศัพท์",
            "วันที่ลงทะเบียน",
        ]
    )
    sheet.append(
        [
            "5101-00017",
            "กลุ่มทอผ้าไหมยกดอกบ้านกลาง",
            "กลุ่มผู้ผลิตชุมชน",
            "ผ้า",
            "บ้านกลาง",
            "เมือง",
            "ลำพูน",
            53511234,
            dt.datetime(2017, 1, 15),
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    analysis = service.analyse(buffer.getvalue(), "registry.xlsx", keep_rows=True)
    assert not analysis.has_errors, analysis.rows[0].errors
    row = analysis.rows[0]
    assert row.line == 3
    assert row.values["subdistrict_code"] == "510112"
    assert row.values["phone"] == "053511234"  # the leading zero Excel dropped
    assert row.values["registered_on"] == dt.date(2017, 1, 15)


@translation.override("en")
def test_the_sample_csv_reports_each_bad_row_with_its_line_and_reason():
    analysis = service.analyse(
        (SAMPLES / "producers-sample-tis620.csv").read_bytes(),
        "producers-sample-tis620.csv",
        keep_rows=True,
    )
    errors = {r.line: " ".join(r.errors) for r in analysis.rows if r.errors}
    warnings = {r.line: " ".join(r.warnings) for r in analysis.rows if r.warnings}
    assert "registration number is missing" in errors[5]
    assert "Unknown product category" in errors[6]
    assert "ambiguous" in errors[7]
    assert "check digit" in errors[9]
    assert "1101700207031" not in errors[9]  # the ID is never echoed
    assert "ในเมือง" in errors[13]
    assert "already on line 2" in errors[14]
    assert "not a real date" in errors[15]
    assert len(errors) == 7
    # Unusual but unambiguous: read, with a warning in the preview.
    assert "Christian Era (2560 B.E.)" in warnings[8]  # 15/01/2017
    assert "Buddhist Era" in warnings[10]  # 2562-05-01
    assert analysis.count(service.NEW) == 7


@translation.override("en")
def test_the_sample_xlsx_reports_its_bad_rows():
    analysis = service.analyse(
        (SAMPLES / "producers-sample.xlsx").read_bytes(), "producers-sample.xlsx", keep_rows=True
    )
    errors = {r.line: " ".join(r.errors) for r in analysis.rows if r.errors}
    warnings = {r.line: " ".join(r.warnings) for r in analysis.rows if r.warnings}
    assert set(errors) == {6, 9}
    assert "Unknown producer type" in errors[6]
    assert "Buddhist Era year" in warnings[7]  # a date cell holding 2560: read as 2017
    assert analysis.count(service.NEW) == 4


def test_errors_are_kept_in_thai_and_english():
    # Analysed in English, the Thai text comes from a second look at the bad row.
    with translation.override("en"):
        analysis = analyse(HEADER + ",ไม่มีเลข,กลุ่ม,อาหาร,1,,ต.บ้านกลาง อ.เมือง จ.ลำพูน,,\n")
    record = service.ProducerImport(original_name="x.csv")
    service.summarise(analysis, record)
    messages = record.errors[0]["messages"][0]
    assert messages["en"] == "The registration number is missing."
    assert messages["th"] == "ไม่ได้ระบุเลขทะเบียน"


def test_a_file_with_errors_imports_nothing_unless_only_valid_rows_are_asked_for():
    text = MESSY + "5101-00999,กลุ่มใหม่,กลุ่ม,เครื่องประดับ,1,,ต.บ้านกลาง อ.เมือง จ.ลำพูน,,\n"
    analysis = analyse(text)
    with pytest.raises(service.FileRefused):
        service.apply(analysis)
    assert Producer.objects.count() == 0
    counts = service.apply(analysis, only_valid=True)
    assert counts["new"] == 3
    assert not Producer.objects.filter(registration_number="5101-00999").exists()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("15/01/2560", dt.date(2017, 1, 15)),
        ("2017-01-15", dt.date(2017, 1, 15)),
        ("๑๕/๐๑/๒๕๖๐", dt.date(2017, 1, 15)),
        ("15 ม.ค. 2560", dt.date(2017, 1, 15)),
        ("", None),
    ],
)
def test_dates_in_the_file_convention_are_read_without_a_warning(typed, expected):
    assert parse_date(typed) == (expected, "", "")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("15/03/2024", dt.date(2024, 3, 15)),  # below 2400: can only be Christian Era
        ("2567-03-15", dt.date(2024, 3, 15)),  # above 2400: can only be Buddhist Era
        ("15 มี.ค. 2024", dt.date(2024, 3, 15)),
        ("๑๕/๐๓/๒๐๒๔", dt.date(2024, 3, 15)),
        (dt.datetime(2567, 3, 15), dt.date(2024, 3, 15)),  # an Excel date cell typed in B.E.
    ],
)
def test_dates_in_the_other_era_are_read_by_their_year_with_a_warning(typed, expected):
    day, error, warning = parse_date(typed)
    assert (day, error) == (expected, "")
    assert warning


@pytest.mark.parametrize(
    "typed", ["31/02/2565", "15/01/2490", "15/01/2700", "1989-12-31", "next week", "15/13/2560"]
)
def test_impossible_or_implausible_dates_are_errors(typed):
    day, error, _warning = parse_date(typed)
    assert day is None and error


def test_an_owner_with_a_recorded_national_id_is_linked_as_confirmed_owner():
    owner = TraineeFactory()
    number = national_id("350990012345")
    record_national_id(owner, number)
    text = "เลขทะเบียน,ชื่อผู้ผลิต,ประเภทผู้ผลิต,ประเภทผลิตภัณฑ์,ที่อยู่,เลขประจำตัวประชาชนเจ้าของ\n"
    text += f"3401-00277,นางประไพ ทองคำ,ผู้ประกอบการรายเดียว,ผ้า,ตำบลในเมือง อำเภอเมืองอุบลราชธานี จังหวัดอุบลราชธานี,{number}\n"
    import_text(text)
    membership = Membership.objects.get(user=owner)
    assert membership.role == Membership.Role.OWNER
    assert membership.status == Membership.Status.CONFIRMED


def test_the_command_dry_run_reports_and_writes_nothing(capsys):
    call_command(
        "import_producers",
        str(SAMPLES / "producers-sample-tis620.csv"),
        "--dry-run",
        "--language",
        "en",
    )
    out = capsys.readouterr().out
    assert "Line 9:" in out and "14 rows: 7 new" in out
    assert Producer.objects.count() == 0


def test_the_command_refuses_a_file_with_errors_then_imports_only_valid_rows(capsys):
    path = str(SAMPLES / "producers-sample-tis620.csv")
    with pytest.raises(CommandError):
        call_command("import_producers", path)
    assert Producer.objects.count() == 0
    call_command("import_producers", path, "--only-valid")
    assert Producer.objects.count() == 7


@translation.override("en")
def test_a_provincial_coordinator_imports_only_producers_of_their_provinces():
    ProducerFactory(registration_number="7605-00102", subdistrict_code="510112")  # now in Lamphun
    analysis = service.analyse(
        MESSY.encode(), "registry.csv", province_codes=frozenset({"51"}), keep_rows=True
    )
    errors = {r.line: " ".join(r.errors) for r in analysis.rows if r.errors}
    assert set(errors) == {3, 4}
    assert "outside the provinces you coordinate" in errors[3]  # would move it to Phetchaburi
    assert "Nan" in errors[4]
    thai = analysis.rows[2].errors_both[0]["th"]
    assert "น่าน" in thai


def test_confirming_a_previewed_file_with_errors_changes_nothing_unless_only_valid_rows_are_asked():
    from django.core.files.uploadedfile import SimpleUploadedFile

    from producers.models import ProducerImport

    text = HEADER + ",ไม่มีเลข,กลุ่ม,อาหาร,1,,ต.บ้านกลาง อ.เมือง จ.ลำพูน,,\n"
    record = ProducerImport.objects.create(
        file=SimpleUploadedFile("x.csv", text.encode()),
        original_name="x.csv",
        status=ProducerImport.Status.PREVIEWED,
        error_count=1,
        progress_total=1,
    )
    with pytest.raises(service.ImportHasErrors):
        service.confirm_import(record, only_valid=False)
    record.refresh_from_db()
    assert (record.status, record.only_valid) == (ProducerImport.Status.PREVIEWED, False)

    record = service.confirm_import(record, only_valid=True)
    assert (record.status, record.only_valid) == (ProducerImport.Status.DONE, True)
    assert Producer.objects.count() == 0
