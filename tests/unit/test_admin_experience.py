"""What trainers and coordinators meet in the Wagtail admin: preview, order, words."""

import pytest

from courses.models import LessonPage
from tests.factories.accounts import UserFactory
from tests.factories.courses import make_course
from tests.factories.producers import CHIANG_MAI_KHUN_KHONG

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


def test_live_preview_may_be_framed_by_the_admin_but_the_public_page_may_not(
    client, rf, home_page, superuser
):
    course = make_course(lessons=2, modules=1)
    lesson = LessonPage.objects.descendant_of(course).first()
    request = rf.get(f"/admin/pages/{lesson.pk}/edit/preview/")
    request.user = superuser

    preview = lesson.make_preview_request(request)

    assert "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    public = client.get(course.url)
    assert "frame-ancestors 'none'" in public["Content-Security-Policy"]
    assert public["X-Frame-Options"] == "DENY"


def test_explorer_lists_a_course_in_course_order_not_by_last_update(client, home_page, superuser):
    course = make_course(lessons=3, modules=3)
    modules = list(course.get_children().order_by("path"))
    modules[0].specific.save_revision().publish()  # the first module is now the latest edited
    client.force_login(superuser)

    listing = client.get(f"/admin/pages/{course.pk}/").content.decode()

    positions = [listing.index(f"/admin/pages/{m.pk}/edit/") for m in modules]
    assert positions == sorted(positions)


def test_trainer_dashboard_lists_their_own_courses_with_trainees(client, home_page):
    from courses.services import grant_course_to_trainer
    from tests.factories.accounts import TrainerFactory
    from tests.factories.learning import enrolled

    mine = make_course(lessons=1, modules=1, title="การทำบัญชีครัวเรือนสำหรับกลุ่มอาชีพ")
    make_course(lessons=1, modules=1, title="การถนอมอาหารแปรรูป")
    trainer = TrainerFactory()
    grant_course_to_trainer(mine, trainer)
    enrolled(mine)
    enrolled(mine)
    client.force_login(trainer)

    page = client.get("/admin/").content.decode()

    assert "หลักสูตรของฉัน" in page
    assert "การทำบัญชีครัวเรือนสำหรับกลุ่มอาชีพ" in page
    assert "การถนอมอาหารแปรรูป" not in page
    assert f"/admin/learning/progress/{mine.pk}/" in page
    assert "<td>2</td>" in page


def test_coordinator_dashboard_counts_join_requests_in_their_provinces_only(client, home_page):
    from tests.factories.producers import (
        ProducerFactory,
        RequestedMembershipFactory,
        provincial_coordinator,
    )

    lamphun = ProducerFactory()
    chiang_mai = ProducerFactory(
        registration_number="5001-00001", subdistrict_code=CHIANG_MAI_KHUN_KHONG
    )
    RequestedMembershipFactory(producer=lamphun)
    RequestedMembershipFactory(producer=lamphun)
    RequestedMembershipFactory(producer=chiang_mai)
    client.force_login(provincial_coordinator("51"))

    page = client.get("/admin/").content.decode()

    assert "คำขอเข้าร่วมกลุ่มผู้ผลิตรอยืนยัน 2 รายการ" in page
    assert "/admin/producers/memberships/?status=requested" in page


def test_lesson_body_tells_the_trainer_what_the_plus_button_adds(client, home_page, superuser):
    course = make_course(lessons=1, modules=1)
    lesson = LessonPage.objects.descendant_of(course).first()
    client.force_login(superuser)

    page = client.get(f"/admin/pages/{lesson.pk}/edit/").content.decode()

    assert "กด + เพื่อเพิ่มเนื้อหาของบทเรียนทีละส่วน" in page


def test_signature_images_are_hidden_from_trainers_but_not_coordinators(client, home_page):
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    from core.collections import COURSE_MEDIA, SIGNATURES, collection_named
    from tests.factories.accounts import CoordinatorFactory, TrainerFactory

    def image(title, collection):
        buffer = __import__("io").BytesIO()
        PILImage.new("RGB", (8, 8), "white").save(buffer, "PNG")
        return Image.objects.create(
            title=title, file=ImageFile(buffer, name="x.png"), collection=collection
        )

    image("ภาพผ้าไหมยกดอก", collection_named(COURSE_MEDIA))
    image("ลายมือชื่อนายอำเภอ", collection_named(SIGNATURES))

    client.force_login(TrainerFactory())  # a trainer picks lesson pictures from the chooser
    seen = client.get("/admin/images/chooser/").json()["html"]
    assert "ภาพผ้าไหมยกดอก" in seen
    assert "ลายมือชื่อนายอำเภอ" not in seen

    client.force_login(CoordinatorFactory())  # who picks signatures for certificate templates
    seen = client.get("/admin/images/chooser/").json()["html"]
    assert "ภาพผ้าไหมยกดอก" in seen and "ลายมือชื่อนายอำเภอ" in seen


def test_completion_report_fits_a_laptop_and_shows_its_downloads(client, home_page):
    from bs4 import BeautifulSoup

    from tests.factories.learning import enrolled
    from tests.factories.producers import national_coordinator

    enrolled(make_course(lessons=1, modules=1, title="การพัฒนาผลิตภัณฑ์ผ้าทอพื้นเมือง"))
    client.force_login(national_coordinator())

    soup = BeautifulSoup(client.get("/admin/otop-reports/completion/").content, "html.parser")

    headers = [th.get_text(strip=True) for th in soup.select("table.listing thead th")]
    assert len([h for h in headers if h]) <= 6
    header = soup.select_one("header")
    visible = [a.get_text(strip=True) for a in header.select("a.w-header-button")]
    assert "ดาวน์โหลด XLSX" in " ".join(visible) and "ดาวน์โหลด CSV" in " ".join(visible)


def test_preview_shows_staff_the_answer_key_and_trainees_never_get_it(client, home_page):
    from courses.services import grant_course_to_trainer
    from tests.factories.accounts import TrainerFactory
    from tests.factories.learning import enrolled

    course = make_course(lessons=1, modules=1, quiz_in_lesson=0)
    lesson = LessonPage.objects.descendant_of(course).first()
    trainer = TrainerFactory()
    grant_course_to_trainer(course, trainer)
    client.force_login(trainer)

    key = client.get(f"/admin/pages/{lesson.pk}/view_draft/").content.decode()

    assert "คำตอบที่ถูก" in key and "ฉลากต้องบอกวันหมดอายุ" in key
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    trainee_page = client.get(lesson.url).content.decode()
    assert "quiz-answer-key" not in trainee_page and "คำตอบที่ถูก" not in trainee_page


def test_coordinator_dashboard_names_certificates_that_could_not_be_made(client, home_page):
    from certificates.models import Certificate
    from tests.factories.producers import MembershipFactory, provincial_coordinator
    from tests.factories.selection import certificate_for

    course = make_course(lessons=1, modules=1)
    member = MembershipFactory()  # a Lamphun producer
    certificate_for(member.user, course, status=Certificate.Status.FAILED, producer=member.producer)
    client.force_login(provincial_coordinator("51"))

    page = client.get("/admin/").content.decode()

    assert "เกียรติบัตรที่จัดทำไม่สำเร็จ 1 ฉบับ" in page
    client.force_login(provincial_coordinator("50"))
    assert "เกียรติบัตรที่จัดทำไม่สำเร็จ 0 ฉบับ" in client.get("/admin/").content.decode()
