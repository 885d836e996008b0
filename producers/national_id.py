"""Thai national ID numbers: check digit, keyed hash, masked display (PDPA: never stored in full)."""

import hashlib
import hmac
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.text import strip_control, without_separators

_THIRTEEN_DIGITS = re.compile(r"[0-9]{13}")


def clean_national_id(value: str) -> str:
    """The 13 ASCII digits of a national ID typed with or without spaces and dashes, in Thai,
    full-width or ASCII digits ('๑-๑๐๑๔-...' and '1-1014-...' are the same person).

    Raises ValidationError if it is not 13 digits or its check digit (mod 11) is wrong.
    """
    digits = without_separators(strip_control(value or ""))
    if not _THIRTEEN_DIGITS.fullmatch(digits):
        raise ValidationError(_("A Thai national ID has 13 digits."), code="length")
    if not has_valid_check_digit(digits):
        raise ValidationError(
            _("This national ID is not valid: its check digit does not match."), code="check_digit"
        )
    return digits


def has_valid_check_digit(digits: str) -> bool:
    """The 13th digit is (11 - sum(digit_i * (13 - i)) mod 11) mod 10 over the first 12."""
    if not _THIRTEEN_DIGITS.fullmatch(digits):
        return False
    total = sum(int(d) * (13 - i) for i, d in enumerate(digits[:12]))
    return (11 - total % 11) % 10 == int(digits[12])


def _key() -> bytes:
    # A key derived from SECRET_KEY for this purpose only, so the hash is useless without it.
    return hashlib.sha256(f"producers.national-id:{settings.SECRET_KEY}".encode()).digest()


def national_id_hash(digits: str) -> str:
    """HMAC-SHA256 of the 13 digits: the same person gives the same hash, for look-ups."""
    return hmac.new(_key(), digits.encode(), hashlib.sha256).hexdigest()
