"""Which column of a registry file holds which producer field, as offices write their headers.

Every office names its columns its own way ("เลขทะเบียน", "ทะเบียนเลขที่", "Reg. No.", "ชื่อกลุ่ม/
ผู้ประกอบการ"...). A header is compared after normalising (case, spaces, dots, dashes, brackets,
Thai and Arabic digits), then part by part for combined headers ("ชื่อ/ชื่อกลุ่ม"), then by prefix,
then by fuzzy similarity. The coordinator confirms or changes the suggestion; what they confirm is
remembered for that set of headers (ImportColumnMapping).
"""

import difflib
import hashlib
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from core.text import ascii_digits


@dataclass(frozen=True)
class Field:
    name: str
    label: object  # lazy translation
    aliases: tuple[str, ...]


FIELDS = (
    Field(
        "registration_number",
        _("Registration number"),
        (
            "registration_number",
            "registrationno",
            "registration",
            "regno",
            "regnumber",
            "otopid",
            "otopno",
            "เลขทะเบียน",
            "เลขที่ทะเบียน",
            "ทะเบียนเลขที่",
            "เลขทะเบียนผู้ผลิต",
            "เลขทะเบียนผู้ประกอบการ",
            "เลขทะเบียนotop",
            "รหัสผู้ผลิต",
            "รหัสotop",
            "ทะเบียน",
        ),
    ),
    Field(
        "name",
        _("Name (Thai)"),
        (
            "name",
            "name_th",
            "thainame",
            "producername",
            "groupname",
            "entrepreneur",
            "nameofgroup",
            "nameofgroupentrepreneur",
            "ชื่อ",
            "ชื่อไทย",
            "ชื่อผู้ผลิต",
            "ชื่อกลุ่ม",
            "ชื่อกลุ่มผู้ผลิต",
            "ชื่อผู้ประกอบการ",
            "ผู้ประกอบการ",
            "ผู้ผลิต",
            "ชื่อกลุ่มผู้ประกอบการ",
            "ชื่อวิสาหกิจชุมชน",
            "ชื่อผู้ผลิตผู้ประกอบการ",
            "ชื่อผู้ผลิตไทย",
        ),
    ),
    Field(
        "name_en",
        _("Name (English)"),
        ("name_en", "nameen", "englishname", "ชื่อภาษาอังกฤษ", "ชื่ออังกฤษ", "ชื่อen"),
    ),
    Field(
        "producer_type",
        _("Producer type"),
        (
            "producer_type",
            "type",
            "producertype",
            "typeofproducer",
            "ประเภท",
            "ประเภทผู้ผลิต",
            "ประเภทผู้ประกอบการ",
            "ประเภทกลุ่ม",
        ),
    ),
    Field(
        "category",
        _("Product category"),
        (
            "category",
            "product_category",
            "productcategory",
            "producttype",
            "ประเภทผลิตภัณฑ์",
            "ประเภทสินค้า",
            "หมวด",
            "หมวดผลิตภัณฑ์",
            "หมวดหมู่",
            "หมวดหมู่ผลิตภัณฑ์",
            "กลุ่มผลิตภัณฑ์",
        ),
    ),
    Field(
        "house_number",
        _("House number"),
        ("house_number", "houseno", "houseno", "บ้านเลขที่", "เลขที่", "เลขที่บ้าน"),
    ),
    Field(
        "village",
        _("Village / moo"),
        ("village", "moo", "villageno", "หมู่", "หมู่ที่", "หมู่บ้าน", "ม", "หมู่หมู่บ้าน"),
    ),
    Field(
        "address",
        _("Address line"),
        ("address", "fulladdress", "ที่อยู่", "ที่ตั้ง", "ที่อยู่ที่ตั้ง", "ที่อยู่กลุ่ม"),
    ),
    Field(
        "subdistrict",
        _("Subdistrict (tambon)"),
        ("subdistrict", "tambon", "tumbon", "ตำบล", "ต", "ตำบลแขวง", "แขวง"),
    ),
    Field(
        "district",
        _("District (amphoe)"),
        ("district", "amphoe", "amphur", "อำเภอ", "อ", "อำเภอเขต", "เขต"),
    ),
    Field("province", _("Province"), ("province", "changwat", "จังหวัด", "จ")),
    Field(
        "postal_code",
        _("Postal code"),
        ("postal_code", "postcode", "zip", "zipcode", "รหัสไปรษณีย์", "ไปรษณีย์"),
    ),
    Field(
        "subdistrict_code",
        _("DOPA subdistrict code"),
        ("subdistrict_code", "dopa_code", "dopacode", "tamboncode", "รหัสตำบล", "รหัสพื้นที่"),
    ),
    Field(
        "phone",
        _("Phone"),
        (
            "phone",
            "telephone",
            "tel",
            "mobile",
            "contactphone",
            "โทรศัพท์",
            "โทร",
            "เบอร์โทร",
            "เบอร์โทรศัพท์",
            "เบอร์ติดต่อ",
            "มือถือ",
            "หมายเลขโทรศัพท์",
        ),
    ),
    Field(
        "registered_on",
        _("Date registered"),
        (
            "registered_on",
            "date_registered",
            "registered",
            "registrationdate",
            "dateregistered",
            "วันที่ลงทะเบียน",
            "วันลงทะเบียน",
            "วันที่ขึ้นทะเบียน",
            "วันขึ้นทะเบียน",
            "วันที่จดทะเบียน",
        ),
    ),
    Field("status", _("Status"), ("status", "สถานะ", "สถานะการดำเนินงาน", "สถานะกิจการ")),
    Field(
        "owner_national_id",
        _("Owner's national ID"),
        (
            "owner_national_id",
            "national_id",
            "nationalid",
            "citizenid",
            "idcard",
            "เลขประจำตัวประชาชน",
            "เลขประจำตัวประชาชนเจ้าของ",
            "เลขบัตรประชาชน",
            "เลขบัตรประจำตัวประชาชน",
        ),
    ),
)
BY_NAME = {f.name: f for f in FIELDS}
# Without these a row cannot be imported; the address needs one of ADDRESS_FIELDS.
REQUIRED = ("registration_number", "name", "producer_type", "category")
ADDRESS_FIELDS = ("subdistrict_code", "subdistrict", "address")
# Headers that are never a producer field (row numbers, notes): left unmapped, not guessed.
IGNORED = {"ลำดับ", "ลำดับที่", "ที่", "no", "#", "หมายเหตุ", "remark", "remarks", "note"}

_NOISE = re.compile(r"[\s._\-()\[\]:*#'\"“”]+")
_SPLIT = re.compile(r"\s*(?:/|\||\\|,|หรือ|\bor\b)\s*")


def normalise(header: str) -> str:
    """'  ชื่อกลุ่ม / ผู้ประกอบการ (ไทย) ' -> 'ชื่อกลุ่ม/ผู้ประกอบการไทย'."""
    text = unicodedata.normalize("NFC", ascii_digits(str(header or ""))).replace("\ufeff", "")
    return _NOISE.sub("", text.lower())


_ALIASES = {normalise(a): f.name for f in FIELDS for a in f.aliases}
_LONG_ALIASES = sorted((a for a in _ALIASES if len(a) >= 4), key=len, reverse=True)


def _candidates(header: str) -> list[tuple[float, str]]:
    """(score, field) pairs for one header, best first."""
    key = normalise(header).replace("/", "")
    if not key or key in IGNORED:
        return []
    if key in _ALIASES:
        return [(1.0, _ALIASES[key])]
    found: list[tuple[float, str]] = []
    # A combined header: any part that is a known name. "ชื่อ/ชื่อกลุ่ม", "ตำบล/แขวง".
    parts = [normalise(p) for p in _SPLIT.split(str(header)) if normalise(p)]
    if len(parts) > 1:
        found += [(0.95, _ALIASES[p]) for p in parts if p in _ALIASES]
    # A known name followed by more words: "ชื่อกลุ่มวิสาหกิจชุมชน", "รหัสไปรษณีย์ 5 หลัก".
    for alias in _LONG_ALIASES:
        if key.startswith(alias):
            found.append((0.85 + 0.05 * len(alias) / len(key), _ALIASES[alias]))
            break
    # Spelling slips: "เลขทะเบีบน", "Registeration No".
    close = difflib.get_close_matches(key, list(_ALIASES), n=1, cutoff=0.8)
    if close:
        ratio = difflib.SequenceMatcher(None, key, close[0]).ratio()
        found.append((0.8 * ratio, _ALIASES[close[0]]))
    return sorted(found, reverse=True)


def header_score(headers: list[str]) -> int:
    """How many cells of a row look like column names (to find the header under title rows)."""
    return sum(1 for h in headers if _candidates(h))


def suggest(headers: list[str]) -> list[str]:
    """The field for each column ("" for none): each field goes to its best-scoring column."""
    scored = sorted(
        (
            (score, -index, index, name)
            for index, header in enumerate(headers)
            for score, name in _candidates(header)
        ),
        reverse=True,
    )
    columns = [""] * len(headers)
    taken: set[str] = set()
    for _score, _order, index, name in scored:
        if columns[index] or name in taken:
            continue
        columns[index] = name
        taken.add(name)
    return columns


def missing_required(columns: list[str]) -> list[str]:
    """Labels of the required fields no column is mapped to (the address counts as one)."""
    chosen = set(columns)
    missing = [str(BY_NAME[name].label) for name in REQUIRED if name not in chosen]
    if not chosen & set(ADDRESS_FIELDS):
        missing.append(
            str(_("Address (a subdistrict, an address line or a DOPA subdistrict code)"))
        )
    return missing


def _labelled(headers: list[str]) -> list[str]:
    """Each header normalised, with a count for repeats ("หมายเหตุ", "หมายเหตุ#2")."""
    seen: dict[str, int] = {}
    labels = []
    for header in headers:
        key = normalise(header)
        seen[key] = seen.get(key, 0) + 1
        labels.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return labels


def headers_key(headers: list[str]) -> str:
    """The same set of headers, in any order, spacing or case, gives the same key."""
    joined = "\x1f".join(sorted(_labelled(headers)))
    return hashlib.sha256(joined.encode()).hexdigest()


def by_header(headers: list[str], columns: list[str]) -> dict[str, str]:
    """{normalised header: field} to remember, so that a reordered file maps the same way."""
    return dict(zip(_labelled(headers), columns, strict=True))


def from_headers(headers: list[str], remembered: dict[str, str]) -> list[str] | None:
    """The remembered field of each column of this file, or None if a header is not known."""
    labels = _labelled(headers)
    if set(labels) != set(remembered):
        return None
    return [remembered[label] for label in labels]
