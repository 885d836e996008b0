"""Who belongs where (learning.placement): one rule for enrolment, memberships, reports, API, certificates.

A Lamphun coordinator must not pull a Chiang Mai trainee, a national coordinator or a staff account
into their sessions or producers, and the forms must answer them as they answer an unknown contact.
"""

import datetime

import pytest
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from accounts.models import User
from learning import placement
from learning.models import Cohort, Enrolment
from producers.models import Membership
from reports.selectors import scoped_enrolments
from tests.factories.accounts import TraineeFactory
from tests.factories.certificates import issued
from tests.factories.courses import make_course
from tests.factories.learning import enrolled
from tests.factories.producers import (
    CHIANG_MAI_KHUN_KHONG,
    MembershipFactory,
    ProducerFactory,
    national_coordinator,
    provincial_coordinator,
)

pytestmark = pytest.mark.django_db


def _lamphun_session(course):
    return Cohort.objects.create(
        course=course,
        name="รุ่นที่ 2 ลำพูน",
        district_code="5101",
        starts_on=datetime.date(2026, 12, 1),
        ends_on=datetime.date(2026, 12, 2),
    )


@pytest.fixture
def people(home_page):
    chiang_mai_trainee = TraineeFactory(phone="0851111111", first_name="เชียงดาว")
    MembershipFactory(
        user=chiang_mai_trainee, producer=ProducerFactory(subdistrict_code=CHIANG_MAI_KHUN_KHONG)
    )
    staff = TraineeFactory(phone="0852222222", is_staff=True)
    return {
        "lamphun_coordinator": provincial_coordinator("51"),
        "chiang_mai_trainee": chiang_mai_trainee,
        "national": national_coordinator(phone="0853333333"),
        "staff": staff,
        "unplaced": TraineeFactory(phone="0854444444", first_name="ไร้สังกัด"),
        "lamphun_trainee": MembershipFactory(producer=ProducerFactory()).user,
    }


def test_the_rule_places_by_earliest_confirmed_producer_else_first_session(people):
    course = make_course(lessons=1)
    assert placement.home_province_of(people["chiang_mai_trainee"]) == "50"
    assert placement.home_province_of(people["unplaced"]) is None
    services_enrolment = enrolled(course, people["unplaced"])
    Enrolment.objects.filter(pk=services_enrolment.pk).update(cohort=_lamphun_session(course))
    assert placement.home_province_of(people["unplaced"]) == "51"
    # A later confirmed membership in Lamphun does not move a Chiang Mai trainee.
    MembershipFactory(
        user=people["chiang_mai_trainee"],
        producer=ProducerFactory(),
        confirmed_at=datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC),
    )
    assert placement.home_province_of(people["chiang_mai_trainee"]) == "50"


def test_a_lamphun_coordinator_invites_rather_than_enrols_other_provinces_coordinators_or_staff(
    client, people
):
    cohort = _lamphun_session(make_course(lessons=1))
    client.force_login(people["lamphun_coordinator"])
    url = reverse("learning_admin:cohort_enrol", args=[cohort.pk])
    others = ["0851111111", "0853333333", "0852222222", "0859999999"]  # the last has no account
    response = client.post(url, {"identifiers": "\n".join(others)})
    result = response.context["result"]
    assert result.errors == [] and result.enrolled == 0
    # The same answer for an account out of reach and for no account at all.
    assert [(sent.contact, sent.label) for sent in result.invitations] == [
        (f"{phone[:3]}-XXX-{phone[-4:]}", "ส่งคำเชิญแล้ว") for phone in others
    ]
    assert not Enrolment.objects.exists()
    response = client.post(url, {"identifiers": "0854444444\n" + people["lamphun_trainee"].email})
    assert response.context["result"].errors == []
    assert Enrolment.objects.filter(cohort=cohort).count() == 2


def test_a_spreadsheet_row_of_another_province_is_invited_like_a_new_contact(client, people):
    from django.core.files.uploadedfile import SimpleUploadedFile

    cohort = _lamphun_session(make_course(lessons=1))
    client.force_login(people["lamphun_coordinator"])
    content = (
        "ชื่อ,นามสกุล,เบอร์โทรศัพท์\n"
        "ดาว,ดอย,0851111111\n"  # Chiang Mai's trainee
        ",,0853333333\n"  # a national coordinator
        "ใหม่,ลำพูน,0860000000\n"  # nobody's phone
        ",,0854444444\n"  # the unplaced trainee: enrolled at once
    )
    upload = SimpleUploadedFile("t.csv", content.encode("utf-8"), content_type="text/csv")
    response = client.post(
        reverse("learning_admin:cohort_enrol", args=[cohort.pk]), {"upload": upload}
    )
    result = response.context["result"]
    assert result.errors == [] and result.enrolled == 1
    assert len(result.invitations) == 3 and {s.label for s in result.invitations} == {"ส่งคำเชิญแล้ว"}
    assert Enrolment.objects.get().user == people["unplaced"]
    assert not User.objects.filter(phone="0860000000").exists()


def test_a_national_coordinator_still_cannot_enrol_staff(client, people):
    cohort = _lamphun_session(make_course(lessons=1))
    client.force_login(people["national"])
    response = client.post(
        reverse("learning_admin:cohort_enrol", args=[cohort.pk]),
        {"identifiers": "0852222222\n0851111111"},
    )
    result = response.context["result"]
    assert result.enrolled == 1 and len(result.invitations) == 1  # staff: an invitation only
    assert Enrolment.objects.get().user == people["chiang_mai_trainee"]


def _add_membership(client, trainee_contact, producer):
    return client.post(
        reverse("producer_memberships:add"),
        {"user": trainee_contact, "producer": producer.pk, "role": "member", "status": "confirmed"},
    )


def test_a_coordinator_cannot_add_another_provinces_trainee_to_their_producer(client, people):
    lamphun = ProducerFactory()
    client.force_login(people["lamphun_coordinator"])
    answers = set()
    for contact in ("0851111111", "0853333333", "0852222222", "0859999999"):  # last: no account
        response = _add_membership(client, contact, lamphun)
        assert response.status_code == 200
        answers.add(tuple(response.context["form"].errors["user"]))
    assert len(answers) == 1  # the same answer as for a contact with no account
    assert not Membership.objects.filter(producer=lamphun).exists()
    response = _add_membership(client, "0854444444", lamphun)
    assert response.status_code == 302
    assert Membership.objects.get(producer=lamphun).user == people["unplaced"]


def test_reports_api_and_progress_agree_on_who_is_in_lamphun(client, people):
    course = make_course(lessons=1)
    cohort = _lamphun_session(course)
    # The national coordinator enrols a Chiang Mai trainee in a Lamphun session: still Chiang Mai's.
    for trainee in (people["chiang_mai_trainee"], people["lamphun_trainee"], people["unplaced"]):
        enrolment = enrolled(course, trainee)
        Enrolment.objects.filter(pk=enrolment.pk).update(cohort=cohort)
    coordinator = people["lamphun_coordinator"]
    expected = {people["lamphun_trainee"].pk, people["unplaced"].pk}
    assert set(scoped_enrolments(coordinator).values_list("user_id", flat=True)) == expected
    client.force_login(coordinator)
    progress = client.get(reverse("learning_admin:course_progress", args=[course.pk]))
    assert progress.context["summary"]["enrolled"] == 2
    assert "เชียงดาว" not in progress.content.decode()
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=coordinator).key}")
    assert api.get("/api/v1/completion/").json()["results"][0]["enrolled"] == 2


def test_certificates_are_listed_under_the_producer_printed_on_them(people):
    chiang_mai_trainee = people["chiang_mai_trainee"]
    cert = issued(chiang_mai_trainee)
    assert cert.producer.province_code == "50"
    lamphun = ProducerFactory()
    # Later the trainee also becomes an owner in Lamphun: the certificate stays Chiang Mai's.
    MembershipFactory(
        user=chiang_mai_trainee,
        producer=lamphun,
        role=Membership.Role.OWNER,
        confirmed_at=datetime.datetime(2026, 10, 1, tzinfo=datetime.UTC),
    )
    api = APIClient()
    coordinator = people["lamphun_coordinator"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=coordinator).key}")
    listed = api.get(f"/api/v1/producers/{lamphun.pk}/certificates/").json()["results"]
    assert listed == []
    second = issued(chiang_mai_trainee)  # the owner role does not beat the earliest membership
    assert second.producer.province_code == "50"
