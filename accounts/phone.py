"""Thai mobile numbers: accepted as typed (spaces, dashes, +66, Thai or full-width digits), stored as
ten ASCII digits starting with 0."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.text import ascii_digits, strip_control, without_separators

_MOBILE = re.compile(r"0[689][0-9]{8}")


def normalize_thai_mobile(raw: str) -> str:
    """Return the ten-digit form of a Thai mobile number, or raise ValidationError.

    '๐๘๑-๒๓๔-๕๖๗๘', '+66 81 234 5678' and '(081)2345678' all give '0812345678'.
    """
    digits = without_separators(strip_control(raw or ""))
    if digits.startswith("+66"):
        digits = "0" + digits[3:]
    elif digits.startswith("66") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not _MOBILE.fullmatch(digits):
        raise ValidationError(
            _("Enter a Thai mobile number of 10 digits, for example 081 234 5678."),
            code="invalid_phone",
        )
    return digits


def looks_like_phone(value: str) -> bool:
    """True for text meant as a phone number (it has a digit and no @), not an email address."""
    return "@" not in (value or "") and bool(re.search(r"[0-9]", ascii_digits(value or "")))
