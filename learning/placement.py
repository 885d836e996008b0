"""Where a trainee belongs, decided once for the whole platform (reports, API, admin, certificates).

The rule:

* A trainee's home is the producer of their earliest confirmed membership (by confirmation time):
  its province and district. Their certificates name that producer.
* A trainee with no confirmed membership belongs to the training session (cohort) that first
  enrolled them: its province and district.
* A trainee with neither is unplaced: only national coordinators see them in reports.
* A provincial coordinator sees, in reports and progress, the trainees whose home is in their
  provinces, and may add to a training session or to a producer only trainees who are unplaced or
  whose home is already in their provinces. Anyone else is answered as if the account did not
  exist, so the forms do not tell which contacts have accounts.
* Coordinators (the national one included) and staff accounts are never trainees: nobody can enrol
  them in a session or add them to a producer.
"""

from __future__ import annotations

from django.db.models import CharField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from wagtail import hooks

from accounts.models import User
from accounts.services import COORDINATORS
from learning.models import Enrolment
from producers.selectors import home_producer_values, province_codes_for

AREA_FIELDS = ("province_code", "district_code")


def home_area(field: str, user_ref=None) -> Coalesce:
    """SQL for the trainee's home `province_code` or `district_code`; `user_ref` is an OuterRef to
    the user's id (default: the `user_id` of the row being annotated, e.g. an enrolment)."""
    if field not in AREA_FIELDS:
        raise ValueError(f"home_area takes one of {AREA_FIELDS}, not {field!r}")
    user_ref = user_ref if user_ref is not None else OuterRef("user_id")
    first_cohort = (
        Enrolment.objects.filter(user=user_ref, cohort__isnull=False)
        .order_by("enrolled_at", "pk")
        .values(f"cohort__{field}")[:1]
    )
    return Coalesce(
        Subquery(home_producer_values(field, user_ref), output_field=CharField()),
        Subquery(first_cohort, output_field=CharField()),
        output_field=CharField(),
    )


def with_home(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """Enrolments annotated with the trainee's `home_province_code` and `home_district_code`."""
    return enrolments.annotate(
        home_province_code=home_area("province_code"),
        home_district_code=home_area("district_code"),
    )


def enrolments_visible_to(user, enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """The enrolments of trainees whose home is in `user`'s provinces (all for a national one).

    The queryset comes back annotated by `with_home`.
    """
    enrolments = with_home(enrolments)
    codes = province_codes_for(user)
    if codes is None:
        return enrolments
    return enrolments.filter(home_province_code__in=codes)


def home_province_of(trainee: User) -> str | None:
    """The trainee's home province code, or None when they are unplaced."""
    return (
        User.objects.filter(pk=trainee.pk)
        .annotate(home=home_area("province_code", OuterRef("pk")))
        .values_list("home", flat=True)
        .first()
    )


def never_trainees() -> Q:
    """Accounts that are never trainees: superusers, staff and coordinators."""
    return Q(is_superuser=True) | Q(is_staff=True) | Q(groups__name=COORDINATORS)


def is_never_a_trainee(user: User) -> bool:
    return User.objects.filter(pk=user.pk).filter(never_trainees()).exists()


@hooks.register("can_place_trainee")  # producers' membership form asks through this hook
def can_place(coordinator: User, trainee: User) -> bool:
    """May `coordinator` add `trainee` to a training session or a producer of theirs?"""
    if not trainee.is_active or is_never_a_trainee(trainee):
        return False
    codes = province_codes_for(coordinator)
    if codes is None:
        return True
    home = home_province_of(trainee)
    return home is None or home in codes
