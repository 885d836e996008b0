"""Six sign-ups with the same phone, each finished with its own code at the same moment (a double
tap, a slow network): one account, and every other answer is the neutral "could not create" message,
never a server error."""

import threading

import pytest
from django.db import close_old_connections
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories.accounts import code_sent_to

pytestmark = [
    pytest.mark.integration,
    pytest.mark.postgresql,  # six connections writing at once: SQLite locks its file
    pytest.mark.django_db(transaction=True),
]

SIGN_UP = {
    "title": "mrs",
    "first_name": "บุญมี",
    "last_name": "มีสุข",
    "phone": "086-555-1234",
    "password1": "ผ้าไหม-2569-ลำพูน",
    "password2": "ผ้าไหม-2569-ลำพูน",
    "accept_privacy": "on",
}


def test_six_sign_ups_with_one_phone_at_once_make_one_account(site_home, is_postgresql, settings):
    count = 6
    settings.ONE_TIME_CODES_PER_TARGET_PER_HOUR = count
    barrier = threading.Barrier(count)
    results: list = []
    # Step 1 six times (six phones' browsers, one number); each gets its own code.
    started = []
    for _ in range(count):
        client = Client()
        assert client.post(reverse("accounts:sign_up"), SIGN_UP).status_code == 302
        started.append((client, code_sent_to("0865551234")))
    assert not User.objects.exists()

    def sign_up(client, code):
        try:
            barrier.wait()
            response = client.post(reverse("accounts:sign_up_code"), {"code": code})
            results.append((response.status_code, response.content.decode()))
        except Exception as error:  # collected and asserted on below
            results.append(error)
        finally:
            close_old_connections()

    threads = [threading.Thread(target=sign_up, args=pair) for pair in started]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert not [r for r in results if isinstance(r, Exception)], results
    assert User.objects.filter(phone="0865551234").count() == 1
    statuses = sorted(status for status, _page in results)
    assert statuses == [200] * (count - 1) + [302]
    refused = [page for status, page in results if status == 200]
    # Thai, or English when a thread's translation catalogue was still loading.
    neutral = ("ไม่สามารถสร้างบัญชีด้วยอีเมลหรือหมายเลขโทรศัพท์มือถือนี้ได้", "We could not create an account")
    assert all(any(message in page for message in neutral) for page in refused)
