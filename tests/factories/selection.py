"""Factories for selection rounds, and certificates made directly (no PDF rendering)."""

import datetime as dt
import itertools

from django.utils import timezone

from certificates.models import Certificate
from learning.models import Enrolment
from selection.models import RoundRule, SelectionRound

_codes = itertools.count(1)


def make_round(*rules: dict, **fields) -> SelectionRound:
    """A round (OTOP Product Champion 2569 by default) with rules given as field dicts."""
    defaults = {
        "name": "คัดสรรสุดยอดหนึ่งตำบล หนึ่งผลิตภัณฑ์ไทย ปี 2569",
        "year": 2569,
        "opens_on": dt.date(2026, 1, 1),
        "closes_on": dt.date(2026, 12, 31),
    }
    round = SelectionRound.objects.create(**{**defaults, **fields})
    for order, rule in enumerate(rules):
        RoundRule.objects.create(round=round, sort_order=order, **rule)
    return round


def certificate_for(user, course, status=Certificate.Status.VALID, producer=None) -> Certificate:
    """A completed enrolment of `user` in `course` with one certificate in `status`."""
    enrolment, _created = Enrolment.objects.get_or_create(
        user=user,
        course=course,
        defaults={"status": Enrolment.Status.COMPLETED, "completed_at": timezone.now()},
    )
    n = next(_codes)
    return Certificate.objects.create(
        enrolment=enrolment,
        code=f"OTOP-2569-T{n:03d}-X{n:03d}",
        status=status,
        holder_name=user.get_full_name(),
        course_title=course.title,
        completed_on=dt.date(2026, 6, 1),
        producer=producer,
        issued_at=timezone.now(),
        revoked_at=timezone.now() if status == Certificate.Status.REVOKED else None,
    )
