"""Writing report rows as CSV (UTF-8 with a BOM, so Excel shows Thai) and XLSX (typed cells).

Rows come from `.values()` querysets read in chunks: memory stays flat whatever the size, and no row
triggers a query of its own. Thai downloads carry Thai headings and Buddhist Era dates (in CSV);
English downloads carry English headings and ISO dates. XLSX dates are real dates in either language.
"""

from __future__ import annotations

import csv
import datetime
import io
import operator
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import geothai
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from core.spreadsheets import (
    date_format,
    finish_table_sheet,
    neutralise_formula,
    prepare_table_sheet,
)
from core.thai_dates import thai_date
from learning.models import Enrolment
from learning.selectors import percent

CHUNK_ROWS = 2000
BOM = "\ufeff"


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    kind: str = "text"  # text, date, int


def completion_columns(include_contacts: bool = False) -> list[Column]:
    columns = [
        Column("trainee", _("Trainee")),
        Column("producer", _("Producer")),
        Column("registration_number", _("Registration number")),
        Column("province", _("Province")),
        Column("district", _("District")),
        Column("course", _("Course")),
        Column("cohort", _("Training session")),
        Column("enrolled", _("Enrolled on"), "date"),
        Column("last_activity", _("Last activity"), "date"),
        Column("done", _("Lessons done"), "int"),
        Column("required", _("Lessons required"), "int"),
        Column("percent", _("Percent complete"), "int"),
        Column("best_score", _("Best quiz score"), "int"),
        Column("completed", _("Completed on"), "date"),
        Column("status", _("Status"), "text"),
        Column("certificate_code", _("Certificate number")),
        Column("certificate_status", _("Certificate status")),
    ]
    if include_contacts:
        columns += [Column("phone", _("Contact phone")), Column("email", _("Email"))]
    return columns


def summary_columns(by_heading: str) -> list[Column]:
    return [
        Column("label", by_heading),
        Column("enrolled", _("Enrolled"), "int"),
        Column("started", _("Started"), "int"),
        Column("completed", _("Completed"), "int"),
        Column("rate", _("Completion rate (%)"), "number"),
        Column("certified", _("Certificates issued"), "int"),
    ]


CERTIFICATE_STATUS = {
    "pending": _("being issued"),
    "valid": _("valid"),
    "revoked": _("revoked"),
    "replaced": _("replaced"),
}


def certificate_status_labels() -> dict:
    from reports.selectors import certificate_model

    certificate = certificate_model()
    return dict(certificate.Status.choices) if certificate else CERTIFICATE_STATUS


@lru_cache(maxsize=2048)
def area_label(code: str | None, english: bool) -> str:
    if not code:
        return ""
    area = geothai.province(code) if len(code) == 2 else geothai.district(code)
    if area is None:
        return code
    return area.name_en if english else area.name_th


def trainee_name(row: dict, english: bool) -> str:
    first, last = row["user__first_name"], row["user__last_name"]
    title_code = row["user__title"]
    if english and (row["user__first_name_en"] or row["user__last_name_en"]):
        first, last = row["user__first_name_en"], row["user__last_name_en"]
        titles = User.ENGLISH_TITLES
        sep = " "
    else:
        titles, sep = User.THAI_TITLES, ""
    title = row["user__title_other"] if title_code == "other" else titles.get(title_code, "")
    return f"{title}{sep}{first} {last}".strip()


def completion_records(rows: Iterable[dict], english: bool) -> Iterator[dict]:
    """Turn `completion_rows()` dicts into report records (typed: dates, ints, text)."""
    status_labels = {value: str(label) for value, label in Enrolment.Status.choices}
    certificate_labels = {key: str(label) for key, label in certificate_status_labels().items()}
    for row in rows:
        done, required = row["done_count"], row["required_count"]
        course = (
            (row["course__title_en"] or row["course__title"]) if english else row["course__title"]
        )
        record = {
            "pk": row["pk"],
            "trainee": trainee_name(row, english),
            "producer": row["producer_name"] or "",
            "registration_number": row["producer_registration_number"] or "",
            "province": area_label(row["province_code"], english),
            "district": area_label(row["district_code"], english),
            "course": course,
            "cohort": row["cohort__name"] or "",
            "enrolled": row["enrolled_on"],
            "last_activity": row["last_activity_on"],
            "done": done,
            "required": required,
            "percent": percent(done, required),
            "best_score": row["best_score"],
            "completed": row["completed_on"],
            "status": status_labels.get(row["status"], row["status"]),
            "certificate_code": row["certificate_code"] or "",
            "certificate_status": certificate_labels.get(row["certificate_status"] or "", ""),
        }
        if "user__phone" in row:
            record["phone"] = row["user__phone"] or ""
            record["email"] = row["user__email"] or ""
        yield record


@lru_cache(maxsize=4096)
def _csv_date(value: datetime.date, thai: bool) -> str:
    return thai_date(value, short=True) if thai else value.isoformat()


def csv_chunks(
    columns: list[Column],
    records: Iterable[dict],
    progress: Callable[[int], None] | None = None,
) -> Iterator[bytes]:
    """The CSV file as UTF-8 byte chunks: a BOM, the heading row, then about CHUNK_ROWS rows per chunk."""
    thai = not (get_language() or "th").startswith("en")
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow([str(c.heading) for c in columns])
    row_of = operator.itemgetter(*[c.key for c in columns])
    date_keys = [c.key for c in columns if c.kind == "date"]
    text_keys = [c.key for c in columns if c.kind == "text"]
    count = 0
    for record in records:
        for key in date_keys:  # the csv module writes None as an empty cell
            if record[key] is not None:
                record[key] = _csv_date(record[key], thai)
        for key in text_keys:
            record[key] = neutralise_formula(record[key])
        writer.writerow(row_of(record))
        count += 1
        if count % CHUNK_ROWS == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
            if progress:
                progress(count)
    yield buffer.getvalue().encode("utf-8")
    if progress:
        progress(count)


def write_xlsx(
    output,
    columns: list[Column],
    records: Iterable[dict],
    sheet_title: str,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write an XLSX workbook (write-only mode, constant memory per row); returns the row count."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    prepare_table_sheet(sheet)
    dates = date_format(thai=not (get_language() or "th").startswith("en"))
    bold = Font(bold=True)
    heading = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=str(column.heading))
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    keys = [(c.key, c.kind) for c in columns]
    count = 0
    for record in records:
        row = []
        for key, kind in keys:
            value = record[key]
            cell = WriteOnlyCell(sheet, value=value)
            if kind == "date" and value is not None:
                cell.number_format = dates
            elif cell.data_type == "f":
                cell.data_type = "s"  # text that starts with "=" stays text, never a formula
            row.append(cell)
        sheet.append(row)
        count += 1
        if progress and count % CHUNK_ROWS == 0:
            progress(count)
    finish_table_sheet(sheet, len(columns), count)
    workbook.save(output)
    if progress:
        progress(count)
    return count
