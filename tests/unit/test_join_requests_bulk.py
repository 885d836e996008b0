"""A coordinator confirms several join requests at once, only inside their provinces."""

import pytest
from django.urls import reverse

from producers import services
from producers.models import Membership
from tests.factories.accounts import TraineeFactory, TrainerFactory
from tests.factories.producers import (
    CHIANG_MAI_KHUN_KHONG,
    MembershipFactory,
    ProducerFactory,
    RequestedMembershipFactory,
    national_coordinator,
    provincial_coordinator,
)

pytestmark = pytest.mark.django_db

BULK_CONFIRM = reverse("wagtail_bulk_action", args=["producers", "membership", "confirm"])


def ids(*memberships):
    return "&".join(f"id={m.pk}" for m in memberships)


@pytest.fixture
def requests_in_two_provinces():
    lamphun = ProducerFactory(name="กลุ่มทอผ้าไหมยกดอกบ้านกลาง")
    chiang_mai = ProducerFactory(subdistrict_code=CHIANG_MAI_KHUN_KHONG, name="กลุ่มแกะสลักไม้")
    first = RequestedMembershipFactory(
        producer=lamphun, user=TraineeFactory(first_name="บุญเรือน", last_name="ปัญญาดี")
    )
    second = RequestedMembershipFactory(
        producer=lamphun, user=TraineeFactory(first_name="ศรีนวล", last_name="อินทร์แก้ว")
    )
    elsewhere = RequestedMembershipFactory(
        producer=chiang_mai, user=TraineeFactory(first_name="ประยูร", last_name="ทาแก้ว")
    )
    return first, second, elsewhere


def test_the_confirmation_page_lists_who_will_be_confirmed_and_changes_nothing(
    client, requests_in_two_provinces
):
    first, second, elsewhere = requests_in_two_provinces
    client.force_login(provincial_coordinator("51"))
    response = client.get(f"{BULK_CONFIRM}?{ids(first, second, elsewhere)}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "บุญเรือน ปัญญาดี" in page and "ศรีนวล อินทร์แก้ว" in page
    assert "ประยูร" not in page  # another province's request is not even named
    assert not Membership.objects.confirmed().exists()


def test_a_provincial_coordinator_confirms_only_requests_in_their_provinces(
    client, requests_in_two_provinces
):
    first, second, elsewhere = requests_in_two_provinces
    coordinator = provincial_coordinator("51")
    client.force_login(coordinator)
    response = client.post(
        f"{BULK_CONFIRM}?{ids(first, second, elsewhere)}&next=/admin/", follow=True
    )
    assert response.redirect_chain[-1][0] == "/admin/"
    for membership in (first, second):
        membership.refresh_from_db()
        assert membership.status == Membership.Status.CONFIRMED
        assert membership.confirmed_by == coordinator and membership.confirmed_at
    elsewhere.refresh_from_db()
    assert elsewhere.status == Membership.Status.REQUESTED
    messages = [str(m) for m in response.context["messages"]]
    assert any(" 2 " in f" {m} " for m in messages), messages  # "2 join requests confirmed"


def test_select_all_confirms_every_waiting_request_the_filtered_listing_shows(
    client, requests_in_two_provinces
):
    first, second, elsewhere = requests_in_two_provinces
    already = MembershipFactory(producer=first.producer)
    client.force_login(national_coordinator())
    response = client.get(f"{BULK_CONFIRM}?id=all&q=ศรีนวล")
    assert "ศรีนวล" in response.content.decode()
    assert "บุญเรือน" not in response.content.decode()
    client.post(f"{BULK_CONFIRM}?id=all&status=requested")
    assert set(Membership.objects.confirmed()) == {first, second, elsewhere, already}


def test_a_decided_membership_is_listed_apart_and_left_alone(client):
    rejected = RequestedMembershipFactory(status=Membership.Status.REJECTED)
    client.force_login(national_coordinator())
    page = client.get(f"{BULK_CONFIRM}?{ids(rejected)}").content.decode()
    assert "None of the chosen memberships is waiting" in page or "ไม่มี" in page
    client.post(f"{BULK_CONFIRM}?{ids(rejected)}")
    rejected.refresh_from_db()
    assert rejected.status == Membership.Status.REJECTED


def test_a_trainer_cannot_use_the_bulk_confirmation(client, requests_in_two_provinces):
    first, _second, _elsewhere = requests_in_two_provinces
    client.force_login(TrainerFactory())
    response = client.post(f"{BULK_CONFIRM}?{ids(first)}")
    assert response.status_code in (302, 403)
    first.refresh_from_db()
    assert first.status == Membership.Status.REQUESTED


def test_ids_that_are_not_numbers_are_ignored_not_a_server_error(client):
    client.force_login(national_coordinator())
    response = client.get(f"{BULK_CONFIRM}?id=abc&id=1%00")
    assert response.status_code in (200, 400)


def test_the_memberships_listing_offers_the_bulk_confirmation(client, requests_in_two_provinces):
    client.force_login(provincial_coordinator("51"))
    page = client.get(reverse("producer_memberships:index")).content.decode()
    assert "data-bulk-action-checkbox" in page
    assert BULK_CONFIRM in page


def test_the_dashboard_links_to_confirming_every_waiting_request(client, requests_in_two_provinces):
    client.force_login(provincial_coordinator("51"))
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f"{BULK_CONFIRM}?status=requested&amp;id=all" in page


def test_the_service_skips_requests_outside_the_coordinators_provinces(
    requests_in_two_provinces,
):
    first, second, elsewhere = requests_in_two_provinces
    confirmed = services.confirm_join_requests(
        [first.pk, second.pk, elsewhere.pk], by=provincial_coordinator("51")
    )
    assert {m.pk for m in confirmed} == {first.pk, second.pk}
    assert Membership.objects.get(pk=elsewhere.pk).status == Membership.Status.REQUESTED
