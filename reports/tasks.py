"""Celery tasks of the reports app. Large exports run on their own queue, "exports"."""

from celery import shared_task


@shared_task(name="reports.run_export", acks_late=True)
def run_export(job_id: int) -> None:
    """Write one background export (idempotent: a finished job is left as it is)."""
    from reports.services import run_export_job

    run_export_job(job_id)


@shared_task(name="reports.delete_expired_exports")
def delete_expired_exports() -> int:
    from reports.services import delete_expired_exports as delete

    return delete()
