"""The eligibility engine: each check passing and failing, with its evidence."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from producers.models import Membership, Producer
from selection import services
from selection.models import RoundRule
from tests.factories.courses import make_course
from tests.factories.producers import (
    MembershipFactory,
    ProducerFactory,
    ProductFactory,
    ProductStandardFactory,
    RequestedMembershipFactory,
)
from tests.factories.selection import certificate_for, make_round

pytestmark = pytest.mark.django_db
K = RoundRule.Kind


def only_check(producer, **rule):
    verdict = services.evaluate(producer, make_round(rule))
    assert len(verdict.checks) == 1
    return verdict.checks[0]


def test_registered_before_passes_with_the_registration_date_as_evidence():
    producer = ProducerFactory(registered_on=dt.date(2017, 1, 15))
    check = only_check(producer, kind=K.REGISTERED_BEFORE, on_date=dt.date(2026, 3, 1))
    assert check.passed
    assert check.evidence[0].data == {"registered_on": "2017-01-15"}


def test_registered_on_the_limit_or_unknown_fails():
    on_limit = ProducerFactory(registered_on=dt.date(2026, 3, 1))
    unknown = ProducerFactory(registered_on=None)
    assert not only_check(on_limit, kind=K.REGISTERED_BEFORE, on_date=dt.date(2026, 3, 1)).passed
    assert not only_check(unknown, kind=K.REGISTERED_BEFORE, on_date=dt.date(2026, 3, 1)).passed


def test_suspended_producer_fails_the_active_check():
    assert only_check(ProducerFactory(), kind=K.ACTIVE_STATUS).passed
    suspended = ProducerFactory(status=Producer.Status.SUSPENDED)
    check = only_check(suspended, kind=K.ACTIVE_STATUS)
    assert not check.passed
    assert check.evidence[0].data == {"status": "suspended"}


def test_product_in_categories_names_the_matching_product():
    producer = ProducerFactory()
    ProductFactory(producer=producer, name="น้ำพริกเผา", category="food")
    check = only_check(producer, kind=K.PRODUCT_IN_CATEGORIES, categories=["food", "beverage"])
    assert check.passed
    assert check.evidence[0].data == {"product": "น้ำพริกเผา", "category": "food"}
    assert not only_check(producer, kind=K.PRODUCT_IN_CATEGORIES, categories=["herbal"]).passed


def test_standard_held_gives_number_and_expiry_and_fails_when_expired_on_the_date():
    producer = ProducerFactory()
    product = ProductFactory(producer=producer)
    ProductStandardFactory(
        product=product,
        kind="community",
        certificate_number="มผช. 17/2565",
        expires_on=dt.date(2026, 5, 31),
    )
    before = only_check(
        producer,
        kind=K.STANDARD_HELD,
        standard_kinds=["community", "fda"],
        on_date=dt.date(2026, 5, 31),
    )
    assert before.passed
    assert before.evidence[0].data["number"] == "มผช. 17/2565"
    assert before.evidence[0].data["expires_on"] == "2026-05-31"
    after = only_check(
        producer, kind=K.STANDARD_HELD, standard_kinds=["community"], on_date=dt.date(2026, 6, 1)
    )
    assert not after.passed
    assert after.evidence[0].data["number"] == "มผช. 17/2565"  # shown: it is what expired


def test_standard_of_another_kind_does_not_count():
    producer = ProducerFactory()
    ProductStandardFactory(product=ProductFactory(producer=producer), kind="halal")
    check = only_check(
        producer, kind=K.STANDARD_HELD, standard_kinds=["fda"], on_date=dt.date(2026, 1, 1)
    )
    assert not check.passed
    assert check.evidence == []


def test_owner_certificate_passes_with_code_and_holder():
    course = make_course(lessons=1)
    producer = ProducerFactory()
    owner = MembershipFactory(producer=producer, role=Membership.Role.OWNER).user
    cert = certificate_for(owner, course)
    check = only_check(producer, kind=K.COURSE_CERTIFICATES, course_ids=[course.pk], holder="owner")
    assert check.passed
    assert check.evidence[0].data["code"] == cert.code
    assert check.evidence[0].data["holder"] == owner.get_full_name()


def test_member_certificate_does_not_satisfy_an_owner_rule_and_names_the_missing_course():
    course = make_course(lessons=1)
    producer = ProducerFactory()
    MembershipFactory(producer=producer, role=Membership.Role.OWNER)
    member = MembershipFactory(producer=producer).user
    certificate_for(member, course)
    check = only_check(producer, kind=K.COURSE_CERTIFICATES, course_ids=[course.pk], holder="owner")
    assert not check.passed
    assert check.missing_course_ids == [course.pk]


def test_members_rule_counts_only_confirmed_members():
    course = make_course(lessons=1)
    producer = ProducerFactory()
    confirmed = MembershipFactory(producer=producer).user
    requested = RequestedMembershipFactory(producer=producer).user
    certificate_for(confirmed, course)
    certificate_for(requested, course)
    rule = {"kind": K.COURSE_CERTIFICATES, "course_ids": [course.pk], "holder": "members"}
    assert only_check(producer, **rule, min_members=1).passed
    with translation.override("en"):
        two = only_check(producer, **rule, min_members=2)
    assert not two.passed
    assert (
        two.summary.startswith("1 confirmed member holds") and "(at least 2 needed)" in two.summary
    )


def test_newly_confirmed_membership_counts_at_once():
    course = make_course(lessons=1)
    producer = ProducerFactory()
    membership = RequestedMembershipFactory(producer=producer)
    certificate_for(membership.user, course)
    round = make_round(
        {
            "kind": K.COURSE_CERTIFICATES,
            "course_ids": [course.pk],
            "holder": "members",
            "min_members": 1,
        }
    )
    assert not services.evaluate(producer, round).eligible
    membership.status = Membership.Status.CONFIRMED
    membership.save()
    assert services.evaluate(producer, round).eligible


def test_revoking_the_only_certificate_makes_the_producer_ineligible():
    course = make_course(lessons=1)
    producer = ProducerFactory()
    owner = MembershipFactory(producer=producer, role=Membership.Role.OWNER).user
    cert = certificate_for(owner, course)
    round = make_round(
        {"kind": K.COURSE_CERTIFICATES, "course_ids": [course.pk], "holder": "owner"},
        {"kind": K.NO_REVOKED_EVIDENCE},
    )
    assert services.evaluate(producer, round).eligible
    cert.revoke("ผู้เรียนส่งแบบทดสอบแทนกัน")
    verdict = services.evaluate(producer, round)
    assert not verdict.eligible
    courses_check, revoked_check = verdict.checks
    assert not courses_check.passed
    assert not revoked_check.passed
    assert revoked_check.evidence[0].data["code"] == cert.code


def test_rules_check_their_parameters():
    with pytest.raises(ValidationError) as error:
        RoundRule(kind=K.STANDARD_HELD, standard_kinds=[]).clean()
    assert set(error.value.message_dict) == {"on_date", "standard_kinds"}
    with pytest.raises(ValidationError) as error:
        RoundRule(kind=K.COURSE_CERTIFICATES, course_ids=[1], holder="members").clean()
    assert set(error.value.message_dict) == {"min_members"}
    RoundRule(kind=K.ACTIVE_STATUS).clean()


def test_evaluate_many_uses_a_fixed_number_of_queries():
    course = make_course(lessons=1)
    round = make_round(
        {"kind": K.ACTIVE_STATUS},
        {"kind": K.STANDARD_HELD, "standard_kinds": ["community"], "on_date": dt.date(2026, 6, 1)},
        {
            "kind": K.COURSE_CERTIFICATES,
            "course_ids": [course.pk],
            "holder": "members",
            "min_members": 1,
        },
    )

    def add_producers(n):
        for _ in range(n):
            producer = ProducerFactory()
            ProductStandardFactory(product=ProductFactory(producer=producer))
            certificate_for(MembershipFactory(producer=producer).user, course)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            verdicts = list(services.evaluate_many(Producer.objects.all(), round, chunk_size=100))
        return len(verdicts), len(ctx.captured_queries)

    add_producers(3)
    few = count()
    add_producers(12)
    many = count()
    assert few[0] == 3 and many[0] == 15
    assert few[1] == many[1]
