"""Admin screens of the trainee side: course progress for trainers, cohort enrolment for coordinators."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from courses.services import grant_course_to_trainer
from learning.models import Cohort, Enrolment
from tests.factories.accounts import TraineeFactory, TrainerFactory
from tests.factories.courses import make_course
from tests.factories.learning import enrolled, open_and_complete
from tests.factories.producers import national_coordinator

pytestmark = pytest.mark.django_db


def test_a_trainer_sees_the_progress_of_their_own_course_only(client, home_page):
    mine, other = make_course(lessons=2), make_course(lessons=2)
    trainer = TrainerFactory()
    grant_course_to_trainer(mine, trainer)
    done = enrolled(mine)
    for lesson in mine.lessons():
        open_and_complete(done, lesson)
    enrolled(mine)
    client.force_login(trainer)
    response = client.get(reverse("learning_admin:course_progress", args=[mine.pk]))
    assert response.status_code == 200
    assert response.context["summary"]["enrolled"] == 2
    assert response.context["summary"]["completed"] == 1
    refused = client.get(reverse("learning_admin:course_progress", args=[other.pk]))
    assert (
        refused.status_code == 302 and refused["Location"] == "/admin/"
    )  # Wagtail's "no permission"


def _cohort(course):
    return Cohort.objects.create(
        course=course,
        name="รุ่นที่ 1 ลำพูน",
        district_code="5101",
        starts_on=datetime.date(2026, 12, 1),
        ends_on=datetime.date(2026, 12, 2),
    )


def test_a_file_with_a_bad_row_imports_nothing_and_names_the_line(client, home_page):
    course = make_course(lessons=1)
    cohort = _cohort(course)
    client.force_login(national_coordinator())
    content = "คำนำหน้า,ชื่อ,นามสกุล,เบอร์โทรศัพท์,อีเมล\nนาง,บุญมา,แก้วใส,0811111111,\nนาย,สมศักดิ์,,12345,\n"
    upload = SimpleUploadedFile(
        "trainees.csv", content.encode("utf-8-sig"), content_type="text/csv"
    )
    response = client.post(
        reverse("learning_admin:cohort_enrol", args=[cohort.pk]), {"upload": upload}
    )
    assert response.status_code == 200
    errors = response.context["result"].errors
    assert [line for line, _message in errors] == [3]
    assert not User.objects.filter(phone="0811111111").exists()
    assert not Enrolment.objects.exists()


def test_a_good_file_invites_new_contacts_and_enrols_existing_trainees(client, home_page):
    from accounts import sms

    course = make_course(lessons=1)
    cohort = _cohort(course)
    existing = TraineeFactory(phone="0822222222")
    client.force_login(national_coordinator())
    content = (
        "title,first_name,last_name,phone,email\nนางสาว,ประไพ,ทองดี,081-333-4444,\n,,,0822222222,\n"
    )
    upload = SimpleUploadedFile("trainees.csv", content.encode("cp874"), content_type="text/csv")
    response = client.post(
        reverse("learning_admin:cohort_enrol", args=[cohort.pk]),
        {"upload": upload, "identifiers": existing.email},
    )
    result = response.context["result"]
    html = response.content.decode()
    # The account named by its email and, in the file, by its phone is enrolled once.
    assert result.errors == [] and result.enrolled == 1
    assert not User.objects.filter(phone="0813334444").exists()  # no account, no password
    invitation = cohort.invitations.get()
    assert (invitation.contact, invitation.title, invitation.first_name) == (
        "0813334444",
        "miss",
        "ประไพ",
    )
    assert [m.to for m in sms.outbox] == ["0813334444"]
    assert "รหัสผ่าน" not in html and "081-XXX-4444" in html
    assert list(Enrolment.objects.values_list("user_id", "cohort_id")) == [(existing.pk, cohort.pk)]


def test_only_coordinators_enrol_a_cohort(client, home_page):
    cohort = _cohort(make_course(lessons=1))
    client.force_login(TrainerFactory())
    refused = client.get(reverse("learning_admin:cohort_enrol", args=[cohort.pk]))
    assert refused.status_code == 302 and refused["Location"] == "/admin/"


def test_a_provincial_coordinator_sees_and_enrols_only_sessions_of_their_provinces(
    client, home_page
):
    from tests.factories.producers import provincial_coordinator

    course = make_course(lessons=1)
    chiang_mai = Cohort.objects.create(
        course=course,
        name="รุ่นเชียงใหม่",
        district_code="5001",
        starts_on=datetime.date(2026, 12, 1),
        ends_on=datetime.date(2026, 12, 2),
    )
    lamphun = _cohort(course)
    client.force_login(provincial_coordinator("51"))
    listing = client.get(reverse("learning_cohort:index")).content.decode()
    assert "รุ่นที่ 1 ลำพูน" in listing and "รุ่นเชียงใหม่" not in listing
    assert client.get(reverse("learning_cohort:edit", args=[chiang_mai.pk])).status_code == 404
    assert (
        client.get(reverse("learning_admin:cohort_enrol", args=[chiang_mai.pk])).status_code == 404
    )
    assert client.get(reverse("learning_admin:cohort_enrol", args=[lamphun.pk])).status_code == 200
    form = client.get(reverse("learning_cohort:add")).content.decode()
    assert 'value="5101"' in form and 'value="5001"' not in form


def test_course_progress_shows_a_provincial_coordinator_only_trainees_of_their_provinces(
    client, home_page
):
    from tests.factories.producers import MembershipFactory, ProducerFactory, provincial_coordinator

    course = make_course(lessons=1)
    lamphun_trainee = TraineeFactory(first_name="ลำดวน")
    MembershipFactory(user=lamphun_trainee, producer=ProducerFactory())
    enrolled(course, lamphun_trainee)
    enrolled(course, TraineeFactory(first_name="เชียงคำ"))  # no producer in Lamphun
    client.force_login(provincial_coordinator("51"))
    response = client.get(reverse("learning_admin:course_progress", args=[course.pk]))
    assert response.context["summary"]["enrolled"] == 1
    html = response.content.decode()
    assert "ลำดวน" in html and "เชียงคำ" not in html
