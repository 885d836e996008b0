"""PDPA: a trainee downloads their own data and can erase their account."""

import json

import pytest
from django.contrib.auth import authenticate
from django.urls import reverse

from accounts.models import User
from learning.models import Enrolment
from tests.factories.accounts import PASSWORD, TraineeFactory
from tests.factories.courses import make_course
from tests.factories.learning import enrolled

pytestmark = pytest.mark.django_db


def test_a_trainee_downloads_their_own_data_with_their_progress(client, home_page):
    course = make_course(lessons=1, title="มาตรฐานผลิตภัณฑ์ชุมชน")
    enrolment = enrolled(course)
    client.force_login(enrolment.user)
    response = client.get(reverse("accounts:download_my_data"))
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["first_name"] == enrolment.user.first_name
    assert data["enrolments"][0]["course"] == "มาตรฐานผลิตภัณฑ์ชุมชน"


def test_deleting_an_account_needs_the_password(client, home_page):
    trainee = TraineeFactory(phone="0851112222")
    client.force_login(trainee)
    client.post(reverse("accounts:delete_my_account"), {"password": "not it"})
    trainee.refresh_from_db()
    assert trainee.is_active and trainee.phone == "0851112222"


def test_deleting_an_account_erases_names_and_contacts_and_keeps_anonymous_progress(
    client, home_page
):
    course = make_course(lessons=1)
    enrolment = enrolled(course, TraineeFactory(phone="0851112222", first_name="บุญเรือน"))
    client.force_login(enrolment.user)
    response = client.post(reverse("accounts:delete_my_account"), {"password": PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(pk=enrolment.user.pk)
    assert not user.is_active and user.phone is None and "บุญเรือน" not in user.get_full_name()
    assert authenticate(username="0851112222", password=PASSWORD) is None
    assert Enrolment.objects.filter(pk=enrolment.pk).exists()
    assert "_auth_user_id" not in client.session


def test_producer_links_and_national_id_are_part_of_the_download_and_erased_with_the_account(
    client, home_page
):
    from producers.models import Membership
    from tests.factories.producers import MembershipFactory

    membership = MembershipFactory(user=TraineeFactory())
    client.force_login(membership.user)
    data = json.loads(client.get(reverse("accounts:download_my_data")).content)
    assert (
        data["producers"][0]["producer__registration_number"]
        == membership.producer.registration_number
    )
    client.post(reverse("accounts:delete_my_account"), {"password": PASSWORD})
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_a_trainee_without_a_producer_is_invited_to_join_one_on_the_dashboard(client, home_page):
    client.force_login(TraineeFactory())
    html = client.get(reverse("learning:dashboard")).content.decode()
    assert reverse("producers:join") in html
