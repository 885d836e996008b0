"""SMS backends chosen by SMS_URL, and one-time codes: six digits, ten minutes, five wrong tries,
one use, limited per phone/email and per client address."""

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qs

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from accounts import one_time_codes, sms
from accounts.models import OneTimeCode
from tests.factories.accounts import code_sent_to

pytestmark = pytest.mark.django_db

SIGN_UP = OneTimeCode.Purpose.SIGN_UP


class FakeTwilio(BaseHTTPRequestHandler):
    """Answers like Twilio's Messages API; `status` and `delay` set per test."""

    received: list = []
    status = 201
    delay = 0.0

    def do_POST(self):
        import time

        time.sleep(self.delay)
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        FakeTwilio.received.append((self.path, self.headers["Authorization"], parse_qs(body)))
        answer = {"sid": "SM1", "status": "queued"} if self.status < 300 else {"code": 21211}
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(answer).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def fake_twilio(settings):
    FakeTwilio.received, FakeTwilio.status, FakeTwilio.delay = [], 201, 0.0
    server = HTTPServer(("127.0.0.1", 0), FakeTwilio)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SMS_URL = (
        f"twilio+http://AC123:secret-token@127.0.0.1:{server.server_port}?from=%2B6620000000"
    )
    yield FakeTwilio
    server.shutdown()
    server.server_close()


def test_console_backend_logs_the_message(settings, caplog):
    settings.SMS_URL = "console://"
    with caplog.at_level("INFO", logger="accounts.sms"):
        sms.send_sms("0812345678", "สวัสดี")
    assert "0812345678" in caplog.text and "สวัสดี" in caplog.text


def test_twilio_backend_posts_the_message_form_with_basic_auth(fake_twilio):
    sms.send_sms("0812345678", "รหัสของคุณคือ 123456")
    [(path, auth, form)] = fake_twilio.received
    assert path == "/2010-04-01/Accounts/AC123/Messages.json"
    assert auth == "Basic QUMxMjM6c2VjcmV0LXRva2Vu"  # AC123:secret-token
    assert form == {"To": ["+66812345678"], "From": ["+6620000000"], "Body": ["รหัสของคุณคือ 123456"]}


def test_a_provider_refusal_raises_sms_not_sent_and_is_logged(fake_twilio, caplog):
    fake_twilio.status = 400
    with pytest.raises(sms.SmsNotSent), caplog.at_level("WARNING"):
        sms.send_sms("0812345678", "x")
    assert "0812345678" in caplog.text


def test_a_slow_provider_times_out_quickly(fake_twilio, monkeypatch):
    monkeypatch.setattr(sms, "TIMEOUT", 0.3)
    fake_twilio.delay = 1.5
    with pytest.raises(sms.SmsNotSent):
        sms.send_sms("0812345678", "x")


def test_an_unknown_sms_url_scheme_is_refused(settings):
    settings.SMS_URL = "carrier-pigeon://"
    with pytest.raises(ValueError):
        sms.send_sms("0812345678", "x")


def test_a_provider_failure_at_sign_up_gives_a_clear_message_not_a_500(
    client, home_page, fake_twilio
):
    from tests.factories.accounts import TraineeFactory

    TraineeFactory(phone="0812345678")
    fake_twilio.status = 503
    for phone in ("0865551234", "0812345678"):  # a new number, and one with an account
        response = client.post(
            reverse("accounts:sign_up"),
            {
                "title": "mrs",
                "first_name": "บุญมี",
                "last_name": "มีสุข",
                "phone": phone,
                "password1": "ผ้าไหม-2569-ลำพูน",
                "password2": "ผ้าไหม-2569-ลำพูน",
                "accept_privacy": "on",
            },
        )
        assert response.status_code == 200
        assert "ส่งรหัสไม่ได้" in response.content.decode()
    assert len(fake_twilio.received) == 2


def _issue(target="0812345678"):
    row = one_time_codes.issue(SIGN_UP, target)
    return row, code_sent_to(target)


def test_a_code_has_six_digits_is_stored_hashed_and_works_once():
    row, code = _issue()
    assert len(code) == 6 and code.isdigit()
    assert code not in row.code_hash
    assert one_time_codes.redeem(row.pk, code, SIGN_UP).used
    with pytest.raises(one_time_codes.CodeRefused):
        one_time_codes.redeem(row.pk, code, SIGN_UP)


def test_a_code_typed_in_thai_digits_with_spaces_is_accepted():
    row, code = _issue()
    thai = code.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    assert one_time_codes.redeem(row.pk, f"{thai[:3]} {thai[3:]}", SIGN_UP)


def test_an_email_target_gets_the_code_by_email():
    from django.core import mail

    one_time_codes.issue(SIGN_UP, "malee@example.org")
    assert mail.outbox[0].to == ["malee@example.org"]
    assert not sms.outbox


def test_a_code_expires_after_ten_minutes():
    row, code = _issue()
    OneTimeCode.objects.filter(pk=row.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(one_time_codes.CodeRefused) as refused:
        one_time_codes.redeem(row.pk, code, SIGN_UP)
    assert refused.value.spent


def test_five_wrong_tries_spend_the_code():
    row, code = _issue()
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    for attempt in range(1, 6):
        with pytest.raises(one_time_codes.CodeRefused) as refused:
            one_time_codes.redeem(row.pk, wrong, SIGN_UP)
        assert refused.value.spent == (attempt == 5)
    with pytest.raises(one_time_codes.CodeRefused):
        one_time_codes.redeem(row.pk, code, SIGN_UP)  # even the right code, now
    assert OneTimeCode.objects.get(pk=row.pk).wrong_tries == 5


def test_a_code_for_another_purpose_is_refused():
    row, code = _issue()
    with pytest.raises(one_time_codes.CodeRefused):
        one_time_codes.redeem(row.pk, code, OneTimeCode.Purpose.PASSWORD_RESET)


def test_codes_are_limited_per_target_and_per_client_address(settings):
    settings.ONE_TIME_CODES_PER_TARGET_PER_HOUR = 2
    settings.ONE_TIME_CODES_PER_ADDRESS_PER_HOUR = 2
    here = RequestFactory().get("/", REMOTE_ADDR="198.51.100.7")
    elsewhere = RequestFactory().get("/", REMOTE_ADDR="198.51.100.8")
    one_time_codes.count_request(here, "0811111111")
    one_time_codes.count_request(here, "0811111111")
    with pytest.raises(one_time_codes.TooManyCodes):
        one_time_codes.count_request(elsewhere, "0811111111")  # the phone's limit
    with pytest.raises(one_time_codes.TooManyCodes):
        one_time_codes.count_request(here, "0822222222")  # the address's limit
    one_time_codes.count_request(elsewhere, "0833333333")


def test_codes_a_day_past_their_expiry_are_deleted_by_the_beat_task():
    from accounts.tasks import delete_old_one_time_codes

    old, _code = _issue()
    fresh, _code = _issue("0899999999")
    OneTimeCode.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(days=2))
    assert delete_old_one_time_codes() == 1
    assert list(OneTimeCode.objects.values_list("pk", flat=True)) == [fresh.pk]
