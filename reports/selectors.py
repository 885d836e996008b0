"""The queries behind the coordinators' completion reports. Every report is a fixed number of SQL queries.

Where a trainee belongs is learning.placement's rule, the one every app uses: the province and
district of their home producer (earliest confirmed membership), else of the training session that
first enrolled them; a trainee with neither is seen by national coordinators only. Provincial
scoping is a WHERE clause on that same expression, so no list or export can leak a row.
"""

from __future__ import annotations

from collections import Counter

from django.apps import apps
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate, TruncMonth
from wagtail.models import Page

from courses.models import CoursePage
from courses.selectors import required_lessons
from learning.models import Enrolment, LessonProgress, QuizAttempt
from learning.placement import home_area
from producers.selectors import home_producer_values, province_codes_for


def certificate_model():
    """The certificates app's Certificate model, or None while that app has no model yet."""
    try:
        return apps.get_model("certificates", "Certificate")
    except LookupError:
        return None


def is_national(user) -> bool:
    return province_codes_for(user) is None


def _producer_field(field: str) -> Subquery:
    """One field of the trainee's home producer (learning.placement), as a correlated subquery."""
    return Subquery(home_producer_values(field), output_field=CharField())


def scoped_enrolments(user) -> QuerySet[Enrolment]:
    """Enrolments `user` may report on, annotated with where the trainee belongs and their producer type."""
    queryset = Enrolment.objects.annotate(
        province_code=home_area("province_code"),
        district_code=home_area("district_code"),
        producer_type=_producer_field("producer_type"),
    )
    codes = province_codes_for(user)
    if codes is not None:
        queryset = queryset.filter(province_code__in=codes)
    return queryset


def _certificate_status() -> Subquery | Value:
    """The status of the enrolment's current certificate (active before replaced/revoked, newest first)."""
    certificate = certificate_model()
    if certificate is None:
        return Value("", output_field=CharField())
    return Subquery(_current_certificates(certificate).values("status")[:1])


def _certificate_code() -> Subquery | Value:
    certificate = certificate_model()
    if certificate is None:
        return Value("", output_field=CharField())
    return Subquery(_current_certificates(certificate).values("code")[:1])


def _current_certificates(certificate) -> QuerySet:
    return certificate.objects.filter(enrolment=OuterRef("pk")).order_by(
        Case(
            When(status__in=["valid", "pending"], then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ),
        "-version",
        "-pk",
    )


def _has_valid_certificate() -> Exists | Value:
    certificate = certificate_model()
    if certificate is None:
        return Value(False)
    return Exists(certificate.objects.filter(enrolment=OuterRef("pk"), status="valid"))


def required_lessons_by_course() -> tuple[dict[int, int], list[int]]:
    """(required lesson count per course, ids of every live required lesson), from two small queries.

    The rule of courses.selectors.required_lessons, worked out once per report instead of once per
    row: at 600,000 enrolments the per-row tree lookups were most of the report's time.
    """
    courses = dict(CoursePage.objects.values_list("path", "pk"))
    counts: Counter[int] = Counter()
    lesson_ids = []
    for pk, path in required_lessons().values_list("pk", "path"):
        for end in range(Page.steplen, len(path), Page.steplen):
            course_id = courses.get(path[:end])
            if course_id is not None:
                counts[course_id] += 1
                lesson_ids.append(pk)
                break
    return dict(counts), lesson_ids


def with_report_progress(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    """Annotate `required_count` and `done_count` exactly as with_progress does, cheaper per row."""
    counts, lesson_ids = required_lessons_by_course()
    required = Case(
        *[When(course_id=course_id, then=Value(n)) for course_id, n in counts.items()],
        default=Value(0),
        output_field=IntegerField(),
    )
    done = (
        LessonProgress.objects.filter(
            enrolment=OuterRef("pk"), completed_at__isnull=False, lesson_id__in=lesson_ids
        )
        .order_by()
        .values("enrolment")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return enrolments.annotate(
        required_count=required,
        done_count=Coalesce(Subquery(done, output_field=IntegerField()), 0),
    )


COMPLETION_FIELDS = [
    "pk",
    "user__title",
    "user__title_other",
    "user__first_name",
    "user__last_name",
    "user__first_name_en",
    "user__last_name_en",
    "producer_name",
    "producer_registration_number",
    "province_code",
    "district_code",
    "course__title",
    "course__title_en",
    "cohort__name",
    "enrolled_on",
    "last_activity_on",
    "done_count",
    "required_count",
    "best_score",
    "completed_on",
    "status",
    "certificate_code",
    "certificate_status",
]
CONTACT_FIELDS = ["user__phone", "user__email"]


def _completion_fields(include_contacts: bool) -> list[str]:
    return COMPLETION_FIELDS + (CONTACT_FIELDS if include_contacts else [])


def completion_rows(enrolments: QuerySet[Enrolment], include_contacts: bool = False) -> QuerySet:
    """One dict per enrolment with everything the completion report shows (a single SQL query).

    Dates are calendar dates in Asia/Bangkok (the database truncates them in the current time zone).
    National IDs are never selected; phone and email only when `include_contacts`.
    """
    fields = _completion_fields(include_contacts)
    return _completion_annotated(enrolments).values(*fields)


def completion_tuples(enrolments: QuerySet[Enrolment], include_contacts: bool = False) -> QuerySet:
    """The rows of `completion_rows` as plain tuples, in COMPLETION_FIELDS order (+ CONTACT_FIELDS).

    What downloads read: a tuple per row is the cheapest thing the ORM can build.
    """
    fields = _completion_fields(include_contacts)
    typed = {name: f"typed_{name}" for name in TYPED_BY_THE_DATABASE}
    return (
        _completion_annotated(enrolments)
        .annotate(**{alias: _AsReturned(F(name)) for name, alias in typed.items()})
        .values_list(*(typed.get(name, name) for name in fields))
    )


# Annotations the database already returns typed: dates (`::date`) and integers. Django would still
# call each one's own converter (TruncDate: datetime → date; integer expressions: int(value)) on
# every row, a quarter of the Python time of a 600,000-row download, for values they leave as they are.
TYPED_BY_THE_DATABASE = [
    "enrolled_on",
    "last_activity_on",
    "done_count",
    "required_count",
    "best_score",
    "completed_on",
]


class _AsReturned(Func):
    """The same SQL as its expression, read without the expression's own converter.

    The database backend's converters for the output field are kept (SQLite's text → date), so values
    come out of the same type; only the no-op Python call per value is left out.
    """

    template = "%(expressions)s"

    def get_db_converters(self, connection):
        return self.output_field.get_db_converters(connection)


def _completion_annotated(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    best_score = QuizAttempt.objects.filter(enrolment=OuterRef("pk")).order_by("-score")
    return with_report_progress(enrolments).annotate(
        producer_name=_producer_field("name"),
        producer_registration_number=_producer_field("registration_number"),
        best_score=Subquery(best_score.values("score")[:1], output_field=IntegerField()),
        enrolled_on=TruncDate("enrolled_at"),
        last_activity_on=TruncDate("last_activity_at"),
        completed_on=TruncDate("completed_at"),
        certificate_code=_certificate_code(),
        certificate_status=_certificate_status(),
    )


SUMMARY_DIMENSIONS = {
    "course": ["course_id", "course__title", "course__title_en"],
    "province": ["province_code"],
    "district": ["district_code"],
    "cohort": ["cohort_id", "cohort__name"],
    "month": ["month"],
}


def _with_funnel_flags(enrolments: QuerySet[Enrolment]) -> QuerySet[Enrolment]:
    return enrolments.annotate(
        has_started=Exists(LessonProgress.objects.filter(enrolment=OuterRef("pk"))),
        has_certificate=_has_valid_certificate(),
    )


FUNNEL_COUNTS = {
    "enrolled": Count("pk"),
    "started": Count("pk", filter=Q(has_started=True)),
    "completed": Count("pk", filter=Q(status=Enrolment.Status.COMPLETED)),
    "certified": Count("pk", filter=Q(has_certificate=True)),
}


def summary_rows(enrolments: QuerySet[Enrolment], by: str) -> list[dict]:
    """Enrolled, started, completed and certified counts grouped by one dimension (one query).

    `by` is one of SUMMARY_DIMENSIONS; "month" is the month of enrolment (Asia/Bangkok).
    """
    fields = SUMMARY_DIMENSIONS[by]
    queryset = _with_funnel_flags(enrolments)
    if by == "month":
        queryset = queryset.annotate(month=TruncMonth("enrolled_at"))
    rows = list(queryset.values(*fields).annotate(**FUNNEL_COUNTS).order_by(*fields))
    for row in rows:
        row["rate"] = round(row["completed"] * 100 / row["enrolled"], 1) if row["enrolled"] else 0
    return rows


def funnel(enrolments: QuerySet[Enrolment]) -> dict[str, int]:
    """Enrolled → started → completed → certified, for the whole filtered set (one query)."""
    return _with_funnel_flags(enrolments).aggregate(**FUNNEL_COUNTS)


def completions_by_month(enrolments: QuerySet[Enrolment]) -> list[dict]:
    """Number of completions per calendar month of completion (Asia/Bangkok)."""
    return list(
        enrolments.filter(status=Enrolment.Status.COMPLETED)
        .annotate(month=TruncMonth("completed_at"))
        .values("month")
        .annotate(count=Count("pk"))
        .order_by("month")
    )


def completions_by_province(enrolments: QuerySet[Enrolment]) -> list[dict]:
    return list(
        enrolments.filter(status=Enrolment.Status.COMPLETED)
        .values("province_code")
        .annotate(count=Count("pk"))
        .order_by("-count", "province_code")
    )
