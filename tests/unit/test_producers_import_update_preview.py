"""The import preview says what an update will change: old → new, only the fields that differ."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from producers.models import Producer, ProducerImport
from tests.factories.producers import ProducerFactory, provincial_coordinator

pytestmark = pytest.mark.django_db

FILE = (
    "เลขทะเบียน,ชื่อผู้ผลิต,ประเภทผู้ผลิต,ประเภทผลิตภัณฑ์,บ้านเลขที่,หมู่,ที่อยู่,โทรศัพท์,วันที่ลงทะเบียน\n"
    "5101-00017,กลุ่มทอผ้าไหมยกดอกบ้านกลาง,กลุ่มผู้ผลิตชุมชน,ผ้า เครื่องแต่งกาย,45,หมู่ 3,"
    "ต.บ้านกลาง อ.เมือง จ.ลำพูน,053-511234,15/01/2560\n"
    "5101-00018,กลุ่มลำไยอบแห้งเหมืองง่า,กลุ่มผู้ผลิตชุมชน,อาหาร,12,หมู่ 1,"
    "ต.เหมืองง่า อ.เมือง จ.ลำพูน,053511999,01/02/2561\n"
)


def registered(**differences):
    """Producer 5101-00017 as the registry holds it: as in FILE except for `differences`."""
    values = {
        "name": "กลุ่มทอผ้าไหมยกดอกบ้านกลาง",
        "house_number": "45",
        "village": "หมู่ 3",
        "subdistrict_code": "510112",
        "phone": "053511234",
        "registered_on": dt.date(2017, 1, 15),
        "producer_type": "community_group",
        "category": "textile",
    }
    return ProducerFactory(registration_number="5101-00017", **{**values, **differences})


def preview_page(client) -> str:
    response = client.post(
        reverse("producer_import:upload"),
        {"file": SimpleUploadedFile("registry.csv", FILE.encode())},
    )
    record = ProducerImport.objects.get()
    if response["Location"] == reverse("producer_import:columns", args=[record.pk]):
        form = client.get(response["Location"]).context["form"]
        data = {name: form[name].value() or "" for name in form.fields}
        response = client.post(response["Location"], data)
    assert response["Location"] == reverse("producer_import:detail", args=[record.pk])
    return client.get(response["Location"]).content.decode()


def test_an_update_row_lists_each_changed_field_old_and_new_in_thai(client):
    registered(name="กลุ่มทอผ้าบ้านกลาง", phone="053000000")
    client.force_login(provincial_coordinator("51"))
    page = preview_page(client)
    changes = page.split('class="producer-import__changes"', 1)[1].split("</dl>", 1)[0]
    assert "ชื่อ (ภาษาไทย)" in changes  # the field's Thai label
    assert "<del>กลุ่มทอผ้าบ้านกลาง</del> → <ins>กลุ่มทอผ้าไหมยกดอกบ้านกลาง</ins>" in changes
    assert "<del>053000000</del> → <ins>053511234</ins>" in changes
    # Fields the file leaves as they are are not listed.
    assert "บ้านเลขที่" not in changes and "2560" not in changes
    assert page.count('class="producer-import__changes"') == 1  # the new row lists no changes
    assert Producer.objects.get(registration_number="5101-00017").phone == "053000000"


def test_a_changed_date_and_place_are_shown_as_people_read_them(client):
    registered(subdistrict_code="510101", registered_on=dt.date(2016, 1, 15))
    client.force_login(provincial_coordinator("51"))
    changes = preview_page(client).split('class="producer-import__changes"', 1)[1]
    changes = changes.split("</dl>", 1)[0]
    assert "15 ม.ค. 2559" in changes or "15 มกราคม 2559" in changes  # Buddhist Era
    assert "บ้านกลาง / เมืองลำพูน / ลำพูน" in changes
    assert "ชื่อ (ภาษาไทย)" not in changes


def test_columns_a_file_lacks_keep_the_registrys_values(client):
    """FILE has no English-name or status column: an update keeps those as the registry holds them."""
    registered(name="กลุ่มทอผ้าบ้านกลาง", name_en="Ban Klang Brocade Silk Weaving Group")
    client.force_login(provincial_coordinator("51"))
    page = preview_page(client)
    changes = page.split('class="producer-import__changes"', 1)[1].split("</dl>", 1)[0]
    assert "Ban Klang" not in changes  # not listed as blanked
    record = ProducerImport.objects.get()
    client.post(reverse("producer_import:run", args=[record.pk]))
    producer = Producer.objects.get(registration_number="5101-00017")
    assert producer.name == "กลุ่มทอผ้าไหมยกดอกบ้านกลาง"  # the column the file has: updated
    assert producer.name_en == "Ban Klang Brocade Silk Weaving Group"
