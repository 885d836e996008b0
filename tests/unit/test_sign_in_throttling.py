import pytest
from django.urls import reverse

from tests.factories.accounts import PASSWORD, TraineeFactory

pytestmark = pytest.mark.django_db


def test_five_wrong_passwords_lock_the_account_out_from_that_address(client, settings, home_page):
    settings.AXES_ENABLED = True
    trainee = TraineeFactory(phone="0867778888")
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
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
