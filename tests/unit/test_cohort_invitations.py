"""Invitations to a training session: a coordinator learns nothing about contacts outside their reach.

A contact nobody has and a contact of an account in another province get the same invitation and
the same answer; the link lets its holder join, with their account or a new one, once.
"""

import datetime
import difflib
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import sms
from accounts.models import User
from learning.models import Cohort, CohortInvitation, Enrolment
from tests.factories.accounts import TraineeFactory
from tests.factories.courses import make_course
from tests.factories.producers import (
    CHIANG_MAI_KHUN_KHONG,
    MembershipFactory,
    ProducerFactory,
    provincial_coordinator,
)

pytestmark = pytest.mark.django_db

NOBODYS_PHONE = "0869999999"
CHIANG_MAI_PHONE = "0851111111"


@pytest.fixture
def session(home_page):
    return Cohort.objects.create(
        course=make_course(lessons=1),
        name="รุ่นที่ 3 ลำพูน",
        district_code="5101",
        starts_on=datetime.date(2026, 12, 1),
        ends_on=datetime.date(2026, 12, 2),
    )


@pytest.fixture
def chiang_mai_trainee(home_page):
    trainee = TraineeFactory(phone=CHIANG_MAI_PHONE, first_name="เชียงดาว")
    MembershipFactory(
        user=trainee, producer=ProducerFactory(subdistrict_code=CHIANG_MAI_KHUN_KHONG)
    )
    return trainee


@pytest.fixture
def lamphun(client):
    client.force_login(provincial_coordinator("51"))
    return client


def _upload(client, session, phone):
    content = f"คำนำหน้า,ชื่อ,นามสกุล,เบอร์โทรศัพท์\nนางสาว,ดาว,ดอย,{phone}\n"
    upload = SimpleUploadedFile("t.csv", content.encode("utf-8"), content_type="text/csv")
    return client.post(
        reverse("learning_admin:cohort_enrol", args=[session.pk]), {"upload": upload}
    )


def _masked(phone):
    return f"{phone[:3]}-XXX-{phone[-4:]}"


def _differences(first: str, second: str) -> list[str]:
    """The lines that differ between two pages, without per-request CSRF tokens and row ids."""
    pages = [
        re.sub(r'(csrfmiddlewaretoken" value=|"CSRF_TOKEN": )"[^"]+"|/invitations/\d+/', "", p)
        for p in (first, second)
    ]
    return [
        line
        for line in difflib.unified_diff(*(p.splitlines() for p in pages), lineterm="", n=0)
        if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]


def _link(message_body: str) -> str:
    return re.search(r"/learning/invitations/[\w-]+/", message_body).group(0)


def _invite(client, session, phone) -> str:
    _upload(client, session, phone)
    return _link(sms.outbox[-1].body)


def test_a_new_contact_and_an_out_of_scope_accounts_contact_get_the_same_answer(
    lamphun, session, chiang_mai_trainee
):
    pages = {}
    for phone in (NOBODYS_PHONE, CHIANG_MAI_PHONE):
        response = _upload(lamphun, session, phone)
        assert response.status_code == 200
        html = response.content.decode()
        assert _masked(phone) in html and phone not in html
        pages[phone] = html.replace(_masked(phone), "MASKED")
        CohortInvitation.objects.all().delete()  # each page then lists just its own invitation
    assert _differences(pages[NOBODYS_PHONE], pages[CHIANG_MAI_PHONE]) == []
    assert "ส่งคำเชิญแล้ว" in pages[NOBODYS_PHONE]
    assert [m.to for m in sms.outbox] == [NOBODYS_PHONE, CHIANG_MAI_PHONE]
    assert not User.objects.filter(phone=NOBODYS_PHONE).exists()
    assert not Enrolment.objects.exists()


def test_a_list_of_contacts_invites_both_kinds_alike_and_enrols_in_scope_trainees(
    lamphun, session, chiang_mai_trainee
):
    mine = TraineeFactory(phone="0854444444")  # unplaced: the coordinator may enrol them
    response = lamphun.post(
        reverse("learning_admin:cohort_enrol", args=[session.pk]),
        {"identifiers": f"{NOBODYS_PHONE}\n{CHIANG_MAI_PHONE}\n{mine.phone}\nnew@example.org"},
    )
    result = response.context["result"]
    assert result.errors == [] and result.enrolled == 1
    assert [sent.contact for sent in result.invitations] == [
        _masked(NOBODYS_PHONE),
        _masked(CHIANG_MAI_PHONE),
        "n***@example.org",
    ]
    assert {sent.label for sent in result.invitations} == {"ส่งคำเชิญแล้ว"}
    assert Enrolment.objects.get(cohort=session).user == mine
    [email] = mail.outbox
    assert email.to == ["new@example.org"] and "/learning/invitations/" in email.body


def test_a_new_person_accepts_creates_one_account_and_is_enrolled(client, lamphun, session):
    link = _invite(lamphun, session, NOBODYS_PHONE)
    lamphun.logout()
    page = client.get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert session.name in html and session.course.title in html and 'value="ดาว"' in html
    assert '<option value="miss" selected>' in html  # the row's title, not "choose"
    response = client.post(
        link,
        {
            "title": "miss",
            "first_name": "ดาว",
            "last_name": "ดอย",
            "password1": "ผ้าไหมลำพูน-2569",
            "password2": "ผ้าไหมลำพูน-2569",
            "accept_privacy": "on",
        },
    )
    assert response.status_code == 302
    new = User.objects.get(phone=NOBODYS_PHONE)
    assert User.objects.filter(first_name="ดาว").count() == 1
    assert Enrolment.objects.get(cohort=session).user == new
    assert new.privacy_consent_at is not None
    assert client.get(reverse("accounts:profile")).status_code == 200  # signed in


def test_the_out_of_scope_account_holder_accepts_and_is_enrolled(
    client, lamphun, session, chiang_mai_trainee
):
    link = _invite(lamphun, session, CHIANG_MAI_PHONE)
    lamphun.logout()
    client.force_login(chiang_mai_trainee)
    assert "เข้าร่วม" in client.get(link).content.decode()
    first = client.post(link)
    again = client.post(link)  # a double click
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"] == session.course.url
    assert Enrolment.objects.filter(cohort=session, user=chiang_mai_trainee).count() == 1


def test_the_signed_out_page_is_the_same_whether_or_not_the_contact_has_an_account(
    client, lamphun, session, chiang_mai_trainee
):
    links = {phone: _invite(lamphun, session, phone) for phone in (NOBODYS_PHONE, CHIANG_MAI_PHONE)}
    lamphun.logout()
    pages = {
        phone: client.get(link)
        .content.decode()
        .replace(_masked(phone), "MASKED")
        .replace(link, "LINK")
        .replace(link.replace("/", "%2F"), "LINK")
        for phone, link in links.items()
    }
    assert _differences(pages[NOBODYS_PHONE], pages[CHIANG_MAI_PHONE]) == []


def test_signing_up_with_a_contact_that_has_an_account_gives_the_neutral_answer(
    client, lamphun, session, chiang_mai_trainee
):
    link = _invite(lamphun, session, CHIANG_MAI_PHONE)
    lamphun.logout()
    response = client.post(
        link,
        {
            "title": "mr",
            "first_name": "ดาว",
            "last_name": "ดอย",
            "password1": "ผ้าไหมลำพูน-2569",
            "password2": "ผ้าไหมลำพูน-2569",
            "accept_privacy": "on",
        },
    )
    assert response.status_code == 200
    assert "หากคุณเคยสมัครไว้แล้ว โปรดเข้าสู่ระบบ" in response.content.decode()
    assert User.objects.filter(phone=CHIANG_MAI_PHONE).count() == 1
    assert not Enrolment.objects.exists()


def test_the_link_cannot_be_used_twice(client, lamphun, session, chiang_mai_trainee):
    link = _invite(lamphun, session, CHIANG_MAI_PHONE)
    lamphun.logout()
    client.force_login(chiang_mai_trainee)
    client.post(link)
    client.logout()
    client.force_login(TraineeFactory(phone=CHIANG_MAI_PHONE.replace("085", "086")))
    reused = client.get(link)
    assert reused.status_code == 404
    assert "ลิงก์คำเชิญนี้ใช้ไม่ได้" in reused.content.decode()
    client.logout()
    assert client.get(link).status_code == 404


def test_another_signed_in_account_cannot_accept_someone_elses_invitation(
    client, lamphun, session, chiang_mai_trainee
):
    link = _invite(lamphun, session, CHIANG_MAI_PHONE)
    lamphun.logout()
    other = TraineeFactory(phone="0854444444")
    client.force_login(other)
    page = client.get(link).content.decode()
    assert "เข้าร่วม</button>" not in page and "ออกจากระบบ" in page
    assert client.post(link).status_code == 200
    assert not Enrolment.objects.exists()
    assert CohortInvitation.objects.get().accepted_at is None


def test_an_unknown_or_expired_link_says_so_in_thai(client, lamphun, session):
    link = _invite(lamphun, session, NOBODYS_PHONE)
    assert client.get("/learning/invitations/not-a-token/").status_code == 404
    CohortInvitation.objects.update(expires_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC))
    expired = client.get(link)
    assert expired.status_code == 404 and "ลิงก์คำเชิญนี้ใช้ไม่ได้" in expired.content.decode()


def test_a_resend_makes_a_new_link_and_is_rate_limited_per_contact(
    lamphun, session, settings, client
):
    settings.COHORT_INVITATIONS_PER_CONTACT_PER_DAY = 2
    old = _invite(lamphun, session, NOBODYS_PHONE)
    invitation = CohortInvitation.objects.get()
    resend = reverse("learning_admin:cohort_invitation_resend", args=[session.pk, invitation.pk])
    lamphun.post(resend)
    new = _link(sms.outbox[-1].body)
    assert new != old and len(sms.outbox) == 2
    assert client.get(old).status_code == 404 and client.get(new).status_code == 200
    response = lamphun.post(resend, follow=True)
    assert len(sms.outbox) == 2  # over the limit: nothing sent
    assert "วันนี้" in response.content.decode()
    listing = lamphun.get(reverse("learning_admin:cohort_enrol", args=[session.pk])).content
    assert _masked(NOBODYS_PHONE) in listing.decode() and NOBODYS_PHONE not in listing.decode()


def test_a_coordinator_of_another_province_cannot_resend_an_invitation(lamphun, session, client):
    _invite(lamphun, session, NOBODYS_PHONE)
    invitation = CohortInvitation.objects.get()
    client.force_login(provincial_coordinator("50"))
    resend = reverse("learning_admin:cohort_invitation_resend", args=[session.pk, invitation.pk])
    assert client.post(resend).status_code == 404
    assert len(sms.outbox) == 1
