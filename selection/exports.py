"""A round's list (eligible, or not with the failing checks) as CSV or XLSX, for any number of producers.

CSV is streamed row by row (UTF-8 with a BOM so Excel shows Thai); XLSX is written with openpyxl's
write-only mode to a temporary file. Producers are read in chunks by the engine, never all at once.
"""

from __future__ import annotations

import csv
import tempfile
from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core.spreadsheets import (
    finish_table_sheet,
    neutralise_formula,
    prepare_table_sheet,
    xlsx_row,
)
from producers.models import Producer
from selection.models import SelectionRound
from selection.services import Verdict, evaluate_many


def header() -> list[str]:
    return [
        _("Registration number"),
        _("Producer"),
        _("Province"),
        _("District"),
        _("Type"),
        _("Product category"),
        _("Status"),
        _("Eligible (advice)"),
        _("Checks not passed"),
    ]


def row(verdict: Verdict) -> list[str]:
    p = verdict.producer
    return [
        p.registration_number,
        p.name,
        p.province_name,
        p.district_name,
        p.get_producer_type_display(),
        p.get_category_display(),
        p.get_status_display(),
        _("yes") if verdict.eligible else _("no"),
        "; ".join(f"{c.label}: {c.summary}" for c in verdict.failing),
    ]


def rows(producers: QuerySet[Producer], round: SelectionRound) -> Iterator[list[str]]:
    yield header()
    for verdict in evaluate_many(producers, round):
        yield row(verdict)


class _Echo:
    def write(self, value):
        return value


def csv_chunks(producers: QuerySet[Producer], round: SelectionRound) -> Iterator[str]:
    """CSV text, one line at a time, starting with the UTF-8 byte-order mark."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for values in rows(producers, round):
        yield writer.writerow([neutralise_formula(value) for value in values])


def write_xlsx(producers: QuerySet[Producer], round: SelectionRound):
    """A temporary file holding the XLSX workbook (write-only: rows are not kept in memory)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=str(round.year))
    prepare_table_sheet(sheet, header_row=3)
    sheet.append([round.name])
    sheet.append([_("Advice for the selection committee, not a decision.")])
    count = -1  # the header row is not counted
    for values in rows(producers, round):
        sheet.append(xlsx_row(sheet, values))
        count += 1
    finish_table_sheet(sheet, len(header()), count, header_row=3)
    handle = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(handle)
    handle.seek(0)
    return handle
