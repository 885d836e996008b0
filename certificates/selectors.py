"""Queries about certificates that other apps (reports, api, eligibility) and views use."""

from collections.abc import Iterable

from django.db.models import QuerySet

from certificates.models import Certificate
from core.text import ascii_digits, strip_control


def valid_certificates(
    user_ids: Iterable[int] | None = None, course_ids: Iterable[int] | None = None
) -> QuerySet[Certificate]:
    """VALID certificates, optionally only for these holders (user ids) and courses (page ids)."""
    qs = Certificate.objects.valid().select_related("enrolment")
    if user_ids is not None:
        qs = qs.filter(enrolment__user_id__in=list(user_ids))
    if course_ids is not None:
        qs = qs.filter(enrolment__course_id__in=list(course_ids))
    return qs


def by_code(code: str) -> Certificate | None:
    """The certificate with this code, typed in any case, with Thai or full-width digits or a
    stray control character (none is found for a code that cannot be one, never an error)."""
    code = ascii_digits(strip_control(code or "")).strip().upper()
    if not code:
        return None
    return Certificate.objects.select_related("replaced_by", "enrolment").filter(code=code).first()


def latest_for_enrolments(enrolment_ids: Iterable[int]) -> dict[int, Certificate]:
    """The newest certificate of each enrolment (any status), in one query."""
    latest: dict[int, Certificate] = {}
    for cert in Certificate.objects.filter(enrolment_id__in=list(enrolment_ids)).order_by(
        "enrolment_id", "-version", "-created_at"
    ):
        latest.setdefault(cert.enrolment_id, cert)
    return latest


def visible_to(user) -> QuerySet[Certificate]:
    """Certificates a coordinator may see: all for a national one; for a provincial one, those whose
    producer (as issued) is in their provinces. Nobody else sees any through this."""
    from producers.selectors import province_codes_for

    codes = province_codes_for(user)
    if codes is None:
        return Certificate.objects.all()
    return Certificate.objects.filter(producer__province_code__in=codes)


def held_by(user) -> QuerySet[Certificate]:
    """A person's own certificates, newest first; a replaced version gives way to its successor."""
    return (
        Certificate.objects.filter(enrolment__user=user)
        .exclude(status=Certificate.Status.REPLACED)
        .order_by("-completed_on", "-created_at")
    )
