"""A spreadsheet file as (line number, {column: text}) rows, whatever its encoding or format."""

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.utils.translation import gettext as _

# Header aliases people use, in Thai and English; compared after dropping spaces, dots, case.
COLUMNS = {
    "registration_number": [
        "registration_number",
        "registrationno",
        "regno",
        "เลขทะเบียน",
        "เลขทะเบียนผู้ผลิต",
        "ทะเบียน",
    ],
    "name": ["name", "name_th", "ชื่อ", "ชื่อผู้ผลิต", "ชื่อกลุ่ม", "ชื่อกลุ่ม/ผู้ผลิต", "ชื่อผู้ผลิต(ไทย)"],
    "name_en": ["name_en", "nameen", "englishname", "ชื่อภาษาอังกฤษ", "ชื่ออังกฤษ"],
    "producer_type": ["producer_type", "type", "ประเภท", "ประเภทผู้ผลิต"],
    "category": ["category", "product_category", "ประเภทผลิตภัณฑ์", "หมวด", "หมวดผลิตภัณฑ์"],
    "house_number": ["house_number", "houseno", "บ้านเลขที่", "เลขที่"],
    "village": ["village", "moo", "หมู่", "หมู่ที่", "หมู่บ้าน", "หมู่/หมู่บ้าน"],
    "address": ["address", "ที่อยู่", "ที่ตั้ง"],
    "subdistrict": ["subdistrict", "tambon", "ตำบล", "ตำบล/แขวง"],
    "district": ["district", "amphoe", "อำเภอ", "อำเภอ/เขต"],
    "province": ["province", "changwat", "จังหวัด"],
    "postal_code": ["postal_code", "postcode", "zip", "รหัสไปรษณีย์"],
    "subdistrict_code": ["subdistrict_code", "dopa_code", "รหัสตำบล"],
    "phone": ["phone", "telephone", "tel", "โทรศัพท์", "เบอร์โทร", "เบอร์โทรศัพท์"],
    "registered_on": [
        "registered_on",
        "date_registered",
        "registered",
        "วันที่ลงทะเบียน",
        "วันลงทะเบียน",
    ],
    "status": ["status", "สถานะ"],
    "owner_national_id": [
        "owner_national_id",
        "national_id",
        "เลขประจำตัวประชาชน",
        "เลขประจำตัวประชาชนเจ้าของ",
        "เลขบัตรประชาชน",
    ],
}
_HEADER_KEY = re.compile(r"[\s._\-()]")


def _key(text: str) -> str:
    return _HEADER_KEY.sub("", str(text or "").lower().replace("\ufeff", ""))


_ALIASES = {_key(alias): column for column, aliases in COLUMNS.items() for alias in aliases}


class FileError(Exception):
    """The file as a whole cannot be read (not a row error)."""


@dataclass
class Row:
    line: int
    values: dict[str, object]


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM) if it decodes, else TIS-620 / Windows-874 (Excel's Thai CSV)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp874", errors="replace")


def _cell_text(value) -> object:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value  # kept as a date; rows.py checks its year
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _rows_from_table(table: Iterator[tuple[int, list]]) -> Iterator[Row]:
    header: dict[int, str] | None = None
    for line, cells in table:
        cells = [_cell_text(c) for c in cells]
        if header is None:
            # The header may sit under a title row or two.
            mapped = {
                i: _ALIASES[_key(c)]
                for i, c in enumerate(cells)
                if isinstance(c, str) and _key(c) in _ALIASES
            }
            if "registration_number" in mapped.values():
                header = mapped
            elif line > 10:
                raise FileError(
                    _("No header row with a registration number column (เลขทะเบียน) was found.")
                )
            continue
        if not any(c for c in cells if c != ""):
            continue
        yield Row(
            line, {column: cells[i] if i < len(cells) else "" for i, column in header.items()}
        )
    if header is None:
        raise FileError(_("No header row with a registration number column (เลขทะเบียน) was found."))


def _csv_table(text: str) -> Iterator[tuple[int, list]]:
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    start = 1
    for cells in reader:
        yield start, cells
        start = reader.line_num + 1


def _xlsx_table(data: bytes) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise FileError(_("This is not a readable XLSX file.")) from exc
    try:
        sheet = workbook.worksheets[0]
        for line, cells in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield line, list(cells)
    finally:
        workbook.close()


def read_rows(data: bytes, filename: str) -> Iterator[Row]:
    """The data rows of a CSV or XLSX file, numbered by their line in the file (header = its line)."""
    name = filename.lower()
    if name.endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        return _rows_from_table(_xlsx_table(data))
    if name.endswith((".csv", ".txt")):
        return _rows_from_table(_csv_table(decode(data)))
    raise FileError(_("Upload a CSV or XLSX file."))
