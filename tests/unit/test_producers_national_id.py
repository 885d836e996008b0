import pytest
from django.core.exceptions import ValidationError

from producers.models import TraineeIdentity
from producers.national_id import clean_national_id, has_valid_check_digit, national_id_hash
from producers.services import record_national_id
from tests.factories.accounts import TraineeFactory
from tests.factories.producers import national_id


@pytest.mark.parametrize("valid", ["1101700207030", "3509900123450", "1500100456786"])
def test_ids_with_the_right_check_digit_are_accepted(valid):
    assert has_valid_check_digit(valid)
    assert clean_national_id(valid) == valid


def test_an_id_typed_with_dashes_and_spaces_is_read_as_its_digits():
    assert clean_national_id("1-1017-00207-03-0") == "1101700207030"
    assert clean_national_id(" 1 1017 00207 03 0 ") == "1101700207030"


@pytest.mark.parametrize("wrong_last", "123456789")
def test_every_other_check_digit_is_refused(wrong_last):
    with pytest.raises(ValidationError) as error:
        clean_national_id("110170020703" + wrong_last)
    assert error.value.code == "check_digit"


@pytest.mark.parametrize("typed", ["", "110170020703", "11017002070300", "11017OO207030"])
def test_ids_that_are_not_13_digits_are_refused(typed):
    with pytest.raises(ValidationError) as error:
        clean_national_id(typed)
    assert error.value.code == "length"


def test_the_hash_is_keyed_and_stable():
    assert national_id_hash("1101700207030") == national_id_hash("1101700207030")
    assert national_id_hash("1101700207030") != national_id_hash(national_id("110170020704"))
    assert "1101700207030" not in national_id_hash("1101700207030")


@pytest.mark.django_db
def test_a_recorded_id_keeps_only_the_hash_last_four_digits_and_the_consent(settings):
    trainee = TraineeFactory()
    identity = record_national_id(trainee, "1-1017-00207-03-0")
    stored = TraineeIdentity.objects.filter(pk=identity.pk).values().get()
    assert "1101700207030" not in str(stored)
    assert stored["national_id_last4"] == "7030"
    assert stored["consent_version"] == settings.PRIVACY_NOTICE_VERSION
    assert stored["consent_at"] is not None
    assert identity.masked.endswith("70-30")


@pytest.mark.django_db
def test_the_same_id_cannot_be_recorded_for_two_accounts():
    record_national_id(TraineeFactory(), "1101700207030")
    with pytest.raises(ValidationError):
        record_national_id(TraineeFactory(), "1101700207030")
