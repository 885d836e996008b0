"""Dates as Thai readers expect them: Buddhist Era years (CE + 543) on Thai pages and certificates."""

import datetime

from django.utils import timezone
from django.utils.translation import get_language

THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_SHORT = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
BE_OFFSET = 543


def _as_local_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def thai_date(value, short: bool = False) -> str:
    """25 พฤศจิกายน 2569 (or 25 พ.ย. 2569 when short), from a date or an aware datetime."""
    day = _as_local_date(value)
    months = THAI_MONTHS_SHORT if short else THAI_MONTHS
    return f"{day.day} {months[day.month - 1]} {day.year + BE_OFFSET}"


def english_date(value, short: bool = False) -> str:
    day = _as_local_date(value)
    return f"{day.day} {day.strftime('%b' if short else '%B')} {day.year}"


def local_date(value, short: bool = False) -> str:
    """The date in the active language: Buddhist Era in Thai, Common Era in English."""
    if value in (None, ""):
        return ""
    return english_date(value, short) if _is_english() else thai_date(value, short)


def month_year(value, english: bool | None = None) -> str:
    """ก.ค. 2569 in Thai (Buddhist Era), Jul 2026 in English: the label of a month in charts."""
    if value in (None, ""):
        return ""
    day = _as_local_date(value)
    if english is None:
        english = _is_english()
    if english:
        return day.strftime("%b %Y")
    return f"{THAI_MONTHS_SHORT[day.month - 1]} {day.year + BE_OFFSET}"


def _is_english() -> bool:
    return (get_language() or "th").startswith("en")
