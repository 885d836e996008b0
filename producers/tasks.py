from celery import shared_task

from producers.imports.service import preview_import, run_import
from producers.models import ProducerImport


@shared_task(acks_late=True)
def import_producers(record_id: int) -> int:
    """Import a stored registry file (ProducerImport id); running it twice imports once."""
    return run_import(record_id).pk


@shared_task(acks_late=True)
def preview_producers(record_id: int) -> int:
    """Check a large stored registry file for the preview (writes no producer)."""
    record = ProducerImport.objects.get(pk=record_id)
    if record.status == ProducerImport.Status.ANALYSING:
        preview_import(record)
    return record.pk
