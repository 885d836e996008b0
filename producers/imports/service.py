"""Preview and apply a producer registry file.

Rows are matched by registration number: unknown numbers are created, known ones updated when a
field differs, left alone otherwise. A file with any bad row imports nothing unless the coordinator
asks for the good rows only. Writing is one transaction (all or nothing), in batches.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import geothai
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext

from producers.imports.reader import FileError, read_rows
from producers.imports.rows import FIELDS, CheckedRow, check_row
from producers.models import (
    Membership,
    Producer,
    ProducerImport,
    TraineeIdentity,
    area_name,
)

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"
BATCH = 1000
# Above this many rows the import runs in a Celery task with a progress bar.
TASK_THRESHOLD = 2000
PREVIEW_ROWS = 300  # rows without errors kept for the preview table (every error row is kept)


@dataclass
class Analysis:
    rows: list[CheckedRow] = field(default_factory=list)
    actions: dict[int, str] = field(default_factory=dict)  # line -> NEW/UPDATE/UNCHANGED/ERROR
    existing: dict[str, tuple] = field(default_factory=dict)  # registration number -> (pk, *FIELDS)
    file_error: str = ""

    def count(self, action: str) -> int:
        return sum(1 for a in self.actions.values() if a == action)

    @property
    def has_errors(self) -> bool:
        return bool(self.file_error) or ERROR in self.actions.values()


def _errors_in_both_languages(
    line: int, raw: dict, first: CheckedRow, redo: Callable[[CheckedRow], None]
) -> list[dict]:
    # Row errors are rare: check the row again under the other language for its messages.
    current = (translation.get_language() or "th")[:2]
    other = "en" if current == "th" else "th"
    with translation.override(other):
        again = check_row(line, raw)
        redo(again)
    return [{current: a, other: b} for a, b in zip(first.errors, again.errors, strict=True)]


def analyse(
    data: bytes,
    filename: str,
    progress: Callable[[int], None] | None = None,
    province_codes: frozenset[str] | None = None,
) -> Analysis:
    """Read and check every row, and say for each whether it is new, an update, unchanged or bad.

    `province_codes` limits a provincial coordinator's file to their provinces (None: all): a row
    placing a producer elsewhere, or touching a producer registered elsewhere, is a row error.
    """
    result = Analysis()
    try:
        raw_rows = list(read_rows(data, filename))
    except (FileError, UnicodeDecodeError, ValueError) as exc:
        result.file_error = str(exc)
        return result
    # One query for what the registry already holds.
    result.existing = {
        values[0]: values[1:]
        for values in Producer.objects.values_list("registration_number", "pk", *FIELDS).iterator(
            chunk_size=5000
        )
    }
    seen: dict[str, int] = {}

    def file_level_checks(row: CheckedRow, first_line: int | None) -> None:
        # Checks that need more than the row: duplicates in the file, the coordinator's provinces.
        if first_line is not None:
            row.errors.append(
                translation.gettext("Registration number %(number)s is already on line %(line)s.")
                % {"number": row.registration_number, "line": first_line}
            )
        if province_codes is not None:
            _check_scope(row, result.existing.get(row.registration_number), province_codes)

    for index, raw in enumerate(raw_rows, start=1):
        row = check_row(raw.line, raw.values)
        first_line = seen.get(row.registration_number)
        if first_line is None and row.registration_number:
            seen[row.registration_number] = row.line
        file_level_checks(row, first_line)
        if row.errors:
            row.errors_both = _errors_in_both_languages(
                raw.line, raw.values, row, lambda again, f=first_line: file_level_checks(again, f)
            )
            result.actions[row.line] = ERROR
        else:
            known = result.existing.get(row.registration_number)
            if known is None:
                result.actions[row.line] = NEW
            elif tuple(row.values[f] for f in FIELDS) == tuple(known[1:]):
                result.actions[row.line] = UNCHANGED
            else:
                result.actions[row.line] = UPDATE
        result.rows.append(row)
        if progress and index % BATCH == 0:
            progress(index)
    return result


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


def apply(
    analysis: Analysis, *, only_valid: bool = False, progress: Callable[[int], None] | None = None
) -> dict[str, int]:
    """Write the analysed rows in one transaction. Refuses a file with errors unless only_valid."""
    if analysis.file_error or (analysis.has_errors and not only_valid):
        raise ValueError("the file has errors")
    now = timezone.now()
    creates, updates = [], []
    for row in analysis.rows:
        action = analysis.actions[row.line]
        if action == NEW:
            producer = Producer(registration_number=row.registration_number, **row.values)
            producer.set_area_codes()
            creates.append(producer)
        elif action == UPDATE:
            producer = Producer(
                pk=analysis.existing[row.registration_number][0],
                registration_number=row.registration_number,
                updated_at=now,
                **row.values,
            )
            producer.set_area_codes()
            updates.append(producer)
    done = 0
    with transaction.atomic():
        for start in range(0, len(creates), BATCH):
            Producer.objects.bulk_create(creates[start : start + BATCH])
            done += len(creates[start : start + BATCH])
            if progress:
                progress(done)
        update_fields = [*FIELDS, "district_code", "province_code", "updated_at"]
        for start in range(0, len(updates), BATCH):
            Producer.objects.bulk_update(updates[start : start + BATCH], update_fields)
            done += len(updates[start : start + BATCH])
            if progress:
                progress(done)
        _membership_owners([r for r in analysis.rows if analysis.actions[r.line] != ERROR])
    return {"new": len(creates), "update": len(updates), "unchanged": analysis.count(UNCHANGED)}


def _json_value(value):
    return value.isoformat() if isinstance(value, dt.date) else value


def summarise(analysis: Analysis, record: ProducerImport) -> None:
    """Store the counts, every error (in Thai and English) and the first rows for the preview."""
    record.total_rows = len(analysis.rows)
    record.new_count = analysis.count(NEW)
    record.update_count = analysis.count(UPDATE)
    record.unchanged_count = analysis.count(UNCHANGED)
    record.error_count = analysis.count(ERROR)
    record.message = analysis.file_error
    record.errors = [
        {
            "line": r.line,
            "registration_number": r.registration_number,
            "name": r.name,
            "messages": r.errors_both,
        }
        for r in analysis.rows
        if analysis.actions[r.line] == ERROR
    ]
    preview = []
    for r in analysis.rows:
        if analysis.actions[r.line] == ERROR:
            continue
        preview.append(
            {
                "line": r.line,
                "action": analysis.actions[r.line],
                "registration_number": r.registration_number,
                "name": r.name,
                "subdistrict_code": r.values["subdistrict_code"],
                "registered_on": _json_value(r.values["registered_on"]),
            }
        )
        if len(preview) >= PREVIEW_ROWS:
            break
    record.preview = preview


def _scope_of(record: ProducerImport) -> frozenset[str] | None:
    from producers.selectors import province_codes_for

    return province_codes_for(record.uploaded_by) if record.uploaded_by else None


def preview_import(record: ProducerImport) -> Analysis:
    with record.file.open("rb") as handle:
        data = handle.read()
    analysis = analyse(data, record.original_name, province_codes=_scope_of(record))
    summarise(analysis, record)
    record.status = ProducerImport.Status.PREVIEWED
    record.save()
    return analysis


def run_import(record_id: int) -> ProducerImport:
    """Analyse the stored file again and write it (the Celery task and small imports call this).

    Progress is saved outside the writing transaction, so a poller sees it while rows are checked.
    """
    record = ProducerImport.objects.get(pk=record_id)
    if record.status in (ProducerImport.Status.DONE, ProducerImport.Status.RUNNING):
        return record  # a retried or duplicated task does nothing twice
    ProducerImport.objects.filter(pk=record.pk).update(
        status=ProducerImport.Status.RUNNING, processed_rows=0
    )

    def checked(count):
        # Checking moves the bar to 90%; the writing transaction is the rest. Progress written
        # inside that transaction would be invisible to the poller until commit (and would lock
        # the row for it), so the bar waits at 90% while rows are written.
        ProducerImport.objects.filter(pk=record.pk).update(processed_rows=count * 9 // 10)

    try:
        with record.file.open("rb") as handle:
            data = handle.read()
        analysis = analyse(
            data, record.original_name, progress=checked, province_codes=_scope_of(record)
        )
        summarise(analysis, record)
        total = len(analysis.rows)
        ProducerImport.objects.filter(pk=record.pk).update(processed_rows=total * 9 // 10)
        counts = apply(analysis, only_valid=record.only_valid)
    except Exception as exc:
        record.status = ProducerImport.Status.FAILED
        record.message = record.message or str(exc)
        record.finished_at = timezone.now()
        record.save()
        if isinstance(exc, ValueError):
            record.message = gettext("The file has errors; nothing was imported.")
            record.save(update_fields=["message"])
            return record
        raise
    record.new_count, record.update_count = counts["new"], counts["update"]
    record.processed_rows = total
    record.status = ProducerImport.Status.DONE
    record.finished_at = timezone.now()
    record.save()
    return record
