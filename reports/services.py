"""Commands of the reports app: log a download, start a background export, write it, clean up old files."""

from __future__ import annotations

import datetime
import logging
import os
import tempfile

from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from core import exports as spreadsheets
from reports import exports
from reports.filters import SummaryFilterSet, filtered_enrolments
from reports.models import ExportJob, Report
from reports.selectors import completion_tuples, is_national

logger = logging.getLogger(__name__)

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def async_threshold() -> int:
    return settings.REPORTS_ASYNC_THRESHOLD


def download_days() -> int:
    return settings.REPORTS_DOWNLOAD_DAYS


# The action of Wagtail's log (site history, and the history of the user who downloaded).
EXPORT_ACTION = "reports.export"


def log_export(
    user, report: str, fmt: str, filters: dict, include_contacts: bool, row_count=None, job=None
) -> ModelLogEntry:
    """Record who downloaded what (with which filters, how many rows) in Wagtail's log.

    The entry is logged against the user who downloaded, so that it shows in the site history
    (for those who may see user accounts) and in that user's own history.
    """
    entry = log(
        user,
        EXPORT_ACTION,
        user=user,
        title=f"{Report(report).label} ({fmt.upper()})",
        data={
            "report": report,
            "format": fmt,
            "filters": filters,
            "include_contacts": include_contacts,
            "rows": row_count,
            "job": job.pk if job else None,
        },
    )
    if include_contacts:
        logger.info("Report export with contact details by user %s (log %s)", user.pk, entry.pk)
    return entry


def request_export(
    user, report: str, fmt: str, filters: dict, include_contacts: bool, language: str
) -> ExportJob:
    """Queue a background export; the task starts once this transaction commits."""
    from reports.tasks import run_export

    include_contacts = include_contacts and is_national(user)
    with transaction.atomic():
        job = ExportJob.objects.create(
            owner=user,
            report=report,
            format=fmt,
            filters=filters,
            language=language,
            include_contacts=include_contacts,
            expires_at=timezone.now() + datetime.timedelta(days=download_days()),
        )
        log_export(user, report, fmt, filters, include_contacts, job=job)
        run_export.delay_on_commit(job.pk)
    return job


def completion_download(enrolments, include_contacts: bool, english: bool):
    """(columns, records) of the completion report's download: records read through a server-side
    cursor, the next rows read while these are written (`core.exports.read_ahead`)."""
    rows = completion_tuples(enrolments.order_by("pk"), include_contacts=include_contacts)
    records = exports.completion_records(spreadsheets.read_ahead(rows, exports.CHUNK_ROWS), english)
    return exports.completion_columns(include_contacts), records


def completion_records_for(user, filters: dict, include_contacts: bool, english: bool):
    """(columns, row count, records) of the completion report for a user and stored filters."""
    _filterset, enrolments = filtered_enrolments(user, filters)
    columns, records = completion_download(enrolments, include_contacts, english)
    return columns, enrolments.count(), records


def run_export_job(job_id: int) -> ExportJob | None:
    """Write a job's file to a temporary file, then attach it; a job already started is left alone."""
    job = ExportJob.objects.filter(pk=job_id).first()
    if job is None or not job.start():
        return job
    try:
        with translation.override(job.language):
            _write_job_file(job)
    except Exception as error:  # the coordinator sees "failed" instead of a job stuck forever
        logger.exception("Report export %s failed", job.pk)
        job.fail(str(error))
    return job


def _write_job_file(job: ExportJob) -> None:
    english = job.language.startswith("en")
    include_contacts = job.include_contacts and is_national(job.owner)
    if job.report == Report.SUMMARY:
        raise ValueError("Summaries are small and always downloaded directly.")
    columns, total, records = completion_records_for(
        job.owner, job.filters, include_contacts, english
    )
    job.set_progress(0, total)

    handle, temp_path = tempfile.mkstemp(suffix=f".{job.format}.part")
    try:
        with os.fdopen(handle, "wb") as out:
            if job.format == "csv":
                for chunk in spreadsheets.csv_chunks(columns, records, job.set_progress):
                    out.write(chunk)
            else:
                spreadsheets.write_xlsx(out, columns, records, _("Completion"), job.set_progress)
        name = f"{export_filename(job.report, job.created_at)}.{job.format}"
        with open(temp_path, "rb") as finished:
            job.file.save(name, File(finished), save=False)
    finally:
        os.unlink(temp_path)
    job.finish(file=job.file.name, progress_done=total, progress_total=total)


def export_filename(report: str, when=None) -> str:
    when = timezone.localtime(when or timezone.now())
    return f"otop-{report}-{when:%Y%m%d-%H%M}"


def delete_expired_exports(now=None) -> int:
    """Delete jobs (and their files) past their keep-until date; returns how many were deleted."""
    now = now or timezone.now()
    count = 0
    for job in ExportJob.objects.expired(now).iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count


def summary_filterset(user, params):
    return filtered_enrolments(user, params, SummaryFilterSet)
