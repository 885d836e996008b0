"""Thai mobile numbers: accepted as typed (spaces, dashes, +66), stored as ten digits starting with 0."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_MOBILE = re.compile(r"^0[689]\d{8}$")


def normalize_thai_mobile(raw: str) -> str:
    """Return the ten-digit form of a Thai mobile number, or raise ValidationError."""
    digits = re.sub(r"[\s\-().]", "", raw or "")
    if digits.startswith("+66"):
        digits = "0" + digits[3:]
    elif digits.startswith("66") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not _MOBILE.match(digits):
        raise ValidationError(
            _("Enter a Thai mobile number of 10 digits, for example 081 234 5678."),
            code="invalid_phone",
        )
    return digits


def looks_like_phone(value: str) -> bool:
    return "@" not in value and bool(re.search(r"\d", value or ""))
