"""A forgotten password: a mobile number gets an SMS code (typed with the new password), an email a
link; an unknown contact gets the same answer as a known one."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts import sms
from tests.factories.accounts import TraineeFactory, code_sent_to

pytestmark = pytest.mark.django_db

NEW = "ข้าวหอม-มะลิ-2569"


def _ask(client, contact):
    response = client.post(reverse("accounts:password_reset"), {"contact": contact})
    return response.status_code, response["Location"]


def test_a_phone_account_resets_its_password_with_the_sms_code(client, home_page):
    user = TraineeFactory(email=None, phone="0812345678")
    assert _ask(client, "๐๘๑-๒๓๔-๕๖๗๘") == (302, reverse("accounts:password_reset_code"))
    response = client.post(
        reverse("accounts:password_reset_code"),
        {"code": code_sent_to("0812345678"), "new_password1": NEW, "new_password2": NEW},
    )
    assert response["Location"] == reverse("accounts:password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(NEW)


def test_a_wrong_code_changes_nothing(client, home_page):
    user = TraineeFactory(email=None, phone="0812345678")
    _ask(client, "0812345678")
    wrong = f"{(int(code_sent_to('0812345678')) + 1) % 1_000_000:06d}"
    response = client.post(
        reverse("accounts:password_reset_code"),
        {"code": wrong, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 200
    assert "รหัสไม่ถูกต้อง" in response.content.decode()
    user.refresh_from_db()
    assert not user.check_password(NEW)


def test_an_unknown_phone_gets_the_same_answer_and_no_message(client, home_page):
    TraineeFactory(email=None, phone="0812345678")
    known = _ask(client, "0812345678")
    page_known = client.get(known[1]).content.decode().replace("0812345678", "…")
    unknown = _ask(client, "0899999999")
    page_unknown = client.get(unknown[1]).content.decode().replace("0899999999", "…")
    assert known == unknown
    strip = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert strip.sub("", page_known) == strip.sub("", page_unknown)
    assert [m.to for m in sms.outbox] == ["0812345678"]


def test_an_email_still_gets_a_link_and_an_unknown_email_the_same_page(client, home_page):
    TraineeFactory(email="malee@example.org")
    assert _ask(client, "MALEE@example.org") == _ask(client, "nobody@example.org")
    [message] = mail.outbox
    assert message.to == ["malee@example.org"] and "/accounts/password-reset/" in message.body


def test_reset_codes_are_rate_limited(client, home_page, settings):
    settings.ONE_TIME_CODES_PER_TARGET_PER_HOUR = 1
    TraineeFactory(email=None, phone="0812345678")
    _ask(client, "0812345678")
    response = client.post(reverse("accounts:password_reset"), {"contact": "0812345678"})
    assert response.status_code == 200
    assert "มากเกินไป" in response.content.decode()
    assert len(sms.outbox) == 1
