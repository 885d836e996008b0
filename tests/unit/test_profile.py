"""A trainee's own account page: name, a new phone or email proven by a code, password change,
and the list of their certificates with share links."""

import pytest
from django.urls import reverse

from accounts import sms
from accounts.models import User
from tests.factories.accounts import PASSWORD, TraineeFactory, code_sent_to

pytestmark = pytest.mark.django_db

NAME = {
    "name-title": "other",
    "name-title_other": "ดร.",
    "name-first_name": "สมศรี",
    "name-last_name": "ใจงาม",
    "name-first_name_en": "",
    "name-last_name_en": "",
    "save_name": "",
}


@pytest.fixture
def trainee(client, home_page):
    user = TraineeFactory(phone="0812345678", email="somsri@example.org")
    client.force_login(user)
    return user


def test_the_profile_is_linked_from_the_header_and_says_certificates_keep_their_name(
    client, trainee
):
    page = client.get(reverse("learning:dashboard")).content.decode()
    assert reverse("accounts:profile") in page and reverse("my_certificates") in page
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "เกียรติบัตรที่ออกแล้วจะใช้ชื่อตามที่ออก" in page


def test_a_trainee_changes_their_name(client, trainee):
    response = client.post(reverse("accounts:profile"), NAME)
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert trainee.get_full_name() == "ดร.สมศรี ใจงาม"


def test_an_empty_given_name_is_refused_in_site_wording(client, trainee):
    response = client.post(reverse("accounts:profile"), {**NAME, "name-first_name": ""})
    assert "กรุณากรอก “ชื่อ (ภาษาไทย)”" in response.content.decode()
    trainee.refresh_from_db()
    assert trainee.first_name != ""


def test_a_new_phone_replaces_the_old_only_after_its_code(client, trainee):
    response = client.post(
        reverse("accounts:profile"),
        {"contact-phone": "086 555 1234", "contact-email": trainee.email, "change_contact": ""},
    )
    assert response["Location"] == reverse("accounts:confirm_contact")
    trainee.refresh_from_db()
    assert trainee.phone == "0812345678"
    assert sms.outbox[-1].to == "0865551234"
    client.post(reverse("accounts:confirm_contact"), {"code": "000000"})
    trainee.refresh_from_db()
    assert trainee.phone == "0812345678"
    client.post(reverse("accounts:confirm_contact"), {"code": code_sent_to("0865551234")})
    trainee.refresh_from_db()
    assert trainee.phone == "0865551234"


def test_a_new_email_gets_its_code_by_email(client, trainee):
    client.post(
        reverse("accounts:profile"),
        {"contact-phone": trainee.phone, "contact-email": "New@Example.org", "change_contact": ""},
    )
    client.post(reverse("accounts:confirm_contact"), {"code": code_sent_to("new@example.org")})
    trainee.refresh_from_db()
    assert trainee.email == "new@example.org"


def test_a_phone_of_another_account_is_not_taken_over(client, trainee):
    TraineeFactory(phone="0865551234")
    client.post(
        reverse("accounts:profile"),
        {"contact-phone": "0865551234", "contact-email": trainee.email, "change_contact": ""},
    )
    response = client.post(
        reverse("accounts:confirm_contact"), {"code": code_sent_to("0865551234")}, follow=True
    )
    assert response.status_code == 200
    assert User.objects.filter(phone="0865551234").count() == 1
    trainee.refresh_from_db()
    assert trainee.phone == "0812345678"


def test_password_change_keeps_the_trainee_signed_in(client, trainee):
    new = "ผ้าขาวม้า-2569-ชัยนาท"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response["Location"] == reverse("accounts:profile")
    trainee.refresh_from_db()
    assert trainee.check_password(new)
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_my_certificates_lists_mine_with_download_verify_and_share_links(client, trainee):
    from urllib.parse import quote

    from tests.factories.certificates import issued

    mine = issued(trainee)
    others = issued(TraineeFactory())
    page = client.get(reverse("my_certificates")).content.decode()
    assert mine.course_title in page and mine.code in page
    assert others.code not in page
    assert mine.get_download_url() in page and mine.get_verify_url() in page
    line = "https://social-plugins.line.me/lineit/share?url=" + quote(
        mine.get_absolute_verify_url(), safe=""
    )
    assert line.replace("&", "&amp;") in page
    assert f'data-copy-link="{mine.get_absolute_verify_url()}"' in page
    assert " 25" in page  # the completion date in the Buddhist Era (25xx)


def test_my_certificates_needs_a_sign_in(client, home_page):
    response = client.get(reverse("my_certificates"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
