"""Thai (๐-๙) and full-width (０-９) digits are the same numbers as ASCII ones, everywhere people type
them: a phone, a national ID, a registration number, an invite code or a certificate code."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import User
from accounts.phone import normalize_thai_mobile
from producers import services
from producers.national_id import clean_national_id
from tests.factories.accounts import TraineeFactory
from tests.factories.producers import ProducerFactory

pytestmark = pytest.mark.django_db

THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@pytest.mark.parametrize(
    "typed", ["08๑๒๓๔๕๖๗๘", "๐๘๑-๒๓๔-๕๖๗๘", "０８１２３４５６７８", "+๖๖ ๘๑ ๒๓๔ ๕๖๗๘"]
)
def test_a_mobile_number_in_thai_or_full_width_digits_is_stored_in_ascii(typed):
    assert normalize_thai_mobile(typed) == "0812345678"


@pytest.mark.parametrize("typed", ["08١٢٣٤٥٦٧٨x", "0812345678\u0301", "๐๘๑๒๓๔๕"])
def test_text_that_only_resembles_a_mobile_number_is_refused(typed):
    with pytest.raises(ValidationError):
        normalize_thai_mobile(typed)


def _sign_up(client, phone):
    return client.post(
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


@pytest.mark.parametrize("phone", ["08๑๒๓๔๕๖๗๘", "０８１２３４５６７８"])
def test_a_phone_in_other_digits_does_not_make_a_second_account(client, home_page, phone):
    TraineeFactory(phone="0812345678")
    _sign_up(client, phone)
    assert User.objects.filter(phone__endswith="5678").count() == 1
    assert not User.objects.exclude(phone__regex=r"^[0-9]{10}$").exclude(phone=None).exists()


def test_a_national_id_in_thai_or_full_width_digits_is_the_same_id():
    ascii_id = "1101700207030"
    assert clean_national_id(ascii_id.translate(THAI)) == ascii_id
    assert clean_national_id("๑-๑๐๑๗-๐๐๒๐๗-๐๓-๐") == ascii_id
    assert clean_national_id(ascii_id.translate(FULL_WIDTH)) == ascii_id


def test_one_national_id_is_recorded_once_however_its_digits_are_written():
    from producers.models import TraineeIdentity

    ascii_id = "1101700207030"
    services.record_national_id(TraineeFactory(), ascii_id)
    for spelling in (ascii_id.translate(THAI), ascii_id.translate(FULL_WIDTH)):
        with pytest.raises(ValidationError):
            services.record_national_id(TraineeFactory(), spelling)
    assert TraineeIdentity.objects.count() == 1


def test_a_registration_number_is_found_in_thai_digits():
    producer = ProducerFactory(registration_number="5101-00017")
    assert services.find_producer("๕๑๐๑-๐๐๐๑๗") == producer
    assert services.find_producer("５１０１-０００１７") == producer


def test_an_invite_code_is_accepted_in_thai_digits():
    from producers.models import Membership
    from tests.factories.producers import MembershipFactory

    owner = MembershipFactory(role=Membership.Role.OWNER, status=Membership.Status.CONFIRMED)
    producer = owner.producer
    producer.invite_code = "AB12CD34"
    producer.save(update_fields=["invite_code"])
    membership = services.join_with_invite_code(TraineeFactory(), "ab๑๒-cd๓๔")
    assert membership.producer == producer


def test_a_certificate_code_typed_with_thai_digits_is_found(client, home_page):
    from certificates.selectors import by_code
    from tests.factories.certificates import CertificateTemplateFactory, SignatoryFactory, issued

    SignatoryFactory(template=CertificateTemplateFactory())
    cert = issued()
    thai_code = cert.code.lower().translate(THAI)
    assert by_code(thai_code) == cert
    response = client.get(reverse("certificates:verify_form"), {"code": thai_code})
    assert response.status_code == 302
    assert response.url.endswith(f"/verify/{cert.code}/")
