"""A round's list (eligible, or not with the failing checks) as CSV or XLSX, for any number of producers.

The columns read each producer's `Verdict`; core.exports writes them (CSV streamed, XLSX write-only to
a temporary file). Producers are read in chunks by selection.services.evaluate_many, never all at once.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from core import exports
from core.exports import Column
from producers.models import Producer
from selection.models import SelectionRound
from selection.services import evaluate_many


def columns() -> list[Column]:
    """The list's columns, with their words in the active language (worked out once, not per row)."""
    yes, no = _("yes"), _("no")
    return [
        Column(_("Registration number"), lambda v: v.producer.registration_number),
        Column(_("Producer"), lambda v: v.producer.name),
        Column(_("Province"), lambda v: v.producer.province_name),
        Column(_("District"), lambda v: v.producer.district_name),
        Column(_("Type"), lambda v: v.producer.get_producer_type_display()),
        Column(_("Product category"), lambda v: v.producer.get_category_display()),
        Column(_("Status"), lambda v: v.producer.get_status_display()),
        Column(_("Eligible (advice)"), lambda v: yes if v.eligible else no),
        Column(
            _("Checks not passed"),
            lambda v: "; ".join(f"{c.label}: {c.summary}" for c in v.failing),
        ),
    ]


def csv_chunks(producers: QuerySet[Producer], round: SelectionRound) -> Iterator[bytes]:
    """The CSV file as UTF-8 byte chunks, starting with the byte-order mark."""
    return exports.csv_chunks(columns(), evaluate_many(producers, round))


def write_xlsx(producers: QuerySet[Producer], round: SelectionRound):
    """A temporary file holding the XLSX workbook: the round's name and a note above the table."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")
    exports.write_xlsx(
        handle,
        columns(),
        evaluate_many(producers, round),
        str(round.year),
        preamble=[round.name, _("Advice for the selection committee, not a decision.")],
    )
    handle.seek(0)
    return handle
