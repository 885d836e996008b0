import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from producers import services
from producers.models import Membership
from producers.selectors import confirmed_producers_for
from tests.factories.accounts import PASSWORD, TraineeFactory
from tests.factories.producers import (
    CHIANG_MAI_KHUN_KHONG,
    MembershipFactory,
    ProducerFactory,
    RequestedMembershipFactory,
    provincial_coordinator,
)

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    assert client.login(username=user.email, password=PASSWORD)
    return client


def test_a_requested_link_does_not_count_until_a_coordinator_confirms(client):
    producer = ProducerFactory(registration_number="5101-00017")
    trainee = TraineeFactory()
    signed_in(client, trainee)
    response = client.post(
        reverse("producers:join"), {"action": "request", "join-registration_number": " 5101-00017 "}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=trainee)
    assert membership.status == Membership.Status.REQUESTED
    assert list(confirmed_producers_for(trainee)) == []
    assert not Membership.objects.confirmed().exists()

    coordinator = provincial_coordinator("51")
    signed_in(client, coordinator)
    client.post(
        reverse("producer_memberships:decide", args=[membership.pk]), {"decision": "confirm"}
    )
    membership.refresh_from_db()
    assert membership.status == Membership.Status.CONFIRMED
    assert membership.confirmed_by == coordinator and membership.confirmed_at
    assert list(confirmed_producers_for(trainee)) == [producer]


def test_asking_twice_keeps_one_request():
    producer = ProducerFactory()
    trainee = TraineeFactory()
    services.request_membership(trainee, producer)
    services.request_membership(trainee, producer)
    assert Membership.objects.filter(user=trainee).count() == 1


def test_an_unknown_registration_number_is_a_form_error(client):
    signed_in(client, TraineeFactory())
    response = client.post(
        reverse("producers:join"), {"action": "request", "join-registration_number": "9999-99999"}
    )
    assert response.status_code == 200
    assert not Membership.objects.exists()


def test_a_coordinator_of_another_province_cannot_confirm():
    membership = RequestedMembershipFactory(
        producer=ProducerFactory(subdistrict_code=CHIANG_MAI_KHUN_KHONG)
    )
    with pytest.raises(PermissionDenied):
        services.confirm_membership(membership, by=provincial_coordinator("51"))


def test_an_owner_invite_code_confirms_a_trainee_at_once(client):
    owner_link = MembershipFactory(role=Membership.Role.OWNER)
    producer = owner_link.producer
    signed_in(client, owner_link.user)
    client.post(reverse("producers:new_invite_code", args=[producer.pk]))
    producer.refresh_from_db()
    assert len(producer.invite_code) == 8
    assert producer.invite_code in client.get(reverse("producers:mine")).text

    trainee = TraineeFactory()
    signed_in(client, trainee)
    client.post(
        reverse("producers:join"), {"action": "invite", "invite-code": producer.invite_code.lower()}
    )
    membership = Membership.objects.get(user=trainee)
    assert membership.status == Membership.Status.CONFIRMED
    assert membership.confirmed_by == owner_link.user


def test_only_an_owner_can_make_an_invite_code():
    member = MembershipFactory(role=Membership.Role.MEMBER)
    with pytest.raises(PermissionDenied):
        services.generate_invite_code(member.producer, by=member.user)


def test_a_new_code_replaces_the_old_one():
    owner = MembershipFactory(role=Membership.Role.OWNER)
    old = services.generate_invite_code(owner.producer, by=owner.user)
    services.generate_invite_code(owner.producer, by=owner.user)
    with pytest.raises(ValidationError):
        services.join_with_invite_code(TraineeFactory(), old)


def test_a_wrong_invite_code_joins_nothing(client):
    signed_in(client, TraineeFactory())
    response = client.post(
        reverse("producers:join"), {"action": "invite", "invite-code": "NOPE1234"}
    )
    assert response.status_code == 200
    assert not Membership.objects.exists()


def test_the_join_page_needs_a_signed_in_user(client):
    assert client.get(reverse("producers:join")).status_code == 302


def test_geo_endpoints_list_districts_and_subdistricts(client):
    districts = client.get(reverse("producers:geo_districts"), {"province": "51"}).json()["results"]
    assert {"code": "5101", "name": "เมืองลำพูน"} in districts
    subdistricts = client.get(reverse("producers:geo_subdistricts"), {"district": "5101"}).json()
    assert any(s["code"] == "510112" for s in subdistricts["results"])
    assert "GeoThai" in subdistricts["credit"]


def _owner_edit(client, producer, **changes):
    data = {
        "name_en": producer.name_en,
        "phone": producer.phone,
        "name": producer.name,
        "house_number": producer.house_number,
        "village": producer.village,
        "subdistrict_code": producer.subdistrict_code,
        **changes,
    }
    return client.post(reverse("producers:edit_mine", args=[producer.pk]), data)


def test_an_owners_move_to_another_province_waits_for_the_coordinator(client):
    from producers.models import ProducerChangeRequest
    from tests.factories.producers import provincial_coordinator

    owner = MembershipFactory(role=Membership.Role.OWNER)
    producer = owner.producer
    signed_in(client, owner.user)
    page = client.get(reverse("producers:edit_mine", args=[producer.pk]))
    assert "producers/address-picker.js" in page.text
    response = _owner_edit(
        client,
        producer,
        phone="0812223333",
        house_number="9",
        village="หมู่ 1",
        subdistrict_code="760501",
        registration_number="9999-99999",  # not a field of the owner's form: ignored
        status="closed",
    )
    assert response.status_code == 302
    producer.refresh_from_db()
    assert producer.phone == "0812223333"  # contact: at once
    assert producer.province_code == "51" and producer.house_number != "9"
    assert producer.registration_number != "9999-99999" and producer.status == "active"
    change = ProducerChangeRequest.objects.get(producer=producer)
    assert change.status == "pending"
    assert change.changes == {"house_number": "9", "village": "หมู่ 1", "subdistrict_code": "760501"}
    assert "ท่ายาง" in client.get(reverse("producers:edit_mine", args=[producer.pk])).text
    # Saving the phone again from the form (which shows the pending values) keeps the request.
    client.post(
        reverse("producers:edit_mine", args=[producer.pk]),
        {
            **client.get(reverse("producers:edit_mine", args=[producer.pk]))
            .context["form"]
            .initial,
            "phone": "0812224444",
        },
    )
    change.refresh_from_db()
    assert change.status == "pending" and change.changes["subdistrict_code"] == "760501"

    # Phetchaburi's coordinator does not see it; Lamphun's does, and confirms it.
    client.force_login(provincial_coordinator("76"))
    decide = reverse("producer_change_requests:edit", args=[change.pk])
    assert client.get(decide).status_code == 404
    assert client.post(decide, {"decision": "confirm"}).status_code == 404
    client.force_login(provincial_coordinator("51"))
    listing = client.get(reverse("producer_change_requests:index")).content.decode()
    assert producer.name in listing
    assert "ท่ายาง" in client.get(decide).content.decode()
    client.post(decide, {"decision": "confirm"})
    producer.refresh_from_db()
    assert producer.province_code == "76" and producer.house_number == "9"
    change.refresh_from_db()
    assert change.status == "confirmed"


def test_a_rejected_change_leaves_the_producer_as_it_was(client):
    from producers.models import ProducerChangeRequest
    from tests.factories.producers import provincial_coordinator

    owner = MembershipFactory(role=Membership.Role.OWNER)
    producer = owner.producer
    signed_in(client, owner.user)
    _owner_edit(client, producer, name="กลุ่มใหม่ที่ไม่ได้จดทะเบียน")
    change = ProducerChangeRequest.objects.get(producer=producer)
    client.force_login(provincial_coordinator("51"))
    client.post(reverse("producer_change_requests:edit", args=[change.pk]), {"decision": "reject"})
    producer.refresh_from_db()
    assert producer.name != "กลุ่มใหม่ที่ไม่ได้จดทะเบียน"
    change.refresh_from_db()
    assert change.status == "rejected"


def test_a_second_edit_replaces_the_pending_request(client):
    from producers.models import ProducerChangeRequest

    owner = MembershipFactory(role=Membership.Role.OWNER)
    signed_in(client, owner.user)
    _owner_edit(client, owner.producer, subdistrict_code="760501")
    _owner_edit(client, owner.producer, subdistrict_code="501505")
    change = ProducerChangeRequest.objects.get(producer=owner.producer)
    assert change.changes == {"subdistrict_code": "501505"}
    _owner_edit(client, owner.producer)  # everything back as it is: nothing to confirm
    assert not ProducerChangeRequest.objects.exists()


def test_a_member_who_is_not_owner_cannot_edit_the_producer(client):
    member = MembershipFactory(role=Membership.Role.MEMBER)
    signed_in(client, member.user)
    assert client.get(reverse("producers:edit_mine", args=[member.producer.pk])).status_code == 404


def test_a_coordinator_adds_a_member_by_mobile_number_not_from_a_list_of_every_user(client):
    from django.urls import reverse

    from producers.models import Membership
    from tests.factories.producers import ProducerFactory, national_coordinator

    producer = ProducerFactory()
    trainee = TraineeFactory(phone="0845556666")
    client.force_login(national_coordinator())
    form_page = client.get(reverse("producer_memberships:add")).content.decode()
    assert trainee.email not in form_page  # no <option> per user
    response = client.post(
        reverse("producer_memberships:add"),
        {"user": "084-555-6666", "producer": producer.pk, "role": "member", "status": "confirmed"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=trainee, producer=producer)
    assert membership.confirmed_at is not None
