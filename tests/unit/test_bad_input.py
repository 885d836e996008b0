"""Bad input gets a clear answer and changes nothing; never a server error."""

import re
import string
from urllib.parse import quote

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from accounts import sms
from accounts.models import User
from producers.models import TraineeIdentity
from tests.factories.accounts import CoordinatorFactory, TraineeFactory, TrainerFactory
from tests.factories.courses import make_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(home_page):
    from tests.factories.courses import make_course

    catalogue = make_catalogue()
    make_course(lessons=1, modules=1, title="การออกแบบบรรจุภัณฑ์")  # something in the index
    return catalogue


@pytest.mark.parametrize("query", ['"', 'ab"', "*", "(", "NEAR(", "OR", "^a", "-", 'ก"ข'])
def test_search_syntax_characters_are_not_a_server_error(client, catalogue, query):
    response = client.get(catalogue.url, {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/courses/?q=a%00b",
        "/certificates/verify/OTOP%00X/",
        "/certificates/verify/?code=OTOP%00X",
        "/api/v1/certificates/OTOP%00X/",
    ],
)
def test_a_nul_byte_in_an_address_or_query_is_refused_plainly(client, catalogue, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()


def test_a_nul_byte_in_a_form_changes_nothing(client, home_page):
    response = client.post(
        reverse("accounts:sign_up"),
        {
            "first_name": "บุญ\x00มี",
            "last_name": "มีสุข",
            "phone": "0865551234",
            "password1": "ผ้าไหม-2569-ลำพูน",
            "password2": "ผ้าไหม-2569-ลำพูน",
            "accept_privacy": "on",
        },
    )
    assert response.status_code == 400
    assert "อักขระที่ใช้ไม่ได้" in response.content.decode()
    assert not User.objects.filter(phone="0865551234").exists()


def test_a_nul_byte_inside_an_uploaded_cohort_file_is_refused_with_a_message(client, home_page):
    """No spreadsheet's text holds NUL: the shared file reader calls it a damaged file."""
    import datetime

    from learning.models import Cohort, Enrolment
    from tests.factories.courses import make_course
    from tests.factories.producers import national_coordinator

    cohort = Cohort.objects.create(
        course=make_course(lessons=1),
        name="รุ่นที่ 1 ลำพูน",
        district_code="5101",
        starts_on=datetime.date(2026, 12, 1),
        ends_on=datetime.date(2026, 12, 2),
    )
    client.force_login(national_coordinator())
    content = "ชื่อ,นามสกุล,เบอร์โทรศัพท์\nบุญ\x00มา,แก้ว\x00ใส,081111\x001111\n"
    upload = SimpleUploadedFile("trainees.csv", content.encode("utf-8"), content_type="text/csv")
    response = client.post(
        reverse("learning_admin:cohort_enrol", args=[cohort.pk]), {"upload": upload}
    )
    assert response.status_code == 200
    assert "ไฟล์นี้ไม่ใช่ตารางที่บันทึกเป็นข้อความ CSV" in response.content.decode()
    assert not User.objects.filter(phone="0811111111").exists()
    assert not Enrolment.objects.filter(cohort=cohort).exists()


def test_removing_a_trainer_given_by_something_else_than_an_id_changes_nothing(client, catalogue):
    from courses.services import course_trainers, grant_course_to_trainer
    from tests.factories.courses import make_course

    course = make_course(lessons=1, modules=1)
    trainer = TrainerFactory()
    grant_course_to_trainer(course, trainer)
    client.force_login(CoordinatorFactory())
    url = reverse("courses_admin:trainers", args=[course.pk])
    for value in ("abc", "", "๑", "1.5", "-1", "99999999999999999999"):
        response = client.post(url, {"remove": value}, follow=True)
        assert response.status_code == 200
        assert "ไม่พบวิทยากรคนนี้" in response.content.decode()
    assert trainer in course_trainers(course)


# Sign-up and the national-ID form do not tell whether an account or an ID exists.

SIGN_UP = {
    "title": "mrs",
    "first_name": "บุญมี",
    "last_name": "มีสุข",
    "password1": "ผ้าไหม-2569-ลำพูน",
    "password2": "ผ้าไหม-2569-ลำพูน",
    "accept_privacy": "on",
}
NEUTRAL = "ไม่สามารถสร้างบัญชีด้วยอีเมลหรือหมายเลขโทรศัพท์มือถือนี้ได้"


def _sign_up_answers(client, data):
    """Step 1's answer and the page it leads to, with the typed contact blanked out."""
    client.logout()
    first = client.post(reverse("accounts:sign_up"), data)
    page = client.get(first["Location"]).content.decode()
    for typed in (data.get("phone"), data.get("email")):
        page = re.sub(re.escape(typed), "…", page, flags=re.I) if typed else page
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return first.status_code, first["Location"], page


def test_sign_up_with_a_taken_email_or_phone_answers_like_a_new_one_and_tells_the_owner(
    client, home_page
):
    owner = TraineeFactory(email="malee@example.org", phone="0812345678")
    new_email = _sign_up_answers(client, {**SIGN_UP, "email": "kaew@example.org"})
    taken_email = _sign_up_answers(client, {**SIGN_UP, "email": "MALEE@example.org"})
    new_phone = _sign_up_answers(client, {**SIGN_UP, "phone": "086-555-1234"})
    taken_phone = _sign_up_answers(client, {**SIGN_UP, "phone": "081-234-5678"})
    assert new_email == taken_email
    assert new_phone == taken_phone
    assert new_email[:2] == (302, reverse("accounts:sign_up_code"))
    assert User.objects.count() == 1
    # One message per attempt either way (a code, or the owner's notice), so both take as long.
    [notice] = [m for m in mail.outbox if m.to == [owner.email]]
    assert "/accounts/password-reset/" in notice.body
    assert [m.to for m in sms.outbox] == ["0865551234", "0812345678"]
    assert not re.search(r"\b\d{6}\b", notice.body + sms.outbox[1].body)


def test_sign_ups_with_one_taken_phone_are_limited_like_a_new_one(client, home_page, settings):
    settings.ONE_TIME_CODES_PER_TARGET_PER_HOUR = 2
    TraineeFactory(phone="0812345678")
    answers = {}
    for phone in ("0812345678", "0865551234"):
        answers[phone] = []
        for _n in range(3):
            client.logout()
            response = client.post(reverse("accounts:sign_up"), {**SIGN_UP, "phone": phone})
            answers[phone].append(response.status_code)
    assert answers["0812345678"] == answers["0865551234"] == [302, 302, 200]
    assert sorted(m.to for m in sms.outbox) == ["0812345678"] * 2 + ["0865551234"] * 2


def test_a_phone_only_owner_is_told_by_sms_without_a_code(client, home_page):
    TraineeFactory(email=None, phone="0812345678")
    _sign_up_answers(client, {**SIGN_UP, "phone": "0812345678"})
    [notice] = sms.outbox
    assert notice.to == "0812345678"
    assert "/accounts/password-reset/" in notice.body
    assert not re.search(r"\b\d{6}\b", notice.body)


def test_sign_ups_from_one_address_are_limited(client, home_page, settings):
    settings.SIGN_UPS_PER_ADDRESS_PER_HOUR = 2
    statuses = []
    for n in range(3):
        client.logout()
        data = {**SIGN_UP, "phone": f"08655512{n:02d}"}
        statuses.append(client.post(reverse("accounts:sign_up"), data).status_code)
    assert statuses == [302, 302, 429]
    assert len(sms.outbox) == 2
    elsewhere = client.post(
        reverse("accounts:sign_up"), {**SIGN_UP, "phone": "0865551299"}, REMOTE_ADDR="203.0.113.5"
    )
    assert elsewhere.status_code == 302


def test_the_national_id_form_does_not_say_whose_id_it_is(client, home_page, settings):
    holder = TraineeFactory()
    from producers.services import record_national_id

    record_national_id(holder, "1101700207030")
    me = TraineeFactory()
    client.force_login(me)
    data = {"action": "identity", "identity-national_id": "1101700207030", "identity-consent": "on"}
    response = client.post(reverse("producers:join"), data)
    page = response.content.decode()
    assert "ไม่สามารถบันทึกเลขประจำตัวประชาชนนี้ได้" in page
    assert "บัญชีอื่น" not in page and "another account" not in page
    assert not TraineeIdentity.objects.filter(user=me).exists()


def test_the_national_id_form_can_be_tried_only_a_few_times_a_day(client, home_page, settings):
    settings.NATIONAL_ID_TRIES_PER_DAY = 3
    client.force_login(TraineeFactory())
    data = {"action": "identity", "identity-national_id": "1101700207031", "identity-consent": "on"}
    pages = [client.post(reverse("producers:join"), data).content.decode() for _ in range(4)]
    assert "ลองใหม่พรุ่งนี้" not in pages[2]
    assert "ลองใหม่พรุ่งนี้" in pages[3]


# Property: whatever is typed into the public forms and query strings, the answer is not a 5xx.

TRICKY = st.sampled_from(
    ['"', 'ab"', "\x00", "OR", "*", "๐๘๑๒๓๔๕๖๗๘", "０８１", "'; --", "%", "\\", "NEAR(a b)", "ก์"]
)
TYPED = st.one_of(
    TRICKY,
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
    st.text(string.printable, max_size=30),
)
PROPERTY = hypothesis_settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@PROPERTY
@given(query=TYPED)
def test_no_query_string_gives_a_server_error(client, catalogue, query):
    for url, params in (
        (catalogue.url, {"q": query}),
        ("/certificates/verify/", {"code": query}),
        ("/certificates/verify/" + quote(query or "x", safe="") + "/", {"format": "json"}),
        ("/api/v1/certificates/" + quote(query or "x", safe="") + "/", {}),
    ):
        assert client.get(url, params).status_code < 500, (url, query)


@PROPERTY
@given(identifier=TYPED, password=TYPED, names=st.tuples(TYPED, TYPED), email=TYPED)
def test_no_public_form_gives_a_server_error(
    client, home_page, settings, identifier, password, names, email
):
    settings.SIGN_UPS_PER_ADDRESS_PER_HOUR = 10_000
    client.logout()
    sign_up = {
        **SIGN_UP,
        "first_name": names[0],
        "last_name": names[1],
        "phone": identifier,
        "email": email,
        "password1": password,
        "password2": password,
    }
    assert client.post(reverse("accounts:sign_up"), sign_up).status_code < 500
    client.logout()
    sign_in = {"username": identifier, "password": password}
    assert client.post(reverse("accounts:login"), sign_in).status_code < 500
    assert client.post(reverse("accounts:password_reset"), {"contact": email}).status_code < 500
    client.force_login(TraineeFactory())
    for action, field in (
        ("request", "join-registration_number"),
        ("invite", "invite-code"),
        ("identity", "identity-national_id"),
    ):
        data = {"action": action, field: identifier, "identity-consent": "on"}
        assert client.post(reverse("producers:join"), data).status_code < 500


def test_the_api_refuses_a_nul_byte_in_json_like_its_other_errors(client):
    """The API's schema promises JSON; a refused NUL answered text/plain (found by schemathesis)."""
    response = client.get("/api/v1/producers/", {"province": "y\x00k"})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "NUL" in response.json()["detail"]
