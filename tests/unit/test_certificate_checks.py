"""The public certificate check: typed numbers, unknown numbers, plain words first; and who signs."""

import subprocess

import pytest
from django.urls import reverse

from certificates.models import ProvincialSignatory
from tests.factories.accounts import TraineeFactory
from tests.factories.certificates import CertificateTemplateFactory, SignatoryFactory, issued
from tests.factories.producers import CHIANG_MAI_KHUN_KHONG, MembershipFactory, ProducerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(home_page):
    template = CertificateTemplateFactory()
    SignatoryFactory(template=template, name="นายสมศักดิ์ รักษ์ชุมชน", position="ผู้อำนวยการกอง")
    SignatoryFactory(
        template=template,
        name="นางสาวพรทิพย์ มั่นคง",
        position="ผู้อำนวยการสำนัก",
        signs_for_province=True,
        sort_order=1,
    )
    return template


def _typed_forms(code: str) -> list[str]:
    thai = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
    full_width = {ord(c): ord(c) + 0xFEE0 for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-"}
    return [
        code.lower().replace("-", ""),
        " " + code.replace("-", " ").lower() + " ",
        code.translate(thai),
        code.translate(full_width),
    ]


def test_a_number_typed_in_lower_case_without_dashes_or_in_thai_digits_finds_the_certificate(
    client, template
):
    cert = issued()
    for typed in _typed_forms(cert.code):
        page = client.get(reverse("certificates:verify", args=[typed]))
        assert page.status_code == 200, typed
        assert cert.holder_name in page.content.decode()
        data = client.get(reverse("certificates:verify", args=[typed]), {"format": "json"}).json()
        assert data["credentialSubject"]["name"] == cert.holder_name
        api = client.get(reverse("api:certificate", args=[typed]))
        assert api.status_code == 200, typed
        assert api.json()["credentialSubject"]["name"] == cert.holder_name
        form = client.get(reverse("certificates:verify_form"), {"code": typed})
        assert form.status_code == 302 and form["Location"].endswith(f"/verify/{cert.code}/")


def test_an_unknown_number_gets_a_thai_page_that_says_how_to_check_it(client, home_page):
    response = client.get("/certificates/verify/OTOP-2569-AAAA-BBBB/")
    body = response.content.decode()
    assert response.status_code == 404
    assert "ไม่พบเกียรติบัตรเลขที่ OTOP-2569-AAAA-BBBB" in body
    assert "ใต้คิวอาร์โค้ด" in body and "OTOP-2569-7KQ4-M2XD" in body
    assert f'action="{reverse("certificates:verify_form")}"' in body
    assert 'value="OTOP-2569-AAAA-BBBB"' in body
    data = client.get("/certificates/verify/OTOP-2569-AAAA-BBBB/", {"format": "json"})
    assert data.status_code == 404 and data.json()["found"] is False


def test_the_verify_page_puts_plain_words_first_and_folds_the_technical_details(client, template):
    cert = issued()
    body = client.get(cert.get_verify_url()).content.decode()
    technical = body.index("<details")
    assert "รายละเอียดทางเทคนิค" in body
    for plain in ("ใช้ได้", cert.holder_name, cert.course_title, template.issuer):
        assert body.index(plain) < technical, plain
    assert body.index(cert.sha256) > technical
    assert body.index("Open Badges") > technical


def _pdf_text(cert) -> str:
    return subprocess.run(
        ["pdftotext", cert.pdf.path, "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_chiang_mai_trainee_is_signed_for_by_the_chiang_mai_officer(template):
    ProvincialSignatory.objects.create(
        province_code="50", name="นายประเสริฐ วงศ์ล้านนา", position="พัฒนาการจังหวัดเชียงใหม่"
    )
    ProvincialSignatory.objects.create(
        province_code="51", name="นางวิไลวรรณ ศรีสุข", position="พัฒนาการจังหวัดลำพูน"
    )
    trainee = TraineeFactory()
    producer = ProducerFactory(subdistrict_code=CHIANG_MAI_KHUN_KHONG)
    MembershipFactory(user=trainee, producer=producer)
    text = _pdf_text(issued(user=trainee))
    assert "นายประเสริฐ วงศ์ล้านนา" in text and "พัฒนาการจังหวัดเชียงใหม่" in text
    assert "ลำพูน" not in text
    assert "นางสาวพรทิพย์ มั่นคง" not in text  # the template's default gives way
    assert "นายสมศักดิ์ รักษ์ชุมชน" in text  # the other signatory stays


def test_without_an_officer_for_the_province_the_templates_signatory_signs(template):
    trainee = TraineeFactory()
    MembershipFactory(
        user=trainee, producer=ProducerFactory(subdistrict_code=CHIANG_MAI_KHUN_KHONG)
    )
    text = _pdf_text(issued(user=trainee))
    assert "นางสาวพรทิพย์ มั่นคง" in text
