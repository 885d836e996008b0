"""The one table of words offices use for producer types, product categories and statuses.

Add a new spelling here and every import understands it. Values are compared squashed (no
spaces, dots, slashes, brackets; lower case). A value that is not in the table but is a clear part
of exactly one entry ("วิสาหกิจ" in "วิสาหกิจชุมชน") is read with a warning instead of refused.
"""

import re

from django.utils import translation

from core.text import ascii_digits

PRODUCER_TYPES = {
    "community_group": (
        "กลุ่ม",
        "กลุ่มผู้ผลิตชุมชน",
        "ผู้ผลิตชุมชน",
        "กลุ่มชุมชน",
        "กลุ่มผู้ผลิต",
        "กลุ่มแม่บ้าน",
        "กลุ่มอาชีพ",
        "community",
        "group",
    ),
    "community_enterprise": (
        "วิสาหกิจชุมชน",
        "วิสาหกิจ",
        "วสช",
        "วิสาหกิจฯ",
        "เครือข่ายวิสาหกิจชุมชน",
        "ce",
        "enterprise",
    ),
    "single_owner": (
        "ผู้ผลิตรายเดียว",
        "ผู้ประกอบการรายเดียว",
        "รายเดียว",
        "รายบุคคล",
        "บุคคล",
        "เจ้าของคนเดียว",
        "เจ้าของรายเดียว",
        "ผู้ผลิตเดี่ยว",
        "เดี่ยว",
        "single",
        "individual",
        "soleowner",
    ),
    "sme": (
        "sme",
        "smes",
        "เอสเอ็มอี",
        "ผู้ประกอบการsme",
        "ผู้ประกอบการsmes",
        "ผู้ประกอบการขนาดกลางและขนาดย่อม",
        "วิสาหกิจขนาดกลางและขนาดย่อม",
        "บริษัท",
        "หจก",
    ),
}
PRODUCT_CATEGORIES = {
    "food": ("อาหาร", "อาหารแปรรูป", "ผลิตภัณฑ์อาหาร"),
    "beverage": ("เครื่องดื่ม", "เครื่องดื่มแอลกอฮอล์", "เครื่องดื่มไม่มีแอลกอฮอล์", "drink", "drinks"),
    "textile": (
        "ผ้า",
        "ผ้าเครื่องแต่งกาย",
        "ผ้าและเครื่องแต่งกาย",
        "เครื่องแต่งกาย",
        "ผ้าทอ",
        "textiles",
        "garments",
    ),
    "household": (
        "ของใช้",
        "ของตกแต่ง",
        "ของที่ระลึก",
        "ของใช้ของตกแต่งของที่ระลึก",
        "ของใช้ของประดับตกแต่งของที่ระลึก",
        "ของใช้ของตกแต่ง",
        "ของประดับตกแต่ง",
        "หัตถกรรม",
        "souvenirs",
        "handicraft",
    ),
    "herbal": (
        "สมุนไพร",
        "สมุนไพรที่ไม่ใช่อาหาร",
        "สมุนไพรไม่ใช่อาหาร",
        "สมุนไพรที่ไม่ใช่อาหารและยา",
        "เครื่องสำอางสมุนไพร",
        "herb",
        "herbs",
    ),
}
STATUSES = {
    "active": ("ปกติ", "ดำเนินการ", "ดำเนินกิจการ", "ดำเนินการอยู่", "ยังดำเนินการ", "เปิด"),
    "suspended": ("ระงับ", "พักกิจการ", "หยุดชั่วคราว", "พัก"),
    "closed": ("เลิกกิจการ", "ปิดกิจการ", "ยกเลิก", "เลิก", "ปิด"),
}

_SQUASH = re.compile(r"[\s.,/()\-&+]")
_MIN_PART = 3  # shorter typed values ("ผ", "sm") are never guessed


def squash(text: str) -> str:
    return _SQUASH.sub("", ascii_digits(str(text)).lower())


class Vocabulary:
    """Typed word -> choice value, with the choice's own labels in Thai and English."""

    def __init__(self, choices, synonyms: dict[str, tuple[str, ...]]):
        self.choices = list(choices)
        self.exact: dict[str, str] = {}
        for value, label in choices:
            self.exact[squash(value)] = value
            for language in ("th", "en"):
                with translation.override(language):
                    self.exact[squash(str(label))] = value
        for value, words in synonyms.items():
            for word in words:
                self.exact[squash(word)] = value

    def label(self, value: str) -> str:
        return str(dict(self.choices)[value])

    def read(self, typed: str) -> tuple[str | None, bool]:
        """(value, guessed): guessed is True when read from part of a known word (warn, don't refuse)."""
        key = squash(typed)
        if not key:
            return None, False
        if key in self.exact:
            return self.exact[key], False
        if len(key) < _MIN_PART:
            return None, False
        values = {
            v
            for word, v in self.exact.items()
            if key in word or (len(word) >= _MIN_PART and word in key)
        }
        # "ของใช้ในบ้าน" contains "ของใช้" (household); a value shared by two entries is not guessed.
        if len(values) == 1:
            return values.pop(), True
        return None, False
