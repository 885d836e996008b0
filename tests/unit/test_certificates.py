"""Issuing, rendering, verifying, revoking and reissuing certificates."""

import json
import re
import subprocess
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certificates import rendering, services
from certificates.models import Certificate, CertificateTemplate
from core.thai_dates import thai_date
from producers.models import Membership
from tests.factories.accounts import TraineeFactory
from tests.factories.certificates import (
    CertificateTemplateFactory,
    SignatoryFactory,
    completed_enrolment,
    issued,
)
from tests.factories.producers import MembershipFactory, ProducerFactory, national_coordinator

pytestmark = pytest.mark.django_db


@pytest.fixture
def template(home_page):
    template = CertificateTemplateFactory()
    SignatoryFactory(template=template)
    return template


def pdf_text(cert: Certificate) -> str:
    with cert.pdf.open("rb") as fh:
        return "\n".join(page.extract_text() for page in PdfReader(fh).pages)


def test_code_is_the_buddhist_year_and_eight_crockford_characters():
    codes = {services.new_code() for _ in range(200)}
    year = timezone.localdate().year + 543
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(rf"OTOP-{year}-[0-9A-HJKMNP-TV-Z]{{4}}-[0-9A-HJKMNP-TV-Z]{{4}}", code)


def test_completing_a_course_issues_one_valid_certificate_with_the_snapshot(
    template, django_capture_on_commit_callbacks
):
    trainee = TraineeFactory(
        first_name="ประไพ", last_name="แก้วมณี", first_name_en="Prapai", last_name_en="Kaewmanee"
    )
    producer = ProducerFactory(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง", registration_number="5101-00077")
    MembershipFactory(user=trainee, producer=producer, role=Membership.Role.MEMBER)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = completed_enrolment(trainee)
    cert = Certificate.objects.get(enrolment=enrolment)
    assert cert.status == Certificate.Status.VALID
    assert cert.holder_name == "นางสาวประไพ แก้วมณี"
    assert cert.holder_name_en == "Miss Prapai Kaewmanee"
    assert cert.producer_name == "กลุ่มทอผ้าไหมยกดอกบ้านกลาง"
    assert cert.producer_registration_number == "5101-00077"
    assert cert.template == template and cert.template_version == template.version
    assert cert.issued_at and cert.pdf and len(cert.sha256) == 64


def test_the_home_producer_is_printed_even_when_a_later_one_is_owned(template):
    """The producer on the certificate is where the trainee belongs (learning.placement), so the
    certificate is seen by that province's coordinator."""
    import datetime as dt

    trainee = TraineeFactory()
    home = ProducerFactory(name="กลุ่มลำไยอบแห้งเหมืองง่า")
    MembershipFactory(user=trainee, producer=home)
    owned = ProducerFactory(name="วิสาหกิจชุมชนน้ำพริกแม่บุญ")
    MembershipFactory(
        user=trainee,
        producer=owned,
        role=Membership.Role.OWNER,
        confirmed_at=dt.datetime(2026, 9, 1, tzinfo=dt.UTC),
    )
    cert = issued(trainee)
    assert cert.producer == home


def test_an_unconfirmed_membership_is_not_printed(template):
    trainee = TraineeFactory()
    MembershipFactory(user=trainee, status=Membership.Status.REQUESTED)
    cert = issued(trainee)
    assert cert.producer is None and cert.producer_name == ""


def test_issuing_twice_gives_the_same_certificate(template):
    cert = issued()
    again = services.issue_certificate(cert.enrolment_id)
    assert again.pk == cert.pk
    assert Certificate.objects.filter(enrolment=cert.enrolment).count() == 1


def test_the_database_refuses_a_second_active_certificate(template):
    cert = issued()
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            enrolment=cert.enrolment,
            code="OTOP-2569-DUPL-1CAT",
            holder_name=cert.holder_name,
            course_title=cert.course_title,
            completed_on=cert.completed_on,
        )


def test_an_incomplete_enrolment_gets_no_certificate(template):
    from tests.factories.courses import make_course
    from tests.factories.learning import enrolled

    enrolment = enrolled(make_course(lessons=2, modules=1))
    assert services.issue_certificate(enrolment.pk) is None
    assert not Certificate.objects.exists()


def test_pdf_contains_the_thai_name_as_typed_and_the_buddhist_era_date(template):
    trainee = TraineeFactory(first_name="คำแก้ว", last_name="บุญมา")
    cert = issued(trainee)
    text = pdf_text(cert)
    assert "นางสาวคำแก้ว บุญมา" in text
    assert thai_date(cert.completed_on) in text
    assert str(cert.completed_on.year + 543) in text
    assert cert.code in text
    pdftotext = subprocess.run(
        ["pdftotext", cert.pdf.path, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "นางสาวคำแก้ว บุญมา" in pdftotext and thai_date(cert.completed_on) in pdftotext


def test_the_visible_text_copies_out_of_the_pdf_as_typed(template):
    """SARA AM (ำ) and tone marks copy as typed, from the printed words themselves: "ลำพูน" once, not
    "ลาพูน" beside an invisible copy."""
    data = rendering.sample_data(template)
    data.holder_name = "นางน้ำฝน คำแก้ว"
    data.course_title = "การทำน้ำพริกลำไยและข้าวแต๋นค่ำคืน"
    data.producer_name = "กลุ่มแม่บ้านตำบลทาปลาดุก ลำพูน"
    pdf = rendering.render_pdf(template, data)
    text = subprocess.run(
        ["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    for typed in ("นางน้ำฝน คำแก้ว", "การทำน้ำพริกลำไยและข้าวแต๋นค่ำคืน", "ตำบลทาปลาดุก ลำพูน"):
        assert text.count(typed) == 1, (typed, text)
    assert "ลาพูน" not in text and "นาฝน" not in text


def test_pdf_qr_code_decodes_to_the_verification_url(template, tmp_path, settings):
    cert = issued()
    pdf = tmp_path / "cert.pdf"
    pdf.write_bytes(cert.pdf.read())
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", str(pdf), str(tmp_path / "cert")],
        check=True,
    )
    result = subprocess.run(
        ["zbarimg", "--quiet", str(tmp_path / "cert.png")], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert result.stdout.strip() == f"QR-Code:{settings.SITE_URL}/certificates/verify/{cert.code}/"


def test_the_stored_sha256_is_the_file_digest(template):
    import hashlib

    cert = issued()
    assert hashlib.sha256(cert.pdf.read()).hexdigest() == cert.sha256


def test_rendering_fetches_nothing_outside_the_site():
    fetcher = rendering.SiteOnlyFetcher()
    for url in (
        "https://example.com/logo.png",
        "http://127.0.0.1:8000/media/x.png",
        "file:///etc/passwd",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)
    assert fetcher.fetch("data:text/plain;base64,QQ==").read() == b"A"
    assert fetcher.fetch(rendering.FONT_REGULAR.as_uri()).read(4)


def test_a_pending_certificate_left_by_a_stopped_worker_is_rendered_by_the_sweep(template):
    enrolment = completed_enrolment()
    stale = services._create(enrolment)  # what a worker killed mid-render leaves behind
    Certificate.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - timedelta(minutes=30)
    )
    assert services.sweep() == {"missing": 0, "stale": 1}
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    stale.refresh_from_db()
    assert stale.status == Certificate.Status.VALID and stale.pdf


def test_the_sweep_issues_for_a_completed_enrolment_whose_message_was_lost(template):
    enrolment = completed_enrolment()  # no on_commit callbacks ran: the task was never sent
    assert not Certificate.objects.exists()
    assert services.sweep()["missing"] == 1
    assert Certificate.objects.get(enrolment=enrolment).status == Certificate.Status.VALID
    assert services.sweep() == {"missing": 0, "stale": 0}


def test_rendering_twice_stores_one_file(template):
    enrolment = completed_enrolment()
    cert = services._create(enrolment)
    assert services.render_certificate(cert.pk) is True
    assert services.render_certificate(cert.pk) is False
    assert len(default_storage.listdir(f"certificates/{timezone.localdate().year}")[1]) == 1


def test_a_revoked_certificate_is_not_issued_again_by_the_sweep(template):
    cert = issued()
    cert.revoke("ส่งผลงานไม่ครบ", by=national_coordinator())
    services.sweep()
    assert list(Certificate.objects.values_list("status", flat=True)) == ["revoked"]


# ---------------------------------------------------------------- verification
def test_verify_page_shows_a_valid_certificate_in_thai(client, template):
    cert = issued()
    response = client.get(cert.get_verify_url(), HTTP_ACCEPT_LANGUAGE="th")
    body = response.content.decode()
    assert response.status_code == 200
    assert "ใช้ได้" in body and cert.holder_name in body and thai_date(cert.completed_on) in body
    assert cert.sha256 in body


def test_verify_page_in_english_shows_the_common_era_date(client, template):
    cert = issued()
    client.cookies["django_language"] = "en"
    body = client.get(cert.get_verify_url()).content.decode()
    assert "Valid" in body and str(cert.completed_on.year) in body


def test_revoked_certificate_says_so_with_date_and_reason(client, template):
    cert = issued()
    services.revoke(cert, "พบว่าผู้เข้าอบรมใช้ชื่อผู้อื่น", by=national_coordinator())
    body = client.get(cert.get_verify_url()).content.decode()
    assert "เพิกถอน" in body and "พบว่าผู้เข้าอบรมใช้ชื่อผู้อื่น" in body
    assert thai_date(cert.revoked_at) in body
    data = client.get(cert.get_verify_url() + "?format=json").json()
    assert data["credentialStatus"]["status"] == "revoked"
    assert data["credentialStatus"]["reason"] == "พบว่าผู้เข้าอบรมใช้ชื่อผู้อื่น"


def test_reissue_makes_a_new_version_and_the_old_page_links_to_it(client, template):
    cert = issued()
    new = services.reissue(cert, by=national_coordinator())
    cert.refresh_from_db()
    assert cert.status == Certificate.Status.REPLACED and cert.replaced_by == new
    assert new.status == Certificate.Status.VALID and new.version == 2 and new.code != cert.code
    assert new.sha256 and new.pdf.name != cert.pdf.name
    body = client.get(cert.get_verify_url()).content.decode()
    assert new.get_verify_url() in body
    client.cookies["django_language"] = "en"
    body_en = client.get(cert.get_verify_url()).content.decode()
    assert "Replaced" in body_en and new.code in body_en
    data = client.get(cert.get_verify_url(), HTTP_ACCEPT="application/json").json()
    assert data["credentialStatus"]["replacedBy"].endswith(new.get_verify_url())


def test_verify_json_maps_onto_open_badges(client, template):
    cert = issued()
    response = client.get(cert.get_verify_url() + "?format=json")
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert data["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert data["id"].endswith(f"/certificates/verify/{cert.code}/")
    assert data["credentialSubject"]["name"] == cert.holder_name
    assert data["credentialSubject"]["achievement"]["name"] == cert.course_title
    assert data["credentialStatus"]["status"] == "valid"
    assert data["otop"]["pdfSha256"] == cert.sha256


def test_unknown_code_answers_404(client, home_page):
    assert client.get("/certificates/verify/OTOP-2569-AAAA-BBBB/").status_code == 404


def test_verification_is_rate_limited_per_address(client, template, settings, monkeypatch):
    # One fixed window for the whole test: 31 requests on a busy machine may straddle a minute.
    monkeypatch.setattr("core.rate_limits.time.time", lambda: 1_780_000_000.0)
    cert = issued()
    statuses = [client.get(cert.get_verify_url()).status_code for _ in range(31)]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429
    assert client.get("/certificates/verify/OTOP-2569-AAAA-BBBB/").status_code == 429


def test_the_verify_form_redirects_to_the_code(client, home_page):
    response = client.get(reverse("certificates:verify_form"), {"code": " otop-2569-aaaa-bbbb "})
    assert response.status_code == 302 and response.url.endswith("/verify/OTOP-2569-AAAA-BBBB/")
    assert client.get(reverse("certificates:verify_form")).status_code == 200


# ---------------------------------------------------------------- downloads
def test_the_holder_downloads_the_stored_file(client, template):
    cert = issued()
    client.force_login(cert.enrolment.user)
    response = client.get(cert.get_download_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == cert.pdf.open("rb").read()


def test_the_holder_of_a_revoked_certificate_gets_a_copy_stamped_revoked(client, template):
    import io

    cert = issued()
    services.revoke(cert, "ข้อมูลผู้อบรมไม่ถูกต้อง")
    client.force_login(cert.enrolment.user)
    response = client.get(cert.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    body = response.content
    assert body != cert.pdf.open("rb").read()
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert "REVOKED" in text
    assert "ข้อมูลผู้อบรมไม่ถูกต้อง" in text
    assert cert.code in text  # the certificate itself is still under the stamp


def test_another_trainee_gets_404_for_a_download(client, template):
    cert = issued()
    client.force_login(TraineeFactory())
    assert client.get(cert.get_download_url()).status_code == 404
    client.logout()
    assert client.get(cert.get_download_url()).status_code == 404


def test_a_coordinator_may_download(client, template):
    cert = issued()
    client.force_login(national_coordinator())
    assert client.get(cert.get_download_url()).status_code == 200


def test_dashboard_shows_the_download_link(client, template):
    cert = issued()
    client.force_login(cert.enrolment.user)
    body = client.get(reverse("learning:dashboard")).content.decode()
    assert cert.get_download_url() in body and cert.code in body


# ---------------------------------------------------------------- templates and admin
def test_saving_a_template_increments_its_version(template):
    first = template.version
    template.body = "ผ่านการอบรมหลักสูตร {course} เมื่อวันที่ {date}"
    template.save()
    assert template.version == first + 1


def test_only_one_template_is_the_default(template):
    other = CertificateTemplateFactory(is_default=True)
    template.refresh_from_db()
    assert other.is_default and not template.is_default


@pytest.mark.parametrize(
    "body, named",
    [
        ("ผ่านการอบรม {course", "{{"),
        ("ผ่านการอบรม {0}", "{0}"),
        ("{name:>100000000}", "{name:>100000000}"),
        ("{}", "{}"),
        ("{name.__class__}", "{name.__class__}"),
        ("{course!r}", "{course!r}"),
        ("{หลักสูตร}", "{หลักสูตร}"),
    ],
)
def test_a_template_body_with_an_unknown_placeholder_is_refused_naming_it(
    client, template, body, named
):
    client.force_login(national_coordinator())
    url = reverse("wagtailsnippets_certificates_certificatetemplate:edit", args=[template.pk])
    form = client.get(url).context["form"]
    data = {**form.initial, "body": body}
    data = {k: ("" if v is None else v) for k, v in data.items() if not isinstance(v, list)}
    for prefix in ("signatories",):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "3",
            }
        )
    data["show_english"] = "on"
    response = client.post(url, data)
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get("body", []))
    assert named in errors
    template.refresh_from_db()
    assert template.body != body


def test_a_known_body_with_literal_braces_is_accepted():
    from certificates.models import body_errors

    assert body_errors("{name} ผ่าน {course} เมื่อ {date} {{OTOP}} {code}") == []


def test_a_certificate_that_cannot_render_is_failed_with_its_reason_and_not_retried(template):
    CertificateTemplate.objects.filter(pk=template.pk).update(body="ผ่านการอบรม {0}")
    enrolment = completed_enrolment()
    assert services.issue_certificate(enrolment.pk) is None
    cert = Certificate.objects.get(enrolment=enrolment)
    assert cert.status == Certificate.Status.FAILED
    assert "{0}" in cert.failure_reason
    Certificate.objects.filter(pk=cert.pk).update(created_at=timezone.now() - timedelta(hours=1))
    assert services.sweep() == {"missing": 0, "stale": 0}
    # The coordinator corrects the template and reissues: a valid certificate replaces it.
    CertificateTemplate.objects.filter(pk=template.pk).update(body="ผ่านการอบรม {course}")
    new = services.reissue(cert)
    assert new.status == Certificate.Status.VALID


def test_a_coordinator_sees_why_a_certificate_failed(client, template):
    CertificateTemplate.objects.filter(pk=template.pk).update(body="ผ่านการอบรม {หลักสูตร.ชื่อ}")
    enrolment = completed_enrolment()
    services.issue_certificate(enrolment.pk)
    cert = Certificate.objects.get(enrolment=enrolment)
    client.force_login(national_coordinator())
    listing = client.get(reverse("certificates_certificate:index")).content.decode()
    assert cert.code in listing and "ออกไม่สำเร็จ" in listing  # "could not be made"
    page = client.get(reverse("certificates_certificate:edit", args=[cert.pk])).content.decode()
    assert "{หลักสูตร.ชื่อ}" in page


def test_the_preview_of_a_broken_template_says_why_instead_of_a_500(client, template):
    CertificateTemplate.objects.filter(pk=template.pk).update(body="{course")
    client.force_login(national_coordinator())
    response = client.get(reverse("certificates_admin:template_preview", args=[template.pk]))
    assert response.status_code == 302
    follow = client.get(response["Location"])
    assert "วงเล็บปีกกา" in follow.content.decode()  # "... a brace that is not closed ..."


def test_template_preview_is_a_pdf_for_coordinators(client, template):
    url = reverse("certificates_admin:template_preview", args=[template.pk])
    client.force_login(national_coordinator())
    response = client.get(url)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    client.force_login(TraineeFactory())
    assert client.get(url).status_code in (302, 403)


def test_coordinator_revokes_from_the_admin_with_a_reason(client, template):
    cert = issued()
    client.force_login(national_coordinator())
    url = reverse("certificates_admin:revoke", args=[cert.pk])
    assert client.post(url, {"reason": ""}).status_code == 200
    response = client.post(url, {"reason": "ออกให้ผิดคน"})
    assert response.status_code == 302
    cert.refresh_from_db()
    assert cert.status == Certificate.Status.REVOKED and cert.revoke_reason == "ออกให้ผิดคน"


def test_bulk_reissue_replaces_every_valid_certificate_of_the_course(template):
    from tests.factories.courses import make_course

    course = make_course(lessons=1, modules=1)
    certs = [issued(course=course) for _ in range(3)]
    bulk = services.start_bulk_reissue(course.pk, "แก้ไขชื่อหน่วยงานในแม่แบบ")
    bulk = services.run_bulk_reissue(bulk.pk, batch_size=2)
    assert (bulk.status, bulk.progress_total, bulk.reissued, bulk.failed) == ("done", 3, 3, 0)
    for cert in certs:
        cert.refresh_from_db()
        assert cert.status == Certificate.Status.REPLACED
        assert cert.replaced_by.status == Certificate.Status.VALID
        assert cert.replaced_by.sha256


def test_a_provincial_coordinator_sees_and_downloads_only_certificates_of_their_provinces(
    client, home_page
):
    from certificates.models import Certificate
    from tests.factories.producers import MembershipFactory, ProducerFactory, provincial_coordinator

    lamphun = ProducerFactory()  # a Lamphun producer (province 51)
    trainee = TraineeFactory()
    MembershipFactory(user=trainee, producer=lamphun)
    cert = issued(user=trainee)
    assert Certificate.objects.get(pk=cert.pk).producer_id == lamphun.pk
    chiang_mai = provincial_coordinator("50")
    client.force_login(chiang_mai)
    assert client.get(reverse("certificates:download", args=[cert.code])).status_code == 404
    listing = client.get(reverse("certificates_certificate:index"))
    assert cert.code not in listing.content.decode()
    client.force_login(provincial_coordinator("51"))
    assert client.get(reverse("certificates:download", args=[cert.code])).status_code == 200
    assert cert.code in client.get(reverse("certificates_certificate:index")).content.decode()


def test_the_check_box_takes_a_number_or_the_whole_qr_address_and_refuses_anything_else(
    client, template
):
    cert = issued()
    by_address = client.get(
        reverse("certificates:verify_form"),
        {"code": f"https://x.example/certificates/verify/{cert.code.lower()}/"},
    )
    assert by_address.status_code == 302 and by_address["Location"].endswith(
        f"/verify/{cert.code}/"
    )
    nonsense = client.get(reverse("certificates:verify_form"), {"code": "a/b?c"})
    assert nonsense.status_code == 400 and "OTOP-2569-7KQ4-M2XD" in nonsense.content.decode()


def test_the_credential_links_to_the_course_page(client, template):
    cert = issued()
    data = client.get(reverse("certificates:verify", args=[cert.code]), {"format": "json"}).json()
    achievement_url = data["credentialSubject"]["achievement"]["id"]
    path = achievement_url.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200


def test_bulk_reissue_goes_out_as_one_chunk_task_per_batch(template, monkeypatch):
    from tests.factories.courses import make_course

    course = make_course(lessons=1, modules=1)
    for _ in range(5):
        issued(course=course)
    chunks = []
    real_chunk = services.reissue_chunk
    monkeypatch.setattr(
        services,
        "reissue_chunk",
        lambda bulk_id, ids: chunks.append(ids) or real_chunk(bulk_id, ids),
    )
    bulk = services.start_bulk_reissue(course.pk, "แก้ไขตำแหน่งผู้ลงนาม")
    bulk = services.run_bulk_reissue(bulk.pk, batch_size=2)
    bulk.refresh_from_db()
    assert [len(ids) for ids in chunks] == [2, 2, 1]
    assert (bulk.status, bulk.progress_total, bulk.reissued, bulk.failed) == ("done", 5, 5, 0)


def test_a_retried_chunk_renders_what_is_pending_and_counts_nothing_twice(template):
    from certificates.models import BulkReissue
    from tests.factories.courses import make_course

    course = make_course(lessons=1, modules=1)
    certs = [issued(course=course) for _ in range(2)]
    bulk = services.start_bulk_reissue(course.pk, "แก้ไขชื่อหน่วยงาน")
    bulk = services.run_bulk_reissue(bulk.pk)
    assert (bulk.status, bulk.reissued) == ("done", 2)

    # A worker was lost after replacing one certificate but before rendering it; the task runs again.
    successor = Certificate.objects.get(replaces=certs[0])
    Certificate.objects.filter(pk=successor.pk).update(status=Certificate.Status.PENDING)
    BulkReissue.objects.filter(pk=bulk.pk).update(
        status=BulkReissue.Status.RUNNING, progress_done=1
    )
    services.reissue_chunk(bulk.pk, [c.pk for c in certs])

    bulk.refresh_from_db()
    successor.refresh_from_db()
    assert successor.status == Certificate.Status.VALID
    assert (bulk.status, bulk.progress_total, bulk.reissued, bulk.failed) == ("done", 2, 2, 0)
    assert Certificate.objects.filter(enrolment__course=course).count() == 4


def test_signatures_are_embedded_as_jpeg_that_the_pdf_carries_as_it_is(template):
    from io import BytesIO

    from PIL import Image

    signature = BytesIO()
    Image.new("RGBA", (300, 90), (20, 40, 120, 200)).save(signature, "PNG")
    jpeg = rendering.as_jpeg(signature.getvalue())
    assert jpeg[:3] == b"\xff\xd8\xff" and Image.open(BytesIO(jpeg)).mode == "RGB"

    from django.core.files.images import ImageFile
    from wagtail.images.models import Image as WagtailImage

    signatory = template.signatories.get()
    signatory.signature = WagtailImage.objects.create(
        title="ลายมือชื่อ", file=ImageFile(BytesIO(signature.getvalue()), name="signature.png")
    )
    signatory.save()
    assets = rendering.TemplateAssets(template)
    assert rendering._assets[assets.signatories[0]["image"]][1] == "image/jpeg"
    pdf = rendering.render_pdf(template, rendering.sample_data(template), assets)
    filters = [
        str(xobject.get("/Filter"))
        for page in PdfReader(BytesIO(pdf)).pages
        for xobject in page["/Resources"]["/XObject"].values()
        if xobject.get_object().get("/Subtype") == "/Image"
        for xobject in [xobject.get_object()]
    ]
    assert "/DCTDecode" in filters  # the signature, copied into the PDF without re-encoding


def test_the_qr_code_uses_one_fixed_mask():
    import segno

    url = "https://otop.example/certificates/verify/OTOP-2569-7KQ4-M2XD/"
    fixed = segno.make(url, error="m", mask=rendering.QR_MASK)
    assert fixed.mask == rendering.QR_MASK
    assert fixed.png_data_uri(scale=1, border=2) in rendering.qr_svg(url)


def test_renders_share_one_font_configuration_and_stylesheet(template):
    rendering.render_pdf(template, rendering.sample_data(template))
    first = rendering.shared_style()
    rendering.render_pdf(template, rendering.sample_data(template))
    second = rendering.shared_style()
    assert first[0] is second[0] and first[1] is second[1]


def test_coordinator_revokes_and_reissues_from_the_certificates_own_page(client, template):
    from bs4 import BeautifulSoup

    member = MembershipFactory(producer=ProducerFactory(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง"))
    cert = issued(user=member.user)
    client.force_login(national_coordinator())

    page = BeautifulSoup(
        client.get(reverse("certificates_certificate:edit", args=[cert.pk])).content, "html.parser"
    )
    header_links = {a.get_text(strip=True): a["href"] for a in page.select("a.w-header-button")}
    assert header_links["เพิกถอน"] == reverse("certificates_admin:revoke", args=[cert.pk])
    assert header_links["ออกใหม่"] == reverse("certificates_admin:reissue", args=[cert.pk])

    client.post(header_links["เพิกถอน"], {"reason": "ชื่อสะกดผิด ขอออกฉบับใหม่"})
    cert.refresh_from_db()
    assert cert.status == Certificate.Status.REVOKED
    after = BeautifulSoup(
        client.get(reverse("certificates_certificate:edit", args=[cert.pk])).content, "html.parser"
    )
    assert [a.get_text(strip=True) for a in after.select("a.w-header-button")][:1] == ["ออกใหม่"]


def test_certificates_list_shows_producer_province_and_a_buddhist_era_date(client, template):
    member = MembershipFactory(producer=ProducerFactory(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง"))
    cert = issued(user=member.user)
    client.force_login(national_coordinator())

    listing = client.get(reverse("certificates_certificate:index")).content.decode()

    assert "กลุ่มทอผ้าไหมยกดอกบ้านกลาง" in listing and "ลำพูน" in listing
    assert thai_date(cert.issued_at, short=True) in listing
    assert "otop-cert-status--valid" in listing


def test_the_service_refuses_to_revoke_a_certificate_that_is_not_valid(template):
    cert = issued()
    services.revoke(cert, "ออกให้ผิดคน")
    revoked_at = cert.revoked_at
    with pytest.raises(services.CertificateNotRevocable):
        services.revoke(cert, "เหตุผลใหม่")
    cert.refresh_from_db()
    assert (cert.revoke_reason, cert.revoked_at) == ("ออกให้ผิดคน", revoked_at)


def test_revoking_a_revoked_certificate_in_the_admin_says_why_and_changes_nothing(client, template):
    cert = issued()
    services.revoke(cert, "ออกให้ผิดคน")
    client.force_login(national_coordinator())

    response = client.post(
        reverse("certificates_admin:revoke", args=[cert.pk]), {"reason": "อีกครั้ง"}, follow=True
    )

    cert.refresh_from_db()
    assert cert.revoke_reason == "ออกให้ผิดคน"
    assert f"ใบรับรอง {cert.code} ไม่อยู่ในสถานะใช้ได้ จึงเพิกถอนไม่ได้" in response.content.decode()


@pytest.mark.parametrize("layout", list(CertificateTemplate.Layout))
def test_the_widest_certificate_number_is_printed_on_one_line(template, layout):
    """Some numbers (wide letters such as W and M) broke at a dash, so the printed number could not be
    read or typed as one."""
    import io

    template.layout = layout
    data = rendering.sample_data(template)
    data.code = "OTOP-2569-WWWW-WWWW"
    text = PdfReader(io.BytesIO(rendering.render_pdf(template, data))).pages[0].extract_text()
    assert data.code in text
