"""A provincial coordinator sees and changes only their provinces' producers, by menu or by URL."""

import pytest
from django.urls import reverse

from producers.models import Producer
from producers.selectors import producers_visible_to, province_codes_for
from tests.factories.accounts import PASSWORD, TraineeFactory
from tests.factories.producers import (
    CHIANG_MAI_KHUN_KHONG,
    LAMPHUN_BAN_KLANG,
    MembershipFactory,
    ProducerFactory,
    ProductFactory,
    ProductRatingFactory,
    ProductStandardFactory,
    RequestedMembershipFactory,
    national_coordinator,
    provincial_coordinator,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lamphun_and_chiang_mai():
    return (
        ProducerFactory(name="กลุ่มทอผ้าไหมลำพูน", subdistrict_code=LAMPHUN_BAN_KLANG),
        ProducerFactory(name="กลุ่มแกะสลักไม้เชียงใหม่", subdistrict_code=CHIANG_MAI_KHUN_KHONG),
    )


def signed_in(client, user):
    assert client.login(username=user.email, password=PASSWORD)
    return client


def test_province_and_district_codes_follow_the_subdistrict_on_save(lamphun_and_chiang_mai):
    lamphun, chiang_mai = lamphun_and_chiang_mai
    assert (lamphun.province_code, lamphun.district_code) == ("51", "5101")
    chiang_mai.subdistrict_code = "760501"
    chiang_mai.save(update_fields=["subdistrict_code"])
    chiang_mai.refresh_from_db()
    assert (chiang_mai.province_code, chiang_mai.district_code) == ("76", "7605")


def test_selectors_scope_a_provincial_coordinator(lamphun_and_chiang_mai):
    lamphun, _chiang_mai = lamphun_and_chiang_mai
    coordinator = provincial_coordinator("51")
    assert province_codes_for(coordinator) == {"51"}
    assert list(producers_visible_to(coordinator)) == [lamphun]


def test_a_national_coordinator_sees_every_province(lamphun_and_chiang_mai):
    coordinator = national_coordinator()
    assert province_codes_for(coordinator) is None
    assert producers_visible_to(coordinator).count() == 2


def test_a_coordinator_without_a_scope_and_a_trainee_see_nothing(lamphun_and_chiang_mai):
    assert producers_visible_to(provincial_coordinator()).count() == 0
    assert producers_visible_to(TraineeFactory()).count() == 0


def test_the_admin_list_shows_only_the_coordinators_province(client, lamphun_and_chiang_mai):
    signed_in(client, provincial_coordinator("51"))
    response = client.get(reverse("otop_producers:index"))
    assert response.status_code == 200
    assert "กลุ่มทอผ้าไหมลำพูน" in response.text
    assert "กลุ่มแกะสลักไม้เชียงใหม่" not in response.text


@pytest.mark.parametrize("view", ["edit", "inspect", "delete", "history", "usage"])
def test_a_lamphun_coordinator_cannot_open_a_chiang_mai_producer_by_url(
    client, lamphun_and_chiang_mai, view
):
    lamphun, chiang_mai = lamphun_and_chiang_mai
    signed_in(client, provincial_coordinator("51"))
    assert client.get(reverse(f"otop_producers:{view}", args=[lamphun.pk])).status_code == 200
    assert client.get(reverse(f"otop_producers:{view}", args=[chiang_mai.pk])).status_code in (
        403,
        404,
    )


def test_a_lamphun_coordinator_cannot_delete_a_chiang_mai_producer_by_post(
    client, lamphun_and_chiang_mai
):
    _lamphun, chiang_mai = lamphun_and_chiang_mai
    signed_in(client, provincial_coordinator("51"))
    client.post(reverse("otop_producers:delete", args=[chiang_mai.pk]))
    assert Producer.objects.filter(pk=chiang_mai.pk).exists()


def test_products_and_memberships_of_another_province_are_hidden_too(
    client, lamphun_and_chiang_mai
):
    _lamphun, chiang_mai = lamphun_and_chiang_mai
    product = ProductFactory(producer=chiang_mai)
    membership = RequestedMembershipFactory(producer=chiang_mai)
    signed_in(client, provincial_coordinator("51"))
    assert client.get(reverse("producer_products:edit", args=[product.pk])).status_code == 404
    assert client.get(reverse("producer_memberships:edit", args=[membership.pk])).status_code == 404
    assert (
        client.get(reverse("producer_memberships:decide", args=[membership.pk])).status_code == 404
    )
    client.post(
        reverse("producer_memberships:decide", args=[membership.pk]), {"decision": "confirm"}
    )
    membership.refresh_from_db()
    assert membership.status == "requested"


def test_a_coordinator_cannot_move_a_producer_into_another_province(client, lamphun_and_chiang_mai):
    lamphun, _chiang_mai = lamphun_and_chiang_mai
    signed_in(client, provincial_coordinator("51"))
    response = client.get(reverse("otop_producers:edit", args=[lamphun.pk]))
    # The picker offers only Lamphun among the provinces.
    assert 'value="51"' in response.text and 'value="50"' not in response.text


def test_the_producer_page_shows_members_products_and_standards(client, lamphun_and_chiang_mai):
    lamphun, _chiang_mai = lamphun_and_chiang_mai
    member = MembershipFactory(producer=lamphun)
    product = ProductFactory(producer=lamphun, name="ผ้าไหมยกดอกลายพิกุล")
    ProductStandardFactory(product=product, certificate_number="มผช. 17/2565")
    signed_in(client, national_coordinator())
    response = client.get(reverse("otop_producers:inspect", args=[lamphun.pk]))
    assert response.status_code == 200
    assert member.user.get_full_name() in response.text
    assert "ผ้าไหมยกดอกลายพิกุล" in response.text
    assert "มผช. 17/2565" in response.text
    assert "GeoThai" in response.text


def test_admin_list_filters_by_province_and_stars(client, lamphun_and_chiang_mai):
    lamphun, chiang_mai = lamphun_and_chiang_mai
    ProductRatingFactory(product=ProductFactory(producer=chiang_mai), year=2567, stars=5)
    signed_in(client, national_coordinator())
    by_province = client.get(reverse("otop_producers:index"), {"province": "51"})
    assert lamphun.name in by_province.text and chiang_mai.name not in by_province.text
    by_stars = client.get(reverse("otop_producers:index"), {"stars": "5"})
    assert chiang_mai.name in by_stars.text and lamphun.name not in by_stars.text
    searched = client.get(reverse("otop_producers:index"), {"q": "แกะสลัก"})
    assert chiang_mai.name in searched.text and lamphun.name not in searched.text


def test_the_producer_chooser_offers_only_the_coordinators_provinces(
    client, lamphun_and_chiang_mai
):
    lamphun, chiang_mai = lamphun_and_chiang_mai
    signed_in(client, provincial_coordinator("51"))
    listing = client.get(reverse("producer_chooser:choose_results"), {"q": "กลุ่ม"}).text
    assert lamphun.name in listing and chiang_mai.name not in listing
    assert client.get(reverse("producer_chooser:chosen", args=[chiang_mai.pk])).status_code == 404


def test_other_apps_add_sections_to_the_producer_page_through_the_hook(
    client, lamphun_and_chiang_mai
):
    from wagtail import hooks
    from wagtail.admin.ui.components import Component

    from producers.panels import PRODUCER_PANELS_HOOK

    class EligibilityNote(Component):
        def __init__(self, producer):
            self.producer = producer

        def render_html(self, parent_context=None):
            return f"<p>eligibility of {self.producer.registration_number}</p>"

    lamphun, _chiang_mai = lamphun_and_chiang_mai
    signed_in(client, national_coordinator())
    with hooks.register_temporarily(
        PRODUCER_PANELS_HOOK, lambda producer, request: EligibilityNote(producer)
    ):
        page = client.get(reverse("otop_producers:inspect", args=[lamphun.pk])).text
    assert f"eligibility of {lamphun.registration_number}" in page
