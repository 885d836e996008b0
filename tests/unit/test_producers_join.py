"""Joining a producer: the registration number typed any way, a search by name or province over
the public directory, and a pending request the trainee can see and withdraw."""

import pytest
from django.urls import reverse

from producers import services
from producers.models import Membership
from tests.factories.accounts import TraineeFactory
from tests.factories.producers import ProducerFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("typed", ["510100017", "5101 00017", "๕๑๐๑๐๐๐๑๗", " ๕๑๐๑ - ๐๐๐๑๗ "])
def test_a_registration_number_without_its_dash_is_found(typed):
    producer = ProducerFactory(registration_number="5101-00017")
    assert services.find_producer(typed) == producer


def test_another_number_is_not_found():
    ProducerFactory(registration_number="5101-00017")
    assert services.find_producer("510100018") is None


@pytest.fixture
def trainee(client, home_page):
    user = TraineeFactory()
    client.force_login(user)
    return user


def test_search_by_name_or_province_shows_listed_producers_only_twenty_a_page(client, trainee):
    for n in range(23):
        ProducerFactory(name=f"กลุ่มทอผ้าบ้านกลาง {n:02d}", public_listing=True)
    ProducerFactory(name="กลุ่มทอผ้าบ้านกลาง ไม่เปิดเผย", public_listing=False)
    by_name = client.get(reverse("producers:join"), {"q": "ทอผ้าบ้านกลาง"})
    assert by_name.context["results"].paginator.count == 23
    assert len(by_name.context["results"].object_list) == 20
    assert "ไม่เปิดเผย" not in by_name.content.decode()
    page_two = client.get(reverse("producers:join"), {"q": "ทอผ้าบ้านกลาง", "page": "2"})
    assert len(page_two.context["results"].object_list) == 3
    by_province = client.get(reverse("producers:join"), {"q": "ลำพูน"})
    assert by_province.context["results"].paginator.count == 23


def test_asking_to_join_from_the_search_makes_a_request(client, trainee):
    producer = ProducerFactory(public_listing=True)
    hidden = ProducerFactory(public_listing=False)
    for target in (producer, hidden):
        client.post(
            reverse("producers:join"), {"action": "request_listed", "producer": str(target.pk)}
        )
    assert list(Membership.objects.filter(user=trainee).values_list("producer", "status")) == [
        (producer.pk, Membership.Status.REQUESTED)
    ]


def test_a_pending_request_is_shown_with_its_date_and_can_be_withdrawn(client, trainee):
    producer = ProducerFactory()
    membership = services.request_membership(trainee, producer)
    page = client.get(reverse("producers:mine")).content.decode()
    assert producer.name in page and "ขอเข้าร่วมเมื่อ" in page and " 25" in page
    cancel = reverse("producers:cancel_join_request", args=[membership.pk])
    assert client.get(cancel).status_code == 405
    client.post(cancel)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_only_ones_own_pending_request_can_be_withdrawn(client, trainee):
    producer = ProducerFactory()
    someone_elses = services.request_membership(TraineeFactory(), producer)
    confirmed = Membership.objects.create(
        user=trainee, producer=ProducerFactory(), status=Membership.Status.CONFIRMED
    )
    for membership in (someone_elses, confirmed):
        client.post(reverse("producers:cancel_join_request", args=[membership.pk]))
    assert Membership.objects.filter(pk__in=[someone_elses.pk, confirmed.pk]).count() == 2
