import pytest
from django.urls import reverse

from tests.factories.accounts import PASSWORD, TraineeFactory

pytestmark = pytest.mark.django_db

URL = "/accounts/sign-in/"


@pytest.fixture
def axes_on(settings, home_page):
    settings.AXES_ENABLED = True
    return settings


def _fail(client, username, times=1, **extra):
    return [
        client.post(URL, {"username": username, "password": "wrong"}, **extra).status_code
        for _ in range(times)
    ]


def test_five_wrong_passwords_lock_the_account_out_from_that_address(client, axes_on):
    trainee = TraineeFactory(phone="0867778888")
    url = reverse("accounts:login")
    assert url == URL
    for _ in range(axes_on.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "0867778888", "password": "wrong"})
        assert response.status_code == 200
    last_try = client.post(url, {"username": "0867778888", "password": "wrong"})
    assert last_try.status_code == 429
    locked = client.post(url, {"username": "0867778888", "password": PASSWORD})
    assert locked.status_code == 429
    assert "15 นาที" in locked.content.decode()
    assert "_auth_user_id" not in client.session
    other_account = client.post(url, {"username": trainee.email, "password": PASSWORD})
    assert other_account.status_code == 302  # only that account and address pair is paused


@pytest.mark.parametrize(
    "spelling",
    ["089-900-0005", "+66899000005", "66899000005", "(089)9000005", "๐๘๙๙๐๐๐๐๐๕", " 0899000005 "],
)
def test_a_locked_phone_stays_locked_however_it_is_written(client, axes_on, spelling):
    TraineeFactory(phone="0899000005")
    assert _fail(client, "0899000005", times=5)[-1] == 429
    response = client.post(URL, {"username": spelling, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_wrong_guesses_spread_over_spellings_count_for_one_account(client, axes_on):
    TraineeFactory(phone="0899000005")
    for spelling in ["0899000005", "089-900-0005", "+66899000005", "66899000005", "(089)9000005"]:
        _fail(client, spelling)
    assert client.post(URL, {"username": "0899000005", "password": PASSWORD}).status_code == 429


def test_a_locked_email_stays_locked_in_other_letter_case(client, axes_on):
    TraineeFactory(email="trainer@demo.otop.test")
    assert _fail(client, "trainer@demo.otop.test", times=5)[-1] == 429
    response = client.post(URL, {"username": "TRAINER@demo.otop.test", "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_one_address_trying_many_accounts_is_locked_out(client, axes_on):
    axes_on.AXES_ADDRESS_FAILURE_LIMIT = 10
    victims = [TraineeFactory(phone=f"08100000{n:02d}") for n in range(11)]
    statuses = [_fail(client, victim.phone)[0] for victim in victims[:10]]
    assert statuses == [200] * 9 + [429]  # one try each: no account reached 5, the address did
    response = client.post(URL, {"username": victims[10].phone, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another address is not affected.
    elsewhere = client.post(
        URL, {"username": victims[10].phone, "password": PASSWORD}, REMOTE_ADDR="203.0.113.9"
    )
    assert elsewhere.status_code == 302


def test_a_forged_forwarded_for_header_does_not_give_fresh_tries(client, axes_on):
    TraineeFactory(phone="0899000005")
    for n in range(5):
        _fail(client, "0899000005", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    response = client.post(
        URL,
        {"username": "0899000005", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.77",
    )
    assert response.status_code == 429


def test_behind_a_trusted_proxy_each_visitor_has_their_own_tries(client, axes_on):
    axes_on.TRUSTED_PROXY_COUNT = 1
    TraineeFactory(phone="0899000005")
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    _fail(client, "0899000005", times=5, HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy)
    locked = client.post(
        URL,
        {"username": "0899000005", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.1",
        **proxy,
    )
    assert locked.status_code == 429
    # The same proxy, another visitor (a spoofed left-most entry is ignored).
    other_visitor = client.post(
        URL,
        {"username": "0899000005", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.1, 198.51.100.2",
        **proxy,
    )
    assert other_visitor.status_code == 302


def test_a_server_on_a_unix_socket_still_signs_people_in(client, axes_on):
    """Behind a proxy on a Unix socket the server gives no REMOTE_ADDR: the lockout records no address
    (its column holds addresses; "unknown" would break the insert on PostgreSQL) and signs in."""
    from axes.models import AccessLog

    TraineeFactory(phone="0867778888")
    response = client.post(URL, {"username": "0867778888", "password": PASSWORD}, REMOTE_ADDR="")
    assert response.status_code == 302
    assert list(AccessLog.objects.values_list("ip_address", flat=True)) == [None]
