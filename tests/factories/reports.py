"""Report fixtures: enrolments with a chosen amount of progress, written directly (no completion signals).

    row = progress_row(trainee, course, done=10, completed_at=..., score=85)

Rows are written with the ORM so a test controls every date; going through learning.services would
also issue certificates, which the report tests create themselves when they need them.
"""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from learning.models import Cohort, Enrolment, LessonProgress, QuizAttempt

_codes = itertools.count(1)
BANGKOK_NOON = dt.time(12, 0)


def bangkok(day: dt.date, time: dt.time = BANGKOK_NOON) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def progress_row(
    user,
    course,
    *,
    done: int = 0,
    started: int = 0,
    enrolled_on: dt.date = dt.date(2026, 6, 2),
    completed_on: dt.date | None = None,
    cohort: Cohort | None = None,
    score: int | None = None,
) -> Enrolment:
    """An enrolment with `done` lessons completed and `started` more opened (in tree order)."""
    lessons = list(course.lessons())
    completed_at = bangkok(completed_on) if completed_on else None
    enrolment = Enrolment.objects.create(
        user=user,
        course=course,
        cohort=cohort,
        status=Enrolment.Status.COMPLETED if completed_at else Enrolment.Status.ACTIVE,
        completed_at=completed_at,
        last_activity_at=completed_at or (bangkok(enrolled_on) if done or started else None),
    )
    Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=bangkok(enrolled_on))
    enrolment.refresh_from_db()
    for index, lesson in enumerate(lessons[: done + started]):
        LessonProgress.objects.create(
            enrolment=enrolment,
            lesson=lesson,
            completed_at=bangkok(enrolled_on) if index < done else None,
        )
    if score is not None:
        QuizAttempt.objects.create(
            enrolment=enrolment,
            lesson=lessons[0],
            number=1,
            token=f"00000000-0000-0000-0000-{next(_codes):012d}",
            correct_count=1,
            question_count=1,
            score=score,
            passed=score >= 70,
        )
    return enrolment


def cohort(course, district_code: str = "5101", name: str = "รุ่นที่ 1 ลำพูน") -> Cohort:
    return Cohort.objects.create(
        course=course,
        name=name,
        district_code=district_code,
        starts_on=dt.date(2026, 6, 1),
        ends_on=dt.date(2026, 6, 30),
    )


def certificate(enrolment, status: str = "valid", code: str | None = None):
    """A certificate row for an enrolment (the certificates app's model; created directly)."""
    from certificates.models import Certificate

    return Certificate.objects.create(
        enrolment=enrolment,
        code=code or f"OTOP-2569-T{next(_codes):03d}-TEST",
        status=status,
        holder_name=enrolment.user.get_full_name(),
        course_title=enrolment.course.title,
        completed_on=(enrolment.completed_at or timezone.now()).date(),
        issued_at=timezone.now(),
    )


def admin_access(user):
    """Make sure the user may open the Wagtail admin (transactional flushes can drop the group's grant)."""
    from django.contrib.auth.models import Permission

    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    return user


def report_coordinator(*province_codes: str, **user_fields):
    """A coordinator who can open the reports: national without province codes, else provincial."""
    from tests.factories.producers import national_coordinator, provincial_coordinator

    if province_codes:
        return admin_access(provincial_coordinator(*province_codes, **user_fields))
    return admin_access(national_coordinator(**user_fields))
