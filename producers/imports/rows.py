"""Checking one imported row: codes for type, category and status, the address, the date, the ID.

Date convention of the files: dd/mm/yyyy with a Buddhist Era year (as Thai offices write it,
e.g. 15/01/2560), or ISO yyyy-mm-dd with a Christian Era year (as systems export it). A CE year in
a dd/mm/yyyy date, a BE year in an ISO date or in an Excel date cell, and dates before 2533 B.E.
(1990) or in the future are row errors, not guesses.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

import geothai
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from producers import addresses
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
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_SQUASH = re.compile(r"[\s.,/()\-]")

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


def _squash(text: str) -> str:
    return _SQUASH.sub("", str(text).lower())


def _choice_lookup(choices, extra: dict[str, str]) -> dict[str, str]:
    table = {}
    for value, label in choices:
        table[_squash(value)] = value
        for language in ("th", "en"):
            with translation.override(language):
                table[_squash(str(label))] = value
    table.update({_squash(k): v for k, v in extra.items()})
    return table


@lru_cache(maxsize=1)
def _lookups():
    types = _choice_lookup(
        ProducerType.choices,
        {
            "กลุ่ม": "community_group",
            "กลุ่มผู้ผลิตชุมชน": "community_group",
            "ผู้ผลิตชุมชน": "community_group",
            "กลุ่มชุมชน": "community_group",
            "วิสาหกิจชุมชน": "community_enterprise",
            "วสช": "community_enterprise",
            "ผู้ผลิตรายเดียว": "single_owner",
            "ผู้ประกอบการรายเดียว": "single_owner",
            "เจ้าของคนเดียว": "single_owner",
            "sme": "sme",
            "smes": "sme",
            "เอสเอ็มอี": "sme",
            "ผู้ประกอบการsme": "sme",
            "ผู้ประกอบการsmes": "sme",
        },
    )
    categories = _choice_lookup(
        ProductCategory.choices,
        {
            "อาหาร": "food",
            "เครื่องดื่ม": "beverage",
            "ผ้า": "textile",
            "ผ้าเครื่องแต่งกาย": "textile",
            "ผ้าและเครื่องแต่งกาย": "textile",
            "เครื่องแต่งกาย": "textile",
            "ของใช้": "household",
            "ของตกแต่ง": "household",
            "ของที่ระลึก": "household",
            "ของใช้ของตกแต่งของที่ระลึก": "household",
            "ของใช้ของประดับตกแต่งของที่ระลึก": "household",
            "สมุนไพร": "herbal",
            "สมุนไพรที่ไม่ใช่อาหาร": "herbal",
            "สมุนไพรไม่ใช่อาหาร": "herbal",
        },
    )
    statuses = _choice_lookup(
        Producer.Status.choices,
        {
            "ปกติ": "active",
            "ดำเนินการ": "active",
            "ดำเนินกิจการ": "active",
            "ระงับ": "suspended",
            "พักกิจการ": "suspended",
            "เลิกกิจการ": "closed",
            "ปิดกิจการ": "closed",
            "ยกเลิก": "closed",
        },
    )
    return types, categories, statuses


@lru_cache(maxsize=20_000)
def _address_code(subdistrict: str, district: str, province: str, postal: str, line: str, language):
    # `language` is part of the cache key: the error text is in the active language.
    if subdistrict:
        result = addresses.resolve(subdistrict, district, province, postal)
    else:
        result = addresses.resolve_line(line)
    return result.code, result.error


@dataclass
class CheckedRow:
    line: int
    registration_number: str
    name: str
    values: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    errors_both: list[dict] = field(default_factory=list)  # {"th": ..., "en": ...} per error
    owner_id_hash: str = ""


def parse_date(value) -> tuple[dt.date | None, str]:
    """(date, "") or (None, reason) following the file convention above."""
    if value in ("", None):
        return None, ""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        if value.year > 2400:
            return None, _(
                "The date cell %(value)s has a Buddhist Era year; date cells must hold Christian Era dates."
            ) % {"value": value.isoformat()}
        return _plausible(value, value.isoformat())
    text = str(value).strip().translate(_THAI_DIGITS)
    if m := _ISO.match(text):
        year, month, day = map(int, m.groups())
        if year > 2400:
            return None, _(
                "%(value)s: ISO dates (yyyy-mm-dd) must use the Christian Era year; write dd/mm/%(year)s for a Buddhist Era date."
            ) % {"value": text, "year": year}
    elif m := _DMY.match(text):
        day, month, year = map(int, m.groups())
        if year < 2400:
            return None, _(
                "%(value)s: dd/mm/yyyy dates must use the Buddhist Era year (for example %(example)s); %(year)s looks like a Christian Era year."
            ) % {
                "value": text,
                "example": f"{day:02d}/{month:02d}/{year + BE_OFFSET}",
                "year": year,
            }
        year -= BE_OFFSET
    elif (m := _THAI_DATE.match(text)) and m.group(2) in _THAI_MONTHS:
        day, month, year = int(m.group(1)), _THAI_MONTHS[m.group(2)], int(m.group(3))
        if year < 2400:
            return None, _("%(value)s: Thai dates must use the Buddhist Era year.") % {
                "value": text
            }
        year -= BE_OFFSET
    else:
        return None, _(
            "%(value)s is not a date: write dd/mm/yyyy in Buddhist Era (15/01/2560) or yyyy-mm-dd."
        ) % {"value": text}
    try:
        return _plausible(dt.date(year, month, day), text)
    except ValueError:
        return None, _("%(value)s is not a real date.") % {"value": text}


def _plausible(day: dt.date, text: str) -> tuple[dt.date | None, str]:
    if day < EARLIEST or day > timezone.localdate():
        return None, _(
            "%(value)s is not a plausible registration date (between 2533 B.E. and today)."
        ) % {"value": text}
    return day, ""


def _phone(value: str) -> str:
    digits = re.sub(r"[^\d+]", "", str(value).translate(_THAI_DIGITS))
    if len(digits) in (8, 9) and not digits.startswith("0"):
        digits = "0" + digits  # a spreadsheet dropped the leading zero
    return digits


def check_row(line: int, raw: dict) -> CheckedRow:
    """Validate one row in the active language; values are the Producer fields to write."""
    types, categories, statuses = _lookups()
    text = {
        k: v if isinstance(v, (dt.date, dt.datetime)) else str(v or "").strip()
        for k, v in raw.items()
    }
    number = re.sub(r"\s+", " ", text.get("registration_number", ""))
    row = CheckedRow(line=line, registration_number=number, name=text.get("name", ""))
    errors = row.errors
    if not number:
        errors.append(_("The registration number is missing."))
    if not row.name:
        errors.append(_("The producer's name is missing."))

    producer_type = types.get(_squash(text.get("producer_type", "")))
    if producer_type is None:
        errors.append(
            _("Unknown producer type: '%(value)s'.") % {"value": text.get("producer_type", "")}
        )
    category = categories.get(_squash(text.get("category", "")))
    if category is None:
        errors.append(
            _("Unknown product category: '%(value)s'.") % {"value": text.get("category", "")}
        )
    status = (
        statuses.get(_squash(text.get("status", "")))
        if text.get("status")
        else Producer.Status.ACTIVE
    )
    if status is None:
        errors.append(_("Unknown status: '%(value)s'.") % {"value": text.get("status", "")})

    code = text.get("subdistrict_code", "")
    if code:
        if geothai.subdistrict(code) is None:
            errors.append(_("%(code)s is not a DOPA subdistrict code.") % {"code": code})
            code = None
    else:
        code, error = _address_code(
            text.get("subdistrict", ""),
            text.get("district", ""),
            text.get("province", ""),
            text.get("postal_code", ""),
            text.get("address", ""),
            translation.get_language(),
        )
        if error:
            errors.append(error)

    registered_on, date_error = parse_date(raw.get("registered_on", ""))
    if date_error:
        errors.append(date_error)

    national_id = text.get("owner_national_id", "")
    if national_id:
        try:
            row.owner_id_hash = national_id_hash(clean_national_id(national_id))
        except ValidationError as exc:
            # Never echo the number itself into the report.
            errors.append(_("Owner's national ID: %(reason)s") % {"reason": exc.messages[0]})

    row.values = {
        "name": row.name[:255],
        "name_en": text.get("name_en", "")[:255],
        "producer_type": producer_type,
        "category": category,
        "house_number": text.get("house_number", "")[:50],
        "village": text.get("village", "")[:100],
        "subdistrict_code": code,
        "phone": _phone(text.get("phone", ""))[:30],
        "registered_on": registered_on,
        "status": status,
    }
    return row
