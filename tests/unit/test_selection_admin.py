"""The round's admin pages, the exports, and eligibility on the producer's page and the dashboard."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from producers.models import Membership
from selection.models import RoundRule, SelectionRound
from tests.factories.accounts import PASSWORD, TraineeFactory
from tests.factories.courses import make_course
from tests.factories.producers import (
    CHIANG_MAI_KHUN_KHONG,
    MembershipFactory,
    ProducerFactory,
    provincial_coordinator,
)
from tests.factories.selection import certificate_for, make_round

pytestmark = pytest.mark.django_db
K = RoundRule.Kind


@pytest.fixture
def lamphun_coordinator(client):
    user = provincial_coordinator("51")
    client.force_login(user)
    return user


@pytest.fixture
def tcps_round():
    course = make_course(lessons=1, title="การขอรับรองมาตรฐานผลิตภัณฑ์ชุมชน (มผช.)")
    round = make_round(
        {"kind": K.ACTIVE_STATUS},
        {"kind": K.COURSE_CERTIFICATES, "course_ids": [course.pk], "holder": "owner"},
        closes_on=dt.date(2099, 12, 31),
    )
    return round, course


def export_csv(client, round, **params) -> tuple[bytes, list[list[str]]]:
    response = client.get(
        reverse("selectionround:export", args=[round.pk]), {"format": "csv", **params}
    )
    assert response.status_code == 200
    raw = b"".join(response.streaming_content)
    return raw, list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_csv_export_starts_with_a_bom_and_keeps_thai(client, lamphun_coordinator, tcps_round):
    round, _course = tcps_round
    ProducerFactory(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง")
    raw, rows = export_csv(client, round)
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "กลุ่มทอผ้าไหมยกดอกบ้านกลาง".encode() in raw
    header, row = rows
    assert row[1] == "กลุ่มทอผ้าไหมยกดอกบ้านกลาง"
    assert row[-2] in ("no", "ไม่")  # no owner certificate
    assert row[-1]  # the failing check is named


def test_export_is_scoped_to_the_coordinators_provinces(client, lamphun_coordinator, tcps_round):
    round, _course = tcps_round
    lamphun = ProducerFactory()
    ProducerFactory(subdistrict_code=CHIANG_MAI_KHUN_KHONG)
    _raw, rows = export_csv(client, round)
    assert [r[0] for r in rows[1:]] == [lamphun.registration_number]
    response = client.get(
        reverse("selectionround:export", args=[round.pk]), {"format": "csv", "province": "50"}
    )
    assert response.status_code == 404


def test_xlsx_export_lists_eligible_and_not(client, lamphun_coordinator, tcps_round):
    round, course = tcps_round
    eligible = ProducerFactory(name="วิสาหกิจชุมชนน้ำพริกแม่บุญ")
    owner = MembershipFactory(producer=eligible, role=Membership.Role.OWNER).user
    certificate_for(owner, course)
    ProducerFactory(name="กลุ่มลำไยอบแห้งเหมืองง่า")
    response = client.get(
        reverse("selectionround:export", args=[round.pk]), {"format": "xlsx", "province": "51"}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    by_name = {row[1]: row for row in values[3:]}
    assert by_name["วิสาหกิจชุมชนน้ำพริกแม่บุญ"][7] in ("yes", "ใช่")
    assert by_name["กลุ่มลำไยอบแห้งเหมืองง่า"][7] in ("no", "ไม่")


def test_round_admin_page_shows_rules_preview_and_the_advice_notice(
    client, lamphun_coordinator, tcps_round
):
    round, course = tcps_round
    ProducerFactory(name="กลุ่มลำไยอบแห้งเหมืองง่า")
    response = client.get(reverse("selectionround:inspect", args=[round.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert course.title in page
    assert "กลุ่มลำไยอบแห้งเหมืองง่า" in page
    assert 'class="help-block help-info selection-advice"' in page


def test_coordinator_creates_a_round_with_a_validated_rule(client, lamphun_coordinator):
    url = reverse("selectionround:add")
    data = {
        "name": "คัดสรรสุดยอดหนึ่งตำบล หนึ่งผลิตภัณฑ์ไทย ปี 2569",
        "year": "2569",
        "opens_on": "2026-07-01",
        "closes_on": "2026-12-31",
        "rules-TOTAL_FORMS": "1",
        "rules-INITIAL_FORMS": "0",
        "rules-MIN_NUM_FORMS": "0",
        "rules-MAX_NUM_FORMS": "1000",
        "rules-0-kind": "standard_held",
        "rules-0-standard_kinds": ["community", "fda"],
        "rules-0-on_date": "",
        "rules-0-ORDER": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # the missing date is reported
    assert not SelectionRound.objects.exists()
    data["rules-0-on_date"] = "2026-09-30"
    response = client.post(url, data)
    assert response.status_code == 302
    rule = SelectionRound.objects.get().rules.get()
    assert rule.standard_kinds == ["community", "fda"]
    assert rule.on_date == dt.date(2026, 9, 30)


def test_producer_admin_page_shows_eligibility_with_evidence(
    client, lamphun_coordinator, tcps_round
):
    round, course = tcps_round
    producer = ProducerFactory()
    owner = MembershipFactory(producer=producer, role=Membership.Role.OWNER).user
    cert = certificate_for(owner, course)
    response = client.get(reverse("otop_producers:inspect", args=[producer.pk]))
    page = response.content.decode()
    assert round.name in page
    assert cert.code in page


def test_dashboard_tells_a_member_which_course_is_missing(client, tcps_round):
    round, course = tcps_round
    producer = ProducerFactory(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง")
    owner = TraineeFactory()
    MembershipFactory(producer=producer, user=owner, role=Membership.Role.OWNER)
    client.login(username=owner.email, password=PASSWORD)
    panel = selection_panel(client.get(reverse("learning:dashboard")).content.decode())
    assert "กลุ่มทอผ้าไหมยกดอกบ้านกลาง" in panel
    assert f'href="{course.url}"' in panel
    certificate_for(owner, course)
    panel = selection_panel(client.get(reverse("learning:dashboard")).content.decode())
    assert f'href="{course.url}"' not in panel
    assert "badge-ok" in panel


def selection_panel(page: str) -> str:
    start = page.index('class="card selection-panel"')
    return page[start : page.index("</section>", start)]


def test_a_producer_name_typed_as_a_formula_stays_text_in_the_round_list():
    import io

    from openpyxl import load_workbook

    from core.exports import Column, neutralise_formula, write_xlsx

    assert neutralise_formula("=1+1") == "'=1+1" and neutralise_formula("กลุ่มทอผ้า") == "กลุ่มทอผ้า"
    buffer = io.BytesIO()
    columns = [Column.at(0, "name"), Column.at(1, "count", "number")]
    write_xlsx(buffer, columns, [('=HYPERLINK("http://evil.example")', 3)], "2569")
    cell = load_workbook(io.BytesIO(buffer.getvalue())).active["A2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_round_list_opens_eligibility_and_shows_buddhist_era_dates(
    client, lamphun_coordinator, tcps_round
):
    round, _course = tcps_round

    listing = client.get(reverse("selectionround:index")).content.decode()

    inspect_url = reverse("selectionround:inspect", args=[round.pk])
    assert f'href="{inspect_url}"' in listing.split(round.name)[0].rsplit("<a", 1)[1]
    assert "31 ธ.ค. 2642" in listing or "31 ธันวาคม 2642" in listing
    assert "2099" not in listing


def test_round_page_counts_eligible_producers_and_pages_through_all_of_them(
    client, lamphun_coordinator, tcps_round
):
    round, course = tcps_round
    eligible = ProducerFactory(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง")
    owner = MembershipFactory(producer=eligible, role=Membership.Role.OWNER).user
    certificate_for(owner, course)
    for n in range(55):
        ProducerFactory(registration_number=f"5101-9{n:04d}", name=f"กลุ่มผู้ผลิตบ้านป่าซาง {n}")
    ProducerFactory(registration_number="5001-00001", subdistrict_code=CHIANG_MAI_KHUN_KHONG)
    url = reverse("selectionround:inspect", args=[round.pk])

    first = client.get(url).content.decode()
    second = client.get(url, {"p": 2}).content.decode()

    assert "ผ่านเกณฑ์ 1 ราย" in first and "จากทั้งหมด 56 รายในรายการ" in first
    assert "หน้า 1 จาก 2" in first
    assert first.count("selection-status--eligible") >= 2  # the count and the eligible row
    assert "selection-status--not-eligible" in first
    assert second.count('href="/admin/producers/producers/') == 6


def test_xlsx_round_list_keeps_its_header_in_view_with_filters(
    client, lamphun_coordinator, tcps_round
):
    round, _course = tcps_round
    ProducerFactory(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง")
    response = client.get(reverse("selectionround:export", args=[round.pk]), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active

    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == "A3:I4"
