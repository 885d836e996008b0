"""End to end on the real services: a member completes the course, the certificate is issued,
the producer becomes eligible; revoking the certificate makes it ineligible at once."""

import datetime as dt

import pytest

from certificates.models import Certificate
from learning import services as learning
from producers.models import Membership
from selection import services
from selection.models import RoundRule
from tests.factories.courses import make_course
from tests.factories.producers import (
    MembershipFactory,
    ProducerFactory,
    ProductFactory,
    ProductStandardFactory,
)
from tests.factories.selection import make_round

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def test_completing_the_course_makes_eligible_and_revoking_makes_ineligible(
    django_capture_on_commit_callbacks,
):
    course = make_course(lessons=2)
    producer = ProducerFactory(registered_on=dt.date(2018, 5, 1))
    ProductStandardFactory(
        product=ProductFactory(producer=producer), expires_on=dt.date(2027, 5, 31)
    )
    owner = MembershipFactory(producer=producer, role=Membership.Role.OWNER).user
    round = make_round(
        {"kind": RoundRule.Kind.REGISTERED_BEFORE, "on_date": dt.date(2021, 1, 1)},
        {
            "kind": RoundRule.Kind.STANDARD_HELD,
            "standard_kinds": ["community"],
            "on_date": dt.date(2026, 9, 30),
        },
        {"kind": RoundRule.Kind.COURSE_CERTIFICATES, "course_ids": [course.pk], "holder": "owner"},
        {"kind": RoundRule.Kind.NO_REVOKED_EVIDENCE},
    )
    assert not services.evaluate(producer, round).eligible

    enrolment, _ = learning.enrol(owner, course)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in course.lessons():
            learning.start_lesson(enrolment, lesson)
            learning.complete_lesson(enrolment, lesson)
    cert = Certificate.objects.get(enrolment=enrolment)
    assert cert.status == Certificate.Status.VALID

    verdict = services.evaluate(producer, round)
    assert verdict.eligible
    assert verdict.checks[2].evidence[0].data["code"] == cert.code

    cert.revoke("ยื่นหลักฐานการอบรมไม่ถูกต้อง")
    verdict = services.evaluate(producer, round)
    assert not verdict.eligible
    assert [c.passed for c in verdict.checks] == [True, True, False, False]
