"""Admin screens of the trainee side: course progress for trainers, cohort enrolment for coordinators."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import User
from courses.services import grant_course_to_trainer
from learning import services
from learning.models import Cohort, Enrolment
from tests.factories.accounts import CoordinatorFactory, TraineeFactory, TrainerFactory
from tests.factories.courses import make_course
from tests.factories.learning import enrolled

pytestmark = pytest.mark.django_db


def test_a_trainer_sees_the_progress_of_their_own_course_only(client, home_page):
    mine, other = make_course(lessons=2), make_course(lessons=2)
    trainer = TrainerFactory()
    grant_course_to_trainer(mine, trainer)
    done = enrolled(mine)
    for lesson in mine.lessons():
        services.complete_lesson(done, lesson)
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
    client.force_login(CoordinatorFactory())
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


def test_a_good_file_creates_accounts_with_initial_passwords_and_enrols_them(client, home_page):
    course = make_course(lessons=1)
    cohort = _cohort(course)
    existing = TraineeFactory(phone="0822222222")
    client.force_login(CoordinatorFactory())
    content = (
        "title,first_name,last_name,phone,email\nนางสาว,ประไพ,ทองดี,081-333-4444,\n,,,0822222222,\n"
    )
    upload = SimpleUploadedFile("trainees.csv", content.encode("cp874"), content_type="text/csv")
    response = client.post(
        reverse("learning_admin:cohort_enrol", args=[cohort.pk]),
        {"upload": upload, "identifiers": existing.email},
    )
    result = response.context["result"]
    assert result.errors == []
    new = User.objects.get(phone="0813334444")
    assert new.get_full_name() == "นางสาวประไพ ทองดี"
    assert new.check_password(result.new_accounts[0].password)
    assert set(Enrolment.objects.filter(cohort=cohort).values_list("user_id", flat=True)) == {
        new.pk,
        existing.pk,
    }


def test_only_coordinators_enrol_a_cohort(client, home_page):
    cohort = _cohort(make_course(lessons=1))
    client.force_login(TrainerFactory())
    refused = client.get(reverse("learning_admin:cohort_enrol", args=[cohort.pk]))
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
