"""Checking one imported row: codes for type, category and status, the address, the date, the ID.

Values are read the way a Thai reader reads them. Where the meaning is clear but the form is not
the usual one, the row is accepted with a warning shown in the preview; only what cannot be
understood, or could mean two things, is a row error. Dates: a year above 2400 is Buddhist Era and
one below is Christian Era, whatever the form (15/01/2560, 15/01/2017, 2560-01-15, an Excel date
cell holding 2560); Thai digits are read as digits; dates before 2533 B.E. (1990) or in the future
are errors.
"""

import datetime as dt
import re
import time
from dataclasses import dataclass, field
from functools import lru_cache

import geothai
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.text import ascii_digits, strip_control
from producers import addresses
from producers.imports import vocabulary
from producers.imports.vocabulary import Vocabulary
from producers.models import Producer, ProducerType, ProductCategory
from producers.national_id import clean_national_id, national_id_hash

BE_OFFSET = 543
EARLIEST = dt.date(1990, 1, 1)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
_THAI_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("มกราคม", "ม.ค."),
            ("กุมภาพันธ์", "ก.พ."),
            ("มีนาคม", "มี.ค."),
            ("เมษายน", "เม.ย."),
            ("พฤษภาคม", "พ.ค."),
            ("มิถุนายน", "มิ.ย."),
            ("กรกฎาคม", "ก.ค."),
            ("สิงหาคม", "ส.ค."),
            ("กันยายน", "ก.ย."),
            ("ตุลาคม", "ต.ค."),
            ("พฤศจิกายน", "พ.ย."),
            ("ธันวาคม", "ธ.ค."),
        ],
        start=1,
    )
    for name in names
}
_THAI_DATE = re.compile(r"^(\d{1,2})\s*(\S+?)\s*(\d{4})$")

# Fields of Producer the import writes and compares (what makes a row "unchanged").
FIELDS = (
    "name",
    "name_en",
    "producer_type",
    "category",
    "house_number",
    "village",
    "subdistrict_code",
    "phone",
    "registered_on",
    "status",
)


@lru_cache(maxsize=1)
def _lookups() -> tuple[Vocabulary, Vocabulary, Vocabulary]:
    return (
        Vocabulary(ProducerType.choices, vocabulary.PRODUCER_TYPES),
        Vocabulary(ProductCategory.choices, vocabulary.PRODUCT_CATEGORIES),
        Vocabulary(Producer.Status.choices, vocabulary.STATUSES),
    )


def _address_code(subdistrict: str, district: str, province: str, postal: str, line: str):
    """(code, error, warning); lines differ by house number, so the resolving is cached by level."""
    parts = addresses.address_parts(subdistrict, district, province, postal, line)
    if "subdistrict" not in parts and line:
        result = addresses.unreadable_line(line)
        return result.code, result.error, result.warning
    return _resolve(
        parts.get("subdistrict", ""),
        parts.get("district", ""),
        parts.get("province", ""),
        parts.get("postal_code", ""),
        translation.get_language(),
    )


@lru_cache(maxsize=20_000)
def _resolve(subdistrict: str, district: str, province: str, postal: str, language):
    # `language` is part of the cache key: the messages are in the active language.
    result = addresses.resolve(subdistrict, district, province, postal)
    return result.code, result.error, result.warning


@dataclass
class CheckedRow:
    line: int
    registration_number: str
    name: str
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    errors_both: list[dict] = field(default_factory=list)  # {"th": ..., "en": ...} per error
    warnings: list[str] = field(default_factory=list)  # read, but not in the usual form
    owner_id_hash: str = ""


def _era_year(year: int) -> tuple[int, bool]:
    """(Christian Era year, was it Buddhist Era): a year above 2400 can only be Buddhist Era."""
    return (year - BE_OFFSET, True) if year > 2400 else (year, False)


def parse_date(value) -> tuple[dt.date | None, str, str]:
    """(date, error, warning): the date, or None with the reason; a warning when read by the year rule."""
    if value in ("", None):
        return None, "", ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return _date_cell(value)
    text = ascii_digits(str(value).strip())
    parts = _date_parts(text)
    if parts is None:
        return (
            None,
            _("%(value)s is not a date: write dd/mm/yyyy (15/01/2560) or yyyy-mm-dd (2017-01-15).")
            % {"value": text},
            "",
        )
    year, month, day, warning = parts
    try:
        return (*_plausible(dt.date(year, month, day), text), warning)
    except ValueError:
        return None, _("%(value)s is not a real date.") % {"value": text}, ""


def _date_cell(value: dt.date) -> tuple[dt.date | None, str, str]:
    """A spreadsheet's date cell; one into which someone typed a Buddhist Era year (15/01/2560)."""
    if value.year <= 2400:
        return (*_plausible(value, value.isoformat()), "")
    try:
        day = value.replace(year=value.year - BE_OFFSET)
    except ValueError:
        return None, _("%(value)s is not a real date.") % {"value": value.isoformat()}, ""
    warning = _("The date cell holds the Buddhist Era year %(year)s; read as %(date)s.") % {
        "year": value.year,
        "date": day.isoformat(),
    }
    return (*_plausible(day, value.isoformat()), warning)


def _date_parts(text: str) -> tuple[int, int, int, str] | None:
    """(Christian Era year, month, day, warning) of a typed date, or None if it is not one."""
    if m := _ISO.match(text):
        year, month, day = map(int, m.groups())
        year, buddhist = _era_year(year)
        warning = _("%(value)s: read the year as Buddhist Era.") % {"value": text}
        return year, month, day, warning if buddhist else ""
    if m := _DMY.match(text):
        day, month, year = map(int, m.groups())
    elif (m := _THAI_DATE.match(text)) and m.group(2) in _THAI_MONTHS:
        day, month, year = int(m.group(1)), _THAI_MONTHS[m.group(2)], int(m.group(3))
    else:
        return None
    year, buddhist = _era_year(year)
    warning = _("%(value)s: read the year as Christian Era (%(year)s B.E.).") % {
        "value": text,
        "year": year + BE_OFFSET,
    }
    return year, month, day, "" if buddhist else warning


_today: list = [None, 0.0]  # (date, monotonic time it was read)


def _local_today() -> dt.date:
    # Asked once a minute, not once a row: reading the time zone is a third of a row's cost.
    if _today[0] is None or time.monotonic() - _today[1] > 60:
        _today[:] = [timezone.localdate(), time.monotonic()]
    return _today[0]


def _plausible(day: dt.date, text: str) -> tuple[dt.date | None, str]:
    if day < EARLIEST or day > _local_today():
        return None, _(
            "%(value)s is not a plausible registration date (between 2533 B.E. and today)."
        ) % {"value": text}
    return day, ""


def _phone(value: str) -> str:
    digits = re.sub(r"[^0-9+]", "", ascii_digits(str(value)))
    if len(digits) in (8, 9) and not digits.startswith("0"):
        digits = "0" + digits  # a spreadsheet dropped the leading zero
    return digits


def _text(value) -> object:
    if isinstance(value, str):
        return strip_control(value).strip()
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    return str(value or "").strip()


UNKNOWN_TYPE = gettext_lazy("Unknown producer type: '%(value)s'.")
UNKNOWN_CATEGORY = gettext_lazy("Unknown product category: '%(value)s'.")
UNKNOWN_STATUS = gettext_lazy("Unknown status: '%(value)s'.")


def _choice(vocab: Vocabulary, typed: str, unknown, row: CheckedRow) -> str | None:
    value, guessed = vocab.read(typed)
    if value is None:
        row.errors.append(str(unknown) % {"value": typed})
    elif guessed:
        row.warnings.append(
            _("'%(typed)s' read as '%(label)s'.") % {"typed": typed, "label": vocab.label(value)}
        )
    return value


def _note(row: CheckedRow, error: str, warning: str) -> None:
    if error:
        row.errors.append(error)
    if warning:
        row.warnings.append(warning)


def _row_subdistrict(text: dict, row: CheckedRow) -> str | None:
    """The row's DOPA subdistrict code: given, or found from the address's names."""
    code = ascii_digits(str(text.get("subdistrict_code", "")))
    if code:
        if geothai.subdistrict(code) is None:
            row.errors.append(_("%(code)s is not a DOPA subdistrict code.") % {"code": code})
            return None
        return code
    code, error, warning = _address_code(
        str(text.get("subdistrict", "")),
        str(text.get("district", "")),
        str(text.get("province", "")),
        ascii_digits(str(text.get("postal_code", ""))),
        str(text.get("address", "")),
    )
    _note(row, error, warning)
    return code


def _row_owner_id(text: dict, row: CheckedRow) -> None:
    """Keep the owner's national ID as its keyed hash; a wrong one is an error (never echoed)."""
    national_id = str(text.get("owner_national_id", ""))
    if not national_id:
        return
    try:
        row.owner_id_hash = national_id_hash(clean_national_id(national_id))
    except ValidationError as exc:
        row.errors.append(_("Owner's national ID: %(reason)s") % {"reason": exc.messages[0]})


def check_row(line: int, raw: dict) -> CheckedRow:
    """Validate one row in the active language; values are the Producer fields to write."""
    types, categories, statuses = _lookups()
    text = {k: _text(v) for k, v in raw.items()}
    number = re.sub(r"\s+", " ", ascii_digits(str(text.get("registration_number", ""))))
    row = CheckedRow(line=line, registration_number=number, name=str(text.get("name", "")))
    errors = row.errors
    if not number:
        errors.append(_("The registration number is missing."))
    if not row.name:
        errors.append(_("The producer's name is missing."))

    producer_type = _choice(types, str(text.get("producer_type", "")), UNKNOWN_TYPE, row)
    category = _choice(categories, str(text.get("category", "")), UNKNOWN_CATEGORY, row)
    if text.get("status"):
        status = _choice(statuses, str(text["status"]), UNKNOWN_STATUS, row)
    else:
        status = Producer.Status.ACTIVE

    code = _row_subdistrict(text, row)
    registered_on, date_error, date_warning = parse_date(raw.get("registered_on", ""))
    _note(row, date_error, date_warning)
    _row_owner_id(text, row)

    row.values = {
        "name": row.name[:255],
        "name_en": str(text.get("name_en", ""))[:255],
        "producer_type": producer_type,
        "category": category,
        "house_number": ascii_digits(str(text.get("house_number", "")))[:50],
        "village": str(text.get("village", ""))[:100],
        "subdistrict_code": code,
        "phone": _phone(text.get("phone", ""))[:30],
        "registered_on": registered_on,
        "status": status,
    }
    return row
