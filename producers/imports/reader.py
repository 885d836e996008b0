"""A spreadsheet file as numbered rows of cells, whatever its encoding or format, read safely.

Any bytes give rows or a `FileError` whose message tells the uploader what is wrong: random
bytes, a PDF or an old .xls saved as .csv, a broken or oversized XLSX. Nothing is read whole into
memory: a CSV is decoded as a stream and an XLSX read with openpyxl's read-only mode, so memory
stays flat whatever the number of rows. Used by the producer registry and the training-session
imports; nothing here knows about producers.
"""

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from core.text import strip_control

MAX_ROWS = 300_000  # more than any provincial or national registry; a larger file is refused
MAX_COLUMNS = 60
MAX_XLSX_UNCOMPRESSED = 400 * 1024 * 1024  # all parts of the zip together, as declared
MAX_SHARED_STRINGS = 64 * 1024 * 1024  # openpyxl loads this part whole, even in read-only mode
HEADER_SEARCH_ROWS = 15  # title rows a header may sit under
SAMPLES = 3
_CHUNK = 256 * 1024
_DELIMITERS = ",;\t|"


class FileError(Exception):
    """The file as a whole cannot be read (not a row error); the message is for the uploader."""


def _cell(value) -> object:
    """A cell as text, except dates, which are kept for the date rules."""
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        # Excel keeps every number as a float: 50230.0 is the postal code 50230.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.time):
        return value.isoformat()
    return strip_control(str(value)).strip()


@dataclass
class Layout:
    """Where the header is and what the file's columns look like (for the column-mapping step)."""

    header_line: int
    headers: list[str]
    samples: list[list[str]] = field(default_factory=list)  # per column, up to SAMPLES values


class Table:
    """An opened CSV or XLSX file; `lines()` streams its rows again each time it is called."""

    def __init__(self, handle, kind: str, encoding: str = ""):
        self.handle, self.kind, self.encoding = handle, kind, encoding

    def lines(self) -> Iterator[tuple[int, list]]:
        """(line number, cells) for every row of the file, the empty ones included."""
        self.handle.seek(0)
        rows = self._csv_lines() if self.kind == "csv" else self._xlsx_lines()
        for line, cells in rows:
            if line > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise FileError(
                    _("The file has more than %(rows)s rows. Split it into smaller files.")
                    % {"rows": f"{MAX_ROWS:,}"}
                )
            yield line, [_cell(c) for c in cells[:MAX_COLUMNS]]

    def _csv_lines(self) -> Iterator[tuple[int, list]]:
        text = io.TextIOWrapper(self.handle, encoding=self.encoding, newline="")
        try:
            sample = text.read(8192)
            text.seek(0)
            try:
                delimiter = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
            except csv.Error:
                delimiter = ","
            reader = csv.reader(text, delimiter=delimiter)
            start = 1
            while True:
                try:
                    cells = next(reader)
                except StopIteration:
                    return
                except (csv.Error, UnicodeDecodeError) as exc:
                    raise FileError(
                        _("Line %(line)s of the file cannot be read as CSV text.") % {"line": start}
                    ) from exc
                yield start, cells
                start = reader.line_num + 1
        finally:
            text.detach()  # leave the caller's file open

    def _xlsx_lines(self) -> Iterator[tuple[int, list]]:
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(self.handle, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise FileError(_("This is not a readable XLSX file.")) from exc
        try:
            if not workbook.worksheets:
                raise FileError(_("This is not a readable XLSX file."))
            sheet = workbook.worksheets[0]
            _refuse_declared_size(sheet)
            sheet.reset_dimensions()  # some writers declare a wrong size; read what is there
            rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
            line = 0
            while True:
                try:
                    cells = next(rows)
                except StopIteration:
                    return
                except Exception as exc:
                    raise FileError(
                        _("Row %(line)s of the XLSX file cannot be read.") % {"line": line + 1}
                    ) from exc
                line += 1
                yield line, list(cells)
        finally:
            workbook.close()


def _refuse_declared_size(sheet) -> None:
    try:
        from openpyxl.utils import range_boundaries

        _min_col, _min_row, _max_col, max_row = range_boundaries(sheet.calculate_dimension())
    except Exception:
        return  # no declared size; the row count is enforced while reading
    if max_row and max_row > MAX_ROWS + HEADER_SEARCH_ROWS:
        raise FileError(
            _("The file has more than %(rows)s rows. Split it into smaller files.")
            % {"rows": f"{MAX_ROWS:,}"}
        )


def _decodes_as_text(handle, encoding: str) -> bool:
    """The whole file decodes in this encoding and holds no NUL (which no spreadsheet text has)."""
    handle.seek(0)
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        while chunk := handle.read(_CHUNK):
            if "\x00" in decoder.decode(chunk):
                return False
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        handle.seek(0)
    return True


def _csv_encoding(handle) -> str:
    head = handle.read(4096)
    handle.seek(0)
    if head.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif len(head) >= 16 and head[1::2].count(0) > len(head) // 8:
        candidates = ["utf-16-le"]  # Excel's "Unicode text" without a BOM: ASCII has a NUL byte
    elif len(head) >= 16 and head[0::2].count(0) > len(head) // 8:
        candidates = ["utf-16-be"]
    else:
        candidates = ["utf-8", "cp874"]  # cp874 is TIS-620 plus Windows' extra characters
    for encoding in candidates:
        if _decodes_as_text(handle, encoding):
            return encoding
    raise FileError(
        _(
            "This file is not a spreadsheet saved as CSV text (UTF-8, TIS-620 or UTF-16). "
            "Open it in Excel and save it as CSV UTF-8 or as an Excel workbook (.xlsx)."
        )
    )


def _xlsx_sizes_allowed(handle) -> None:
    try:
        with zipfile.ZipFile(handle) as archive:
            parts = archive.infolist()
    except Exception as exc:  # BadZipFile, NotImplementedError, OSError, ...: a broken zip
        raise FileError(_("This is not a readable XLSX file.")) from exc
    finally:
        handle.seek(0)
    names = {p.filename.lower(): p for p in parts}
    if "xl/workbook.xml" not in names:
        raise FileError(_("This is not a readable XLSX file."))
    shared = names.get("xl/sharedstrings.xml")
    if sum(p.file_size for p in parts) > MAX_XLSX_UNCOMPRESSED or (
        shared is not None and shared.file_size > MAX_SHARED_STRINGS
    ):
        raise FileError(
            _("This XLSX file is too large once unpacked. Split it into smaller files.")
        )


def open_table(source, filename: str) -> Table:
    """Open a CSV or XLSX file (bytes or a binary file object) for streaming; FileError if unreadable."""
    handle = io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source
    while not isinstance(handle, io.IOBase) and hasattr(handle, "file"):
        handle = handle.file  # Django's File and FieldFile wrappers around the real file
    handle.seek(0)
    magic = handle.read(8)
    handle.seek(0)
    name = (filename or "").lower()
    if not magic:
        raise FileError(_("The file is empty."))
    if magic.startswith(b"%PDF"):
        raise FileError(_("This is a PDF file. Upload the registry as CSV or XLSX."))
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileError(
            _("This is an old Excel file (.xls). Open it in Excel and save it as .xlsx or CSV.")
        )
    if magic.startswith(b"PK\x03\x04"):
        _xlsx_sizes_allowed(handle)
        return Table(handle, "xlsx")
    if name.endswith((".xlsx", ".xlsm")):
        raise FileError(_("This is not a readable XLSX file."))
    if name.endswith((".csv", ".txt", ".tsv")):
        return Table(handle, "csv", _csv_encoding(handle))
    raise FileError(_("Upload a CSV or XLSX file."))


def find_layout(table: Table, score) -> Layout:
    """The header row (the best-scoring of the first rows, under any title rows) and sample values.

    `score(cells)` says how many cells of a row look like known column names.
    """
    header_line, headers = _header_row(table, score)
    while headers and not headers[-1]:
        headers = headers[:-1]  # trailing empty columns
    return Layout(
        header_line=header_line, headers=headers, samples=_samples(table, header_line, len(headers))
    )


def _header_row(table: Table, score) -> tuple[int, list[str]]:
    """(line, texts) of the best-scoring of the first rows, else of the first with two texts."""
    best: tuple[int, int, list] | None = None  # (score, line, cells)
    first_wide: tuple[int, list] | None = None
    rows = table.lines()
    searched = 0
    for line, cells in rows:
        texts = [c if isinstance(c, str) else "" for c in cells]
        if not any(texts):
            continue
        searched += 1
        points = score(texts)
        if points and (best is None or points > best[0]):
            best = (points, line, texts)
        if first_wide is None and sum(1 for t in texts if t) >= 2:
            first_wide = (line, texts)
        if searched >= HEADER_SEARCH_ROWS:
            break
    rows.close()
    if best is not None:
        return best[1], best[2]
    if first_wide is not None:
        return first_wide
    raise FileError(_("No row of column names was found at the top of the file."))


def _samples(table: Table, header_line: int, width: int) -> list[list[str]]:
    """Up to SAMPLES values of each column, from the rows under the header (50 rows at most)."""
    samples: list[list[str]] = [[] for _ in range(width)]
    for line, cells in data_rows(table, header_line):
        for index in range(width):
            value = cells[index] if index < len(cells) else ""
            if value != "" and len(samples[index]) < SAMPLES:
                samples[index].append(
                    value.isoformat() if isinstance(value, dt.date) else str(value)
                )
        if all(len(s) >= SAMPLES for s in samples) or line > header_line + 50:
            break
    return samples


def data_rows(table: Table, header_line: int) -> Iterator[tuple[int, list]]:
    """The non-empty rows under the header."""
    for line, cells in table.lines():
        if line > header_line and any(c != "" for c in cells):
            yield line, cells


def count_rows(table: Table, header_line: int, up_to: int) -> int:
    """How many data rows there are, counting no further than `up_to` (reads no more than that)."""
    count = 0
    for _row in data_rows(table, header_line):
        count += 1
        if count >= up_to:
            break
    return count
