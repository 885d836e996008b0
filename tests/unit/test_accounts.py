import re

import pytest
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts import sms
from accounts.models import User
from accounts.phone import normalize_thai_mobile
from tests.factories.accounts import PASSWORD, UserFactory, code_sent_to

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed", ["0812345678", "081-234-5678", "081 234 5678", "+66812345678", "66812345678"]
)
def test_thai_mobile_numbers_are_stored_as_ten_digits(typed):
    assert normalize_thai_mobile(typed) == "0812345678"


@pytest.mark.parametrize("typed", ["021234567", "12345", "0812345", "08123456789", "abc"])
def test_numbers_that_are_not_thai_mobiles_are_refused(typed):
    with pytest.raises(ValidationError):
        normalize_thai_mobile(typed)


def test_sign_in_by_email_in_any_case_or_by_mobile_as_typed():
    user = UserFactory(email="Malee@Example.org", phone="0891234567")
    assert authenticate(username="malee@example.org", password=PASSWORD) == user
    assert authenticate(username="089-123-4567", password=PASSWORD) == user
    assert authenticate(username="+66 89 123 4567", password=PASSWORD) == user
    assert authenticate(username="0891234567", password="wrong") is None


def test_full_thai_name_has_its_title_without_a_space():
    user = UserFactory(title=User.Title.MISS, first_name="สมใจ", last_name="ใจดี")
    assert user.get_full_name() == "นางสาวสมใจ ใจดี"
    other = UserFactory(
        title=User.Title.OTHER, title_other="ดร.", first_name="ปรีชา", last_name="ทองดี"
    )
    assert other.get_full_name() == "ดร.ปรีชา ทองดี"


def test_a_user_needs_an_email_or_a_phone():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        User.objects.create_user(email=None, phone=None, first_name="ก", last_name="ข")


def _sign_up_data(**overrides):
    data = {
        "title": "mrs",
        "first_name": "บุญมี",
        "last_name": "มีสุข",
        "phone": "086-555-1234",
        "email": "",
        "password1": "ผ้าไหม-2569-ลำพูน",
        "password2": "ผ้าไหม-2569-ลำพูน",
        "accept_privacy": "on",
    }
    data.update(overrides)
    return data


def test_sign_up_with_a_phone_only_asks_for_the_code_then_signs_in_and_returns_to_next(client):
    response = client.post(reverse("accounts:sign_up"), _sign_up_data(next="/about/"))
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:sign_up_code")
    assert not User.objects.exists()  # no account until the code is entered
    code_page = client.get(response["Location"]).content.decode()
    assert "086-555-1234" in code_page
    response = client.post(response["Location"], {"code": code_sent_to("0865551234")})
    assert response.status_code == 302
    assert response["Location"] == "/about/"
    user = User.objects.get(phone="0865551234")
    assert user.email is None
    assert user.check_password("ผ้าไหม-2569-ลำพูน")
    assert user.privacy_consent_at is not None and user.privacy_consent_version
    assert user.groups.filter(name="Trainees").exists()
    assert client.session["_auth_user_id"] == str(user.pk)


def test_sign_up_errors_are_in_thai_and_create_nothing(client):
    response = client.post(
        reverse("accounts:sign_up"), _sign_up_data(phone="12345", accept_privacy="")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "กรอกหมายเลขโทรศัพท์มือถือ" in html
    assert "ยอมรับประกาศความเป็นส่วนตัว" in html
    assert not User.objects.exists()


def test_sign_up_with_a_mobile_already_used_sends_no_code_and_creates_nothing(client):
    UserFactory(phone="0865551234")
    response = client.post(reverse("accounts:sign_up"), _sign_up_data())
    assert response["Location"] == reverse("accounts:sign_up_code")
    [notice] = sms.outbox  # the owner is told; no code is sent
    assert not re.search(r"\b\d{6}\b", notice.body)
    for guess in ("000000", "123456"):
        client.post(response["Location"], {"code": guess})
    assert User.objects.filter(phone="0865551234").count() == 1
    assert "_auth_user_id" not in client.session


def test_sign_up_refuses_an_open_redirect(client):
    client.post(reverse("accounts:sign_up"), _sign_up_data(next="https://evil.test/"))
    code = code_sent_to("0865551234")
    response = client.post(reverse("accounts:sign_up_code"), {"code": code})
    assert response["Location"] == "/"


def test_the_sign_up_title_starts_empty_and_an_empty_one_is_named_in_site_words(client):
    page = client.get(reverse("accounts:sign_up")).content.decode()
    assert '<option value="" selected>— เลือก —</option>' in page
    assert "ต้องกรอกเบอร์โทรศัพท์มือถือหรืออีเมลอย่างใดอย่างหนึ่ง" in page
    assert 'data-shown-when-title="other"' in page
    response = client.post(reverse("accounts:sign_up"), _sign_up_data(title="", first_name=""))
    html = response.content.decode()
    assert "กรุณากรอก “คำนำหน้าชื่อ”" in html and "กรุณากรอก “ชื่อ (ภาษาไทย)”" in html
    assert "กรุณากรอกช่องนี้" not in html and not sms.outbox


def test_the_required_field_message_in_english_names_the_field(client):
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("accounts:sign_up"), _sign_up_data(last_name=""), HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert "Please fill in “Family name (Thai)”." in html
    assert "This field is required." not in html
