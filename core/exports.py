"""The one way every list becomes a download: streaming CSV for Excel, or XLSX with real types.

A download is a list of `Column`s (a heading, how to read the value from a row, and its kind: text,
date or number) and an iterable of rows (tuples from `values_list`, dicts or objects: the column's
getter decides). Both writers read the rows once, so memory stays flat whatever the size.

- CSV: UTF-8 with a BOM so Excel shows Thai; typed text never runs as a formula; dates are text,
  Buddhist Era in Thai (29 พ.ย. 2569) and ISO in English; bytes come in chunks of about 64 KB.
- XLSX (openpyxl write-only): real dates shown in the Buddhist Era in Thai, numbers as numbers, text
  that starts with "=" kept as text, the heading row frozen and filters on it.
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import operator
import queue
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import get_language

from core.thai_dates import thai_date

TEXT, DATE, NUMBER = "text", "date", "number"
BOM = "\ufeff"
CHUNK_CHARACTERS = 64 * 1024
PROGRESS_ROWS = 2000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Excel's own number format for the Thai Buddhist calendar (calendar type 07): the cell keeps a real
# date (sortable, filterable) and Excel and LibreOffice show it as 29/11/2569.
BUDDHIST_ERA_DATE = "[$-1070000]d/mm/yyyy;@"
COMMON_ERA_DATE = "d mmm yyyy"

Progress = Callable[[int], None] | None


@dataclass(frozen=True)
class Column:
    heading: str
    value: Callable[[Any], Any]
    kind: str = TEXT

    @classmethod
    def at(cls, key, heading: str, kind: str = TEXT) -> Column:
        """A column read as row[key]: an index into a `values_list` tuple, or a dict key."""
        return cls(heading, operator.itemgetter(key), kind)


def neutralise_formula(value):
    """Text someone typed (a trainee's name, a producer's name) never runs as a formula in a CSV."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def in_thai() -> bool:
    return not (get_language() or "th").startswith("en")


def _as_date(value):
    """Datetimes become their calendar date in Asia/Bangkok (XLSX cannot hold an aware datetime)."""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def csv_chunks(
    columns: Sequence[Column], rows: Iterable, progress: Progress = None
) -> Iterator[bytes]:
    """The CSV file as UTF-8 byte chunks: a BOM and the heading row, then the rows.

    Headings and the date language are fixed when this is called, so a streamed response keeps the
    language of the request that asked for it. `progress(rows_written)` is called every few thousand rows.
    """
    headings = [str(column.heading) for column in columns]
    getters = [column.value for column in columns]
    texts = [index for index, column in enumerate(columns) if column.kind == TEXT]
    dates = [index for index, column in enumerate(columns) if column.kind == DATE]
    return _csv_stream(headings, getters, texts, dates, _date_texts(in_thai()), rows, progress)


def _date_texts(thai: bool) -> Callable[[Any], str]:
    """Date → text, each distinct date formatted once (a report has a few hundred distinct dates)."""
    cache: dict = {None: "", "": ""}

    def text(value) -> str:
        try:
            return cache[value]
        except KeyError:
            day = _as_date(value)
            cache[value] = thai_date(day, short=True) if thai else day.isoformat()
            return cache[value]

    return text


def _csv_stream(headings, getters, texts, dates, date_text, rows, progress) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(headings)
    writerow, tell = writer.writerow, buffer.tell
    count = 0
    for row in rows:
        values = [get(row) for get in getters]
        for index in texts:  # neutralise_formula, inlined: this loop runs for every cell
            value = values[index]
            if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                values[index] = "'" + value
        for index in dates:
            values[index] = date_text(values[index])
        writerow(values)
        count += 1
        if tell() >= CHUNK_CHARACTERS:
            yield _drain(buffer)
        if progress and count % PROGRESS_ROWS == 0:
            progress(count)
    yield _drain(buffer)
    if progress:
        progress(count)


def _drain(buffer: io.StringIO) -> bytes:
    data = buffer.getvalue().encode("utf-8")
    buffer.seek(0)
    buffer.truncate()
    return data


def write_xlsx(
    output,
    columns: Sequence[Column],
    rows: Iterable,
    sheet_title: str,
    progress: Progress = None,
    preamble: Sequence[str] = (),
) -> int:
    """Write an XLSX workbook to `output` (write-only: constant memory per row); returns the row count.

    `preamble` lines (a title, a note) come above the heading row, which stays frozen with filters.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(sheet_title)[:31])
    header_row = len(preamble) + 1
    sheet.freeze_panes = f"A{header_row + 1}"  # set before the first row of a write-only sheet
    for line in preamble:
        sheet.append([str(line)])
    bold = Font(bold=True)
    heading = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=str(column.heading))
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    dates = BUDDHIST_ERA_DATE if in_thai() else COMMON_ERA_DATE
    getters = [(column.value, column.kind) for column in columns]
    count = 0
    for row in rows:
        cells = []
        for get, kind in getters:
            value = get(row)
            if kind == DATE and value is not None:
                cell = WriteOnlyCell(sheet, value=_as_date(value))
                cell.number_format = dates
            else:
                cell = WriteOnlyCell(sheet, value=value)
                if cell.data_type == "f":
                    cell.data_type = "s"  # text that starts with "=" stays text, never a formula
            cells.append(cell)
        sheet.append(cells)
        count += 1
        if progress and count % PROGRESS_ROWS == 0:
            progress(count)
    if columns:
        last = get_column_letter(len(columns))
        sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + max(count, 1)}"
    workbook.save(output)
    if progress:
        progress(count)
    return count


class SpreadsheetExportMixin:
    """For Wagtail listings with `list_export`: Wagtail's download buttons, written by this module.

    Overrides the writer hooks of Wagtail's own SpreadsheetExportMixin (`stream_csv`, `write_xlsx`),
    so a listing's CSV has the BOM and harmless formulas, and its XLSX real Buddhist Era dates, a
    frozen heading row and filters, like every other download. Column kinds come from the model fields.
    """

    def export_columns(self, queryset) -> list[Column]:
        return [
            Column(
                self.get_heading(queryset, field),
                _attribute_getter(field),
                _field_kind(getattr(queryset, "model", None), field),
            )
            for field in self.list_export
        ]

    def stream_csv(self, queryset):
        return csv_chunks(self.export_columns(queryset), _in_chunks(queryset))

    def write_xlsx(self, queryset, output):
        write_xlsx(
            output,
            self.export_columns(queryset),
            _in_chunks(queryset),
            self.get_filename(),
        )


def _in_chunks(rows: Iterable) -> Iterable:
    """A queryset is read a few thousand rows at a time, never all at once; a list as it is."""
    return read_ahead(rows, PROGRESS_ROWS) if hasattr(rows, "iterator") else rows


def read_ahead(queryset, chunk_size: int) -> Iterator:
    """The rows of `queryset.iterator(chunk_size=...)`, the next chunk read while the caller works
    on the one before.

    On PostgreSQL outside a transaction, Django's server-side cursor is declared WITH HOLD, so the
    database works out every row before it sends the first, and the caller's work waits for it. Here
    a thread reads the rows on a connection of its own, inside a transaction (a cursor that streams),
    and hands them over a chunk at a time (two chunks at most in memory): the database's time and the
    caller's overlap. Inside a transaction (rows the caller wrote may not be committed, so another
    connection would not see them) and on other databases, the plain iterator.
    """
    from django.db import connections

    connection = connections[queryset.db]
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield from queryset.iterator(chunk_size=chunk_size)
        return
    chunks: queue.Queue = queue.Queue(maxsize=2)
    stop = threading.Event()
    reader = threading.Thread(
        target=_read_chunks, args=(queryset, chunk_size, chunks, stop), daemon=True
    )
    reader.start()
    try:
        while (chunk := chunks.get()) is not _DONE:
            if isinstance(chunk, BaseException):
                raise chunk
            yield from chunk
    finally:
        stop.set()  # the caller stopped early (a download cancelled): the reader ends too
        reader.join()


_DONE = object()


def _read_chunks(queryset, chunk_size: int, chunks: queue.Queue, stop: threading.Event) -> None:
    from django.db import connections, transaction

    def hand_over(item) -> bool:
        while not stop.is_set():
            try:
                chunks.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    try:
        with transaction.atomic(using=queryset.db):
            rows = queryset.iterator(chunk_size=chunk_size)
            while chunk := list(itertools.islice(rows, chunk_size)):
                if not hand_over(chunk):
                    return
        hand_over(_DONE)
    except Exception as error:  # raised again in the caller's thread
        hand_over(error)
    finally:
        connections[queryset.db].close()  # this thread's own connection


def _attribute_getter(field: str) -> Callable[[Any], Any]:
    from django.utils.encoding import force_str
    from wagtail.coreutils import multigetattr

    def get(item):
        value = multigetattr(item, field)
        return value if isinstance(value, datetime.date) else force_str(value, strings_only=True)

    return get


def _field_kind(model, name: str) -> str:
    from django.core.exceptions import FieldDoesNotExist
    from django.db import models

    try:
        field = model._meta.get_field(name)
    except (AttributeError, FieldDoesNotExist):  # no model (a list of rows), or not a field
        return TEXT
    if isinstance(field, models.DateField):  # DateTimeField too
        return DATE
    if isinstance(field, models.IntegerField | models.DecimalField | models.FloatField):
        return NUMBER
    return TEXT
