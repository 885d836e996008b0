"""Preview and apply a producer registry file.

Rows are matched by registration number: unknown numbers are created, known ones updated when a
field differs, left alone otherwise. A file with any bad row imports nothing unless the coordinator
asks for the good rows only. Rows are streamed: checking keeps only the counts, the errors and the
first rows for the preview, and writing happens in batches inside one transaction that is rolled
back when the file turns out to be refused, so nothing is ever partly saved.
"""

import datetime as dt
import itertools
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import geothai
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from producers.imports import columns as column_names
from producers.imports.reader import (
    MAX_ROWS,
    FileError,
    Layout,
    Table,
    count_rows,
    data_rows,
    find_layout,
    open_table,
)
from producers.imports.rows import FIELDS, CheckedRow, check_row
from producers.models import (
    ImportColumnMapping,
    Membership,
    Producer,
    ProducerImport,
    TraineeIdentity,
    area_name,
)

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"
BATCH = 1000
# Up to this many rows a file is checked and imported inside the request; above, in a Celery task
# with a progress bar (the request never reads more than this many rows).
TASK_THRESHOLD = 2000

PREVIEW_ROWS = 300  # rows without errors kept for the preview table
MAX_ERRORS_KEPT = 1000  # error rows listed on the preview page (all are counted)


class ImportHasErrors(Exception):
    """A file with a bad row imports nothing unless only its valid rows are asked for."""


def refused_by_policy(has_errors: bool, only_valid: bool) -> bool:
    """The import policy: a file with errors imports nothing unless only the valid rows are asked for."""
    return has_errors and not only_valid


def check_import_policy(has_errors: bool, only_valid: bool) -> None:
    """Raise ImportHasErrors where the import policy refuses the file."""
    if refused_by_policy(has_errors, only_valid):
        raise ImportHasErrors


class FileRefused(Exception):
    """The file has errors (or could not be read) and the import was rolled back."""


@dataclass
class Analysis:
    """What checking a file found: counts, the errors, the first good rows; all rows if asked."""

    keep_rows: bool = False
    rows: list[CheckedRow] = field(default_factory=list)  # only with keep_rows
    actions: dict[int, str] = field(default_factory=dict)  # only with keep_rows
    counts: Counter = field(default_factory=Counter)
    errors: list[dict] = field(default_factory=list)
    preview: list[dict] = field(default_factory=list)
    warning_count: int = 0
    total: int = 0
    existing: dict[str, tuple] = field(
        default_factory=dict
    )  # only with keep_rows: number -> (pk, *FIELDS)
    file_error: str = ""

    def count(self, action: str) -> int:
        return self.counts[action]

    @property
    def has_errors(self) -> bool:
        return bool(self.file_error) or self.counts[ERROR] > 0


def _in_other_language(redo: Callable[[], CheckedRow]) -> tuple[str, str, CheckedRow]:
    current = (translation.get_language() or "th")[:2]
    other = "en" if current == "th" else "th"
    with translation.override(other):
        return current, other, redo()


def _both(first: list[str], current: str, other: str, again: list[str]) -> list[dict]:
    return [{current: a, other: b} for a, b in zip(first, again, strict=True)]


def read_layout(source, filename: str) -> tuple[Table, Layout]:
    """Open the file and find its header row and sample values (FileError when unreadable)."""
    table = open_table(source, filename)
    return table, find_layout(table, column_names.header_score)


def remembered_columns(headers: list[str]) -> list[str] | None:
    """The mapping confirmed last time for these headers (in any order), if any."""
    mapping = ImportColumnMapping.objects.filter(
        headers_key=column_names.headers_key(headers)
    ).first()
    if mapping is None or not isinstance(mapping.columns, dict):
        return None
    return column_names.from_headers(headers, mapping.columns)


def remember_columns(headers: list[str], columns: list[str], user) -> None:
    ImportColumnMapping.objects.update_or_create(
        headers_key=column_names.headers_key(headers),
        defaults={
            "headers": headers,
            "columns": column_names.by_header(headers, columns),
            "updated_by": user,
        },
    )


def _mapped_rows(table: Table, header_line: int, columns: list[str]) -> Iterator[tuple[int, dict]]:
    picks = [(index, name) for index, name in enumerate(columns) if name]
    for line, cells in data_rows(table, header_line):
        yield line, {name: cells[i] if i < len(cells) else "" for i, name in picks}


def _existing(numbers: list[str]) -> dict[str, tuple]:
    """What the registry holds for these registration numbers: number -> (pk, *FIELDS)."""
    return {
        values[0]: values[1:]
        for values in Producer.objects.filter(registration_number__in=numbers).values_list(
            "registration_number", "pk", *FIELDS
        )
    }


class _Writer:
    """Writes checked rows in batches (call inside a transaction); links owners by national ID."""

    def __init__(self):
        self.now = timezone.now()
        self.creates: list[Producer] = []
        self.updates: list[Producer] = []
        self.owners: list[CheckedRow] = []
        self.written = {NEW: 0, UPDATE: 0}

    def add(self, row: CheckedRow, action: str, known: tuple | None) -> None:
        if row.owner_id_hash:
            self.owners.append(row)
        if action == NEW:
            producer = Producer(registration_number=row.registration_number, **row.values)
            producer.set_area_codes()
            self.creates.append(producer)
        elif action == UPDATE:
            producer = Producer(
                pk=known[0],
                registration_number=row.registration_number,
                updated_at=self.now,
                **row.values,
            )
            producer.set_area_codes()
            self.updates.append(producer)
        if len(self.creates) + len(self.updates) + len(self.owners) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.creates:
            Producer.objects.bulk_create(self.creates)
        if self.updates:
            Producer.objects.bulk_update(
                self.updates, [*FIELDS, "district_code", "province_code", "updated_at"]
            )
        _membership_owners(self.owners)
        self.written[NEW] += len(self.creates)
        self.written[UPDATE] += len(self.updates)
        self.creates, self.updates, self.owners = [], [], []


def analyse(
    source,
    filename: str,
    columns: list[str] | None = None,
    *,
    header_line: int | None = None,
    progress: Callable[[int], None] | None = None,
    province_codes: frozenset[str] | None = None,
    keep_rows: bool = False,
    writer: _Writer | None = None,
) -> Analysis:
    """Read and check every row, and say for each whether it is new, an update, unchanged or bad.

    `columns` gives the field of each column (as confirmed in the mapping step); without it the
    suggested mapping is used. `province_codes` limits a provincial coordinator's file to their
    provinces (None: all): a row placing a producer elsewhere, or touching a producer registered
    elsewhere, is a row error. With `writer`, good rows are written as they are checked.
    """
    result = Analysis(keep_rows=keep_rows)
    try:
        table = open_table(source, filename)
        if columns is None or header_line is None:
            layout = find_layout(table, column_names.header_score)
            header_line = layout.header_line
            columns = columns or column_names.suggest(layout.headers)
        missing = column_names.missing_required(columns)
        if missing:
            result.file_error = gettext("No column is chosen for: %(fields)s.") % {
                "fields": ", ".join(missing)
            }
            return result
        _check_rows(
            result, _mapped_rows(table, header_line, columns), province_codes, progress, writer
        )
    except FileError as exc:
        result.file_error = str(exc)
    return result


def _batches(items, size: int):
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class _FirstLines:
    """Registration number -> its first line in the file, to report duplicates.

    Kept in a private temporary SQLite file (deleted when closed), not in a dict, so that checking
    300,000 rows needs no more memory than checking 30,000.
    """

    def __init__(self):
        import sqlite3  # here, not at the top: a web process starts without loading libsqlite3

        self.db = sqlite3.connect("")  # "": a temporary on-disk database
        self.db.execute("CREATE TABLE first (number TEXT PRIMARY KEY, line INTEGER) WITHOUT ROWID")

    def earlier(self, rows: list[tuple[str, int]]) -> dict[str, int]:
        """The first line of each number seen before, then these rows are remembered in order."""
        numbers = list({number for number, _line in rows if number})
        found: dict[str, int] = {}
        for start in range(0, len(numbers), 500):
            part = numbers[start : start + 500]
            marks = ",".join("?" * len(part))
            query = f"SELECT number, line FROM first WHERE number IN ({marks})"
            found.update(self.db.execute(query, part))
        self.db.executemany("INSERT OR IGNORE INTO first VALUES (?, ?)", [r for r in rows if r[0]])
        return found

    def close(self) -> None:
        self.db.close()


def _check_rows(result, rows, province_codes, progress, writer) -> None:
    first_lines = _FirstLines()
    try:
        _check_batches(result, rows, province_codes, progress, writer, first_lines)
    finally:
        first_lines.close()


def _check_batches(result, rows, province_codes, progress, writer, first_lines) -> None:
    index = 0
    # Rows are checked a batch at a time: one query per batch for what the registry holds.
    for chunk in _batches(rows, BATCH):
        checked = [(line, raw, check_row(line, raw)) for line, raw in chunk]
        existing = _existing([row.registration_number for _l, _r, row in checked])
        if result.keep_rows:
            result.existing.update(existing)
        earlier = first_lines.earlier(
            [(row.registration_number, line) for line, _r, row in checked]
        )
        in_batch: dict[str, int] = {}
        for line, raw, row in checked:
            index += 1
            known = existing.get(row.registration_number)
            number = row.registration_number
            first_line = earlier.get(number) or in_batch.get(number)
            if first_line is None and number:
                in_batch[number] = line
            _file_level_checks(row, first_line, known, province_codes)
            _keep_what_the_file_leaves_out(row, raw, known)
            action = _classify(row, known)
            if action == ERROR:
                _keep_error(result, line, raw, row, first_line, known, province_codes)
            else:
                _keep_valid(result, raw, row, action, known, writer)
            result.counts[action] += 1
            if result.keep_rows:
                result.rows.append(row)
                result.actions[line] = action
        result.total = index
        if progress:
            progress(index)


# A producer field, and the columns any of which gives it; a file with none of them leaves the
# registry's value as it is (a file without an English-name column does not blank the English names).
_SOURCES = {
    "name_en": ("name_en",),
    "house_number": ("house_number", "address"),
    "village": ("village", "address"),
    "phone": ("phone",),
    "registered_on": ("registered_on",),
    "status": ("status",),
}


def _keep_what_the_file_leaves_out(row: CheckedRow, raw: dict, known: tuple | None) -> None:
    """On an existing producer, fields whose columns the file lacks keep the registry's values."""
    if known is None or row.errors:
        return
    for name, columns in _SOURCES.items():
        if not any(column in raw for column in columns):
            row.values[name] = known[1 + FIELDS.index(name)]


def _keep_valid(result, raw, row, action, known, writer) -> None:
    """Count a valid row's warning, keep it for the preview, and write it when importing."""
    if row.warnings:
        result.warning_count += 1
    if len(result.preview) < PREVIEW_ROWS:
        result.preview.append(_preview_row(row, action, raw, known))
    if writer is not None:
        writer.add(row, action, known)


def _file_level_checks(row, first_line, known, province_codes) -> None:
    """Checks that need more than the row: duplicates in the file, the coordinator's provinces."""
    if first_line is not None:
        row.errors.append(
            translation.gettext("Registration number %(number)s is already on line %(line)s.")
            % {"number": row.registration_number, "line": first_line}
        )
    if province_codes is not None:
        _check_scope(row, known, province_codes)


def _classify(row: CheckedRow, known: tuple | None) -> str:
    if row.errors:
        return ERROR
    if known is None:
        return NEW
    if tuple(row.values[f] for f in FIELDS) == tuple(known[1:]):
        return UNCHANGED
    return UPDATE


def _keep_error(result, line, raw, row, first_line, known, province_codes) -> None:
    def redo():
        again = check_row(line, raw)
        _file_level_checks(again, first_line, known, province_codes)
        return again

    current, other, again = _in_other_language(redo)
    row.errors_both = _both(row.errors, current, other, again.errors)
    if len(result.errors) < MAX_ERRORS_KEPT:
        result.errors.append(
            {
                "line": line,
                "registration_number": row.registration_number,
                "name": row.name,
                "messages": row.errors_both,
            }
        )


def _json_value(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def _changes(row: CheckedRow, known: tuple) -> list[dict]:
    """The fields an update changes, with the registry's value and the file's (others left out)."""
    return [
        {"field": name, "old": _json_value(old), "new": _json_value(row.values[name])}
        for name, old in zip(FIELDS, known[1:], strict=True)
        if row.values[name] != old
    ]


def _preview_row(row: CheckedRow, action: str, raw: dict, known: tuple | None = None) -> dict:
    warnings = []
    if row.warnings:
        current, other, again = _in_other_language(lambda: check_row(row.line, raw))
        warnings = _both(row.warnings, current, other, again.warnings)
    return {
        "line": row.line,
        "action": action,
        "registration_number": row.registration_number,
        "name": row.name,
        "producer_type": row.values["producer_type"],
        "category": row.values["category"],
        "subdistrict_code": row.values["subdistrict_code"],
        "registered_on": _json_value(row.values["registered_on"]),
        "warnings": warnings,
        "changes": _changes(row, known) if action == UPDATE else [],
    }


def _check_scope(row: CheckedRow, known: tuple | None, province_codes: frozenset[str]) -> None:
    code = row.values.get("subdistrict_code") or ""
    current = known[1 + FIELDS.index("subdistrict_code")] if known else ""
    for area in {code[:2], current[:2]} - {""}:
        if area not in province_codes:
            row.errors.append(
                translation.gettext(
                    "This producer is in province %(province)s, outside the provinces you coordinate."
                )
                % {"province": area_name(geothai.province(area))}
            )
            return


def _membership_owners(rows: list[CheckedRow]) -> None:
    """Link owners named by national ID to the producer when they have an account (consented ID)."""
    wanted = {r.owner_id_hash: r.registration_number for r in rows if r.owner_id_hash}
    if not wanted:
        return
    users = dict(
        TraineeIdentity.objects.filter(national_id_hash__in=list(wanted)).values_list(
            "national_id_hash", "user_id"
        )
    )
    if not users:
        return
    producers = dict(
        Producer.objects.filter(registration_number__in=[wanted[h] for h in users]).values_list(
            "registration_number", "pk"
        )
    )
    now = timezone.now()
    Membership.objects.bulk_create(
        [
            Membership(
                user_id=user_id,
                producer_id=producers[wanted[h]],
                role=Membership.Role.OWNER,
                status=Membership.Status.CONFIRMED,
                requested_at=now,
                confirmed_at=now,
            )
            for h, user_id in users.items()
            if wanted[h] in producers
        ],
        ignore_conflicts=True,
    )


def apply(analysis: Analysis, *, only_valid: bool = False) -> dict[str, int]:
    """Write an analysis made with keep_rows, in one transaction; refuses errors unless only_valid."""
    if analysis.file_error or refused_by_policy(analysis.has_errors, only_valid):
        raise FileRefused(gettext("The file has errors; nothing was imported."))
    with transaction.atomic():
        writer = _Writer()
        for row in analysis.rows:
            if analysis.actions[row.line] != ERROR:
                writer.add(
                    row, analysis.actions[row.line], analysis.existing.get(row.registration_number)
                )
        writer.flush()
    return {
        "new": writer.written[NEW],
        "update": writer.written[UPDATE],
        "unchanged": analysis.count(UNCHANGED),
    }


def import_file(
    source,
    filename: str,
    columns: list[str] | None = None,
    *,
    header_line: int | None = None,
    only_valid: bool = False,
    province_codes: frozenset[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> tuple[Analysis, dict[str, int]]:
    """Check and write a file in one pass and one transaction (rolled back if it is refused)."""
    with transaction.atomic():
        writer = _Writer()
        analysis = analyse(
            source,
            filename,
            columns,
            header_line=header_line,
            progress=progress,
            province_codes=province_codes,
            writer=writer,
        )
        if analysis.file_error or refused_by_policy(analysis.has_errors, only_valid):
            transaction.set_rollback(True)
            return analysis, {"new": 0, "update": 0, "unchanged": 0, "refused": True}
        writer.flush()
    counts = {"new": writer.written[NEW], "update": writer.written[UPDATE]}
    return analysis, {**counts, "unchanged": analysis.count(UNCHANGED)}


def summarise(analysis: Analysis, record: ProducerImport) -> None:
    """Store the counts, the errors (in Thai and English) and the first rows for the preview."""
    record.progress_total = analysis.total
    record.new_count = analysis.count(NEW)
    record.update_count = analysis.count(UPDATE)
    record.unchanged_count = analysis.count(UNCHANGED)
    record.error_count = analysis.count(ERROR)
    record.warning_count = analysis.warning_count
    record.message = analysis.file_error
    record.errors = analysis.errors
    record.preview = analysis.preview


def _scope_of(record: ProducerImport) -> frozenset[str] | None:
    from producers.selectors import province_codes_for

    return province_codes_for(record.owner) if record.owner else None


def _progress_key(record_id: int) -> str:
    return f"producer-import-progress:{record_id}"


def progress_of(record: ProducerImport) -> int:
    """Rows done so far: written to the cache while a transaction hides the database row."""
    return cache.get(_progress_key(record.pk), record.progress_done)


def needs_task(record: ProducerImport) -> bool:
    """More rows than a request should read: reads at most TASK_THRESHOLD + 1 rows to know."""
    with record.file.open("rb") as handle:
        table = open_table(handle, record.original_name)
        return count_rows(table, record.header_line, TASK_THRESHOLD + 1) > TASK_THRESHOLD


def preview_import(record: ProducerImport) -> None:
    """Check the stored file with the confirmed columns and keep the summary (writes no producer)."""
    record.set_progress(0)
    checked = record.set_progress

    with record.file.open("rb") as handle:
        if record.status == ProducerImport.Status.ANALYSING:
            # A task: count the rows first so that the progress bar has a total.
            try:
                total = count_rows(
                    open_table(handle, record.original_name), record.header_line, MAX_ROWS + 1
                )
            except FileError:
                total = 0  # analyse() reports why
            record.set_progress(0, total)
            record.progress_total = total
        analysis = analyse(
            handle,
            record.original_name,
            record.columns or None,
            header_line=record.header_line,
            progress=checked,
            province_codes=_scope_of(record),
        )
    summarise(analysis, record)
    record.progress_done = analysis.total
    record.status = ProducerImport.Status.PREVIEWED
    record.save()


def runs_in_background(record: ProducerImport) -> bool:
    """More rows than a request should write: the import runs in a Celery task."""
    return record.progress_total > TASK_THRESHOLD


def confirm_import(record: ProducerImport, only_valid: bool) -> ProducerImport:
    """The coordinator confirms a previewed import: small files are written now, large ones queued.

    Raises ImportHasErrors (nothing changed) under the import policy. A record that is not (or no
    longer) previewed, confirmed twice for instance, is returned as it is.
    """
    from producers.tasks import import_producers

    if record.status != ProducerImport.Status.PREVIEWED:
        return record
    check_import_policy(bool(record.error_count), only_valid)
    in_background = runs_in_background(record)
    with transaction.atomic():
        claimed = ProducerImport.objects.filter(
            pk=record.pk, status=ProducerImport.Status.PREVIEWED
        ).update(status=ProducerImport.Status.QUEUED, only_valid=only_valid)
        if claimed and in_background:
            import_producers.delay_on_commit(record.pk)
    if claimed and not in_background:
        return run_import(record.pk)
    record.refresh_from_db()
    return record


def run_import(record_id: int) -> ProducerImport:
    """Check the stored file again and write it (the Celery task and small imports call this)."""
    record = ProducerImport.objects.get(pk=record_id)
    if not record.start():
        return record  # a retried or duplicated task does nothing twice
    key = _progress_key(record.pk)

    def checked(count):
        # Inside the writing transaction the record's row would stay invisible to the poller.
        cache.set(key, count, 3600)

    try:
        with record.file.open("rb") as handle:
            analysis, counts = import_file(
                handle,
                record.original_name,
                record.columns or None,
                header_line=record.header_line,
                only_valid=record.only_valid,
                province_codes=_scope_of(record),
                progress=checked,
            )
    except Exception:
        record.fail()
        raise
    finally:
        cache.delete(key)
    summarise(analysis, record)
    if counts.get("refused"):
        record.save()
        record.fail(analysis.file_error or gettext("The file has errors; nothing was imported."))
    else:
        record.new_count, record.update_count = counts["new"], counts["update"]
        record.progress_done = analysis.total
        record.save()
        record.finish()
    return record
