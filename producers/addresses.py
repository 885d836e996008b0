"""Hand-typed Thai addresses to DOPA subdistrict codes, with geothai.

`geothai.match` reads one field at a time, so a line such as "ต.บ้านกลาง อ.เมือง จ.ลำพูน" is split
at its prefixes first. One match is an answer; none or several are errors naming the candidates,
never a guess (795 subdistrict names repeat across the country).
"""

import re
from dataclasses import dataclass, field

import geothai
from django.utils.translation import gettext as _

_PREFIXES = {
    "ต.": "subdistrict",
    "ตำบล": "subdistrict",
    "แขวง": "subdistrict",
    "อ.": "district",
    "อำเภอ": "district",
    "เขต": "district",
    "จ.": "province",
    "จังหวัด": "province",
}
# Longest first, so "ตำบล" is not read as "ต" + "ำบล"; "กิ่งอำเภอ" is an old form of อำเภอ.
_PREFIX_RE = "|".join(
    re.escape(p) for p in sorted([*_PREFIXES, "กิ่งอำเภอ", "กิ่งอ."], key=len, reverse=True)
)
_PART = re.compile(rf"({_PREFIX_RE})\s*(.+?)\s*(?=(?:{_PREFIX_RE})|\d{{5}}|$)")
_POSTAL = re.compile(r"(?<!\d)(\d{5})(?!\d)")
_BANGKOK = re.compile(r"\s(?:จ\.|จังหวัด)?\s*(กรุงเทพมหานคร|กรุงเทพฯ?|กทม\.?|Bangkok)(?=\s|$)", re.I)
_SPACES = re.compile(r"\s+")


@dataclass
class AddressResult:
    code: str | None = None
    error: str = ""
    candidates: list[str] = field(default_factory=list)


def describe(code: str, language: str = "th") -> str:
    """'510112 บ้านกลาง / เมืองลำพูน / ลำพูน' for messages listing candidates."""
    found = geothai.address(code)
    if found is None:
        return code
    if language == "en":
        names = (found.subdistrict.name_en, found.district.name_en, found.province.name_en)
    else:
        names = (found.subdistrict.name_th, found.district.name_th, found.province.name_th)
    return f"{code} {' / '.join(names)}"


def split_address(line: str) -> dict[str, str]:
    """{'subdistrict': ..., 'district': ..., 'province': ..., 'postal_code': ...} from one line."""
    text = _SPACES.sub(" ", (line or "").replace("\u200b", "")).strip()
    parts: dict[str, str] = {}
    postal = _POSTAL.search(text)
    if postal:
        parts["postal_code"] = postal.group(1)
        text = _POSTAL.sub(" ", text)
    if _BANGKOK.search(text):
        parts["province"] = "กรุงเทพมหานคร"
        text = _BANGKOK.sub(" ", text)
    for prefix, value in _PART.findall(text):
        level = "district" if prefix.startswith("กิ่ง") else _PREFIXES[prefix]
        value = value.strip(" ,")
        if value and level not in parts:
            parts[level] = value
    return parts


def resolve(
    subdistrict: str = "",
    district: str = "",
    province: str = "",
    postal_code: str = "",
) -> AddressResult:
    """The subdistrict code for these fields, or an error naming the candidates."""
    subdistrict = _SPACES.sub(" ", subdistrict or "").strip()
    if not subdistrict:
        return AddressResult(error=_("The subdistrict (ตำบล) is missing."))
    found = geothai.match(
        subdistrict,
        district=district or None,
        province=province or None,
        postal_code=postal_code or None,
    )
    if len(found) == 1:
        return AddressResult(code=found[0].subdistrict.code)
    if found:
        candidates = [a.subdistrict.code for a in found]
        return AddressResult(
            error=_("The address is ambiguous: %(candidates)s. Add the district and province.")
            % {"candidates": "; ".join(describe(c) for c in candidates[:6])},
            candidates=candidates,
        )
    # Tell the coordinator what would have matched without the district/province they wrote.
    loose = geothai.match(subdistrict)
    if loose:
        candidates = [a.subdistrict.code for a in loose]
        return AddressResult(
            error=_(
                "No subdistrict %(name)s in the district and province given. Subdistricts of that name: %(candidates)s."
            )
            % {"name": subdistrict, "candidates": "; ".join(describe(c) for c in candidates[:6])},
            candidates=candidates,
        )
    return AddressResult(error=_("Unknown subdistrict: %(name)s.") % {"name": subdistrict})


def resolve_line(line: str) -> AddressResult:
    """Resolve a whole address line such as 'ต.บ้านกลาง อ.เมือง จ.ลำพูน 51000'."""
    parts = split_address(line)
    if "subdistrict" not in parts:
        return AddressResult(
            error=_("Cannot read the address '%(line)s': write ต./อ./จ. before the names.")
            % {"line": line}
        )
    return resolve(
        parts["subdistrict"],
        parts.get("district", ""),
        parts.get("province", ""),
        parts.get("postal_code", ""),
    )
