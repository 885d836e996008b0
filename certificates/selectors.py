"""Queries about certificates that other apps (reports, api, eligibility) and views use."""

import re
import unicodedata
from collections.abc import Iterable

from django.db.models import QuerySet

from certificates.models import Certificate
from core.text import ascii_digits, strip_control, without_separators


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


# OTOP-2569-7KQ4-M2XD with the dashes left out: "OTOP", the Buddhist Era year, 8 code characters.
_COMPACT_CODE = re.compile(r"^OTOP(\d{4})([0-9A-Z]{8})$")
# Letters people type for look-alike digits; the random part is Crockford base32, which has none of them.
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def normalise_code(typed: str) -> str:
    """A certificate number as it is stored, from what someone typed or pasted.

    Spaces, missing or extra dashes, lower case, and Thai or full-width digits and letters all give
    the same code: " otop ๒๕๖๙ 7kq4m2xd " -> "OTOP-2569-7KQ4-M2XD". Text that is not shaped like a
    code comes back trimmed and upper-cased (it then matches nothing).
    """
    text = unicodedata.normalize("NFKC", ascii_digits(strip_control(typed or "")))
    compact = without_separators(text).upper()
    found = _COMPACT_CODE.match(compact)
    if not found:
        return text.strip().upper()
    year, chars = found.groups()
    return f"OTOP-{year}-{chars[:4]}-{chars[4:]}"


def by_code(code: str) -> Certificate | None:
    """The certificate with this code, however it was typed (see `normalise_code`); O, I or L typed
    for 0 or 1 is forgiven (issued codes are Crockford base32, without those letters). None for a
    code that matches none (never an error)."""
    code = normalise_code(code)
    if not code:
        return None
    spellings = (
        {code, code[:10] + code[10:].translate(_LOOK_ALIKES)} if code[:5] == "OTOP-" else {code}
    )
    return (
        Certificate.objects.select_related("replaced_by", "enrolment", "template")
        .filter(code__in=spellings)
        .order_by("code")
        .first()
    )


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
