"""Demo: the OTOP Product Champion 2569 round, with checks that some demo producers pass and some do not."""

import datetime as dt

from courses.models import CoursePage
from selection.models import RoundRule, SelectionRound

ROUND_NAME = "คัดสรรสุดยอดหนึ่งตำบล หนึ่งผลิตภัณฑ์ไทย (OTOP Product Champion) ปี 2569"
TCPS_COURSE = "community-product-standard-tcps"


def seed(out) -> None:
    round, created = SelectionRound.objects.get_or_create(
        name=ROUND_NAME,
        defaults={
            "year": 2569,
            "opens_on": dt.date(2026, 7, 1),
            "closes_on": dt.date(2026, 12, 31),
        },
    )
    if not created:
        out.write(f"Selection: “{round.name}” already there.")
        return
    K = RoundRule.Kind
    rules = [
        RoundRule(kind=K.REGISTERED_BEFORE, on_date=dt.date(2021, 1, 1)),
        RoundRule(kind=K.ACTIVE_STATUS),
        RoundRule(
            kind=K.STANDARD_HELD, standard_kinds=["community", "fda"], on_date=dt.date(2026, 9, 30)
        ),
    ]
    course = CoursePage.objects.filter(slug=TCPS_COURSE).first()
    if course is not None:
        rules.append(
            RoundRule(
                kind=K.COURSE_CERTIFICATES,
                course_ids=[course.pk],
                holder=RoundRule.Holder.MEMBERS,
                min_members=1,
            )
        )
    rules.append(RoundRule(kind=K.NO_REVOKED_EVIDENCE))
    for order, rule in enumerate(rules):
        rule.round = round
        rule.sort_order = order
        rule.save()
    out.write(f"Selection: “{round.name}” with {len(rules)} checks.")
