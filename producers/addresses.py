"""Hand-typed Thai addresses to DOPA subdistrict codes, with geothai.

`geothai.match` reads one field at a time, so a line such as "ต.บ้านกลาง อ.เมือง จ.ลำพูน" is split
at its prefixes first; names written without a prefix at the end of the line ("อ.หางดง เชียงใหม่",
"ขุนคง หางดง เชียงใหม่") are read as province, district, subdistrict from the right when they are
real names. One match is an answer; the postal code settles several; none or several left are
errors naming the candidates, never a guess (795 subdistrict names repeat across the country).
"""

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache

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
_PREFIX_TOKEN = re.compile(rf"^({_PREFIX_RE})(.*)$")


@dataclass
class AddressResult:
    code: str | None = None
    error: str = ""
    candidates: list[str] = field(default_factory=list)
    warning: str = ""


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


@lru_cache(maxsize=1)
def _area_names() -> tuple[dict[str, object], dict[str, set[str]]]:
    """{normalised province name: Province}, {normalised district name: province codes}."""
    provinces, districts = {}, {}
    for province in geothai.provinces():
        for name in (province.name_th, province.name_en):
            provinces[geothai.normalize(name)] = province
        for district in geothai.districts(province.code):
            for name in (district.name_th, district.name_en):
                districts.setdefault(geothai.normalize(name), set()).add(province.code)
            if district.code.endswith("01") and province.code != "10":
                for name in ("เมือง", "mueang"):  # "อ.เมือง": the province's capital district
                    districts.setdefault(name, set()).add(province.code)
    return provinces, districts


def find_province(name: str):
    """The geothai Province for a typed name (Thai, English, กทม., with or without จ.), or None."""
    key = geothai.normalize(name or "")
    provinces, _districts = _area_names()
    if key in provinces:
        return provinces[key]
    return next((p for p in geothai.provinces() if geothai.is_province(p, key)), None)


def _district_in(name: str, province_code: str | None) -> bool:
    codes = _area_names()[1].get(geothai.normalize(name), set())
    return province_code in codes if province_code else bool(codes)


def _unprefixed_tail(tokens: list[str], parts: dict[str, str]) -> None:
    """Names written without ต./อ./จ. at the end of a line, read from the right when they are real."""
    # At most three names fill the three levels, so the last four words decide (and are cached).
    parts.update(_read_tail(tuple(tokens[-4:]), tuple(sorted(parts.items()))))


@lru_cache(maxsize=20_000)
def _read_tail(tokens: tuple[str, ...], given: tuple) -> dict[str, str]:
    parts = dict(given)
    for token in reversed(tokens):
        province = find_province(parts["province"]) if "province" in parts else None
        if "province" not in parts and find_province(token):
            parts["province"] = token
        elif "district" not in parts and _district_in(token, province and province.code):
            parts["district"] = token
        elif "subdistrict" not in parts and geothai.match(
            token, district=parts.get("district"), province=parts.get("province")
        ):
            parts["subdistrict"] = token
        else:
            break
    return parts


def split_address(line: str) -> dict[str, str]:
    """{'subdistrict': ..., 'district': ..., 'province': ..., 'postal_code': ...} from one line."""
    text = _SPACES.sub(" ", (line or "").replace("\u200b", "")).strip()
    parts: dict[str, str] = {}
    postal = _POSTAL.search(text)
    if postal:
        parts["postal_code"] = postal.group(1)
        text = _POSTAL.sub(" ", text)
    if _BANGKOK.search(" " + text):
        parts["province"] = "กรุงเทพมหานคร"
        text = _BANGKOK.sub(" ", " " + text)
    tokens = text.split()
    tail: list[str] = []  # unprefixed words after the last prefixed name
    index = 0
    while index < len(tokens):
        match = _PREFIX_TOKEN.match(tokens[index])
        if not match:
            tail.append(tokens[index])
            index += 1
            continue
        prefix, value = match.groups()
        index += 1
        if not value and index < len(tokens):
            value, index = tokens[index], index + 1
        value = value.strip(" ,")
        level = "district" if prefix.startswith("กิ่ง") else _PREFIXES[prefix]
        if value and level not in parts:
            parts[level] = value
        tail = []
    _unprefixed_tail([t.strip(" ,") for t in tail if t.strip(" ,")], parts)
    return parts


def _by_postal_code(found, postal_code: str):
    return [a for a in found if postal_code in a.subdistrict.postal_codes]


def _unknown_province(province: str) -> AddressResult:
    names = [p.name_th for p in geothai.provinces()] + [p.name_en for p in geothai.provinces()]
    close = difflib.get_close_matches(province.strip(), names, n=1, cutoff=0.6)
    if close:
        return AddressResult(
            error=_("Unknown province: %(name)s (did you mean %(guess)s?).")
            % {"name": province, "guess": close[0]}
        )
    return AddressResult(error=_("Unknown province: %(name)s.") % {"name": province})


def resolve(
    subdistrict: str = "",
    district: str = "",
    province: str = "",
    postal_code: str = "",
) -> AddressResult:
    """The subdistrict code for these fields, or an error naming the candidates.

    The postal code settles a name found in several places, and a district written in a way that
    does not match when only one subdistrict of that name has that postal code (with a warning).
    """
    subdistrict = _SPACES.sub(" ", subdistrict or "").strip()
    if not subdistrict:
        return AddressResult(error=_("The subdistrict (ตำบล) is missing."))
    if province and find_province(province) is None:
        return _unknown_province(province)
    found = geothai.match(subdistrict, district=district or None, province=province or None)
    if len(found) > 1 and postal_code:
        found = _by_postal_code(found, postal_code) or found
    if len(found) == 1:
        return AddressResult(code=found[0].subdistrict.code)
    if found:
        candidates = [a.subdistrict.code for a in found]
        return AddressResult(
            error=_("The address is ambiguous: %(candidates)s. Add the district and province.")
            % {"candidates": "; ".join(describe(c) for c in candidates[:6])},
            candidates=candidates,
        )
    loose = geothai.match(subdistrict, province=province or None) or geothai.match(subdistrict)
    settled = _by_postal_code(loose, postal_code) if postal_code else []
    if len(settled) == 1:
        return AddressResult(
            code=settled[0].subdistrict.code,
            warning=_(
                "Read by the postal code %(postal)s as %(address)s (the district written was %(district)s)."
            )
            % {
                "postal": postal_code,
                "address": describe(settled[0].subdistrict.code),
                "district": district,
            },
        )
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


def address_parts(
    subdistrict: str = "",
    district: str = "",
    province: str = "",
    postal_code: str = "",
    line: str = "",
) -> dict[str, str]:
    """The levels from separate columns and an address line (the columns win where both say)."""
    parts = split_address(line) if line else {}
    given = {
        "subdistrict": subdistrict,
        "district": district,
        "province": province,
        "postal_code": postal_code,
    }
    parts.update({k: v for k, v in given.items() if v})
    return parts


def unreadable_line(line: str) -> AddressResult:
    return AddressResult(
        error=_("Cannot read the address '%(line)s': write ต./อ./จ. before the names.")
        % {"line": line}
    )


def resolve_parts(
    subdistrict: str = "",
    district: str = "",
    province: str = "",
    postal_code: str = "",
    line: str = "",
) -> AddressResult:
    """Resolve from separate columns, an address line, or both (the columns win where both say)."""
    parts = address_parts(subdistrict, district, province, postal_code, line)
    if "subdistrict" not in parts and line:
        return unreadable_line(line)
    return resolve(
        parts.get("subdistrict", ""),
        parts.get("district", ""),
        parts.get("province", ""),
        parts.get("postal_code", ""),
    )


def resolve_line(line: str) -> AddressResult:
    """Resolve a whole address line such as 'ต.บ้านกลาง อ.เมือง จ.ลำพูน 51000'."""
    return resolve_parts(line=line)


def areas_named(term: str) -> tuple[list[str], list[str]]:
    """Province and district codes whose Thai or English name contains `term` (in memory)."""
    folded = term.casefold()
    provinces = [
        p.code
        for p in geothai.provinces()
        if folded in p.name_th.casefold() or folded in p.name_en.casefold()
    ]
    districts = []
    if len(term) >= 2:
        for province in geothai.provinces():
            districts += [
                d.code
                for d in geothai.districts(province.code)
                if folded in d.name_th.casefold() or folded in d.name_en.casefold()
            ]
    return provinces, districts
