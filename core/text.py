"""Text typed by people, made comparable: one normaliser for every form, import and API.

Phones, national IDs, registration numbers and codes arrive with Thai digits (๐๘๑…), full-width
digits, spaces, dashes and stray control characters. Python's ``\\d`` and ``int()`` accept every
Unicode digit, so each value is brought to ASCII here before anything validates or compares it.
"""

from __future__ import annotations

import unicodedata

# Every character Unicode calls a decimal digit (Thai ๐-๙, full-width ０-９, Arabic-Indic, ...).
_DIGIT_MAP = {
    codepoint: str(unicodedata.decimal(chr(codepoint)))
    for codepoint in range(0x80, 0x110000)
    if unicodedata.category(chr(codepoint)) == "Nd"
}
_SEPARATORS = str.maketrans(
    "", "", " \t\u00a0\u2009\u200b-\u2010\u2011\u2012\u2013\u2014\u2212.()/"
)


def ascii_digits(value: str) -> str:
    """'๐๘๑ ๒๓๔' -> '081 234': every Unicode decimal digit written as its ASCII digit."""
    return value.translate(_DIGIT_MAP)


def without_separators(value: str) -> str:
    """'081-234 5678' -> '0812345678': ASCII digits, and no spaces, dashes, dots, brackets or slashes."""
    return ascii_digits(value).translate(_SEPARATORS)


def strip_control(value: str) -> str:
    """Drop NUL and other control characters (PostgreSQL refuses NUL in text; none is ever meant)."""
    if value.isprintable():
        return value
    return "".join(ch for ch in value if ch in "\t\n\r" or unicodedata.category(ch)[0] != "C")
