from celery import shared_task

from producers.imports.service import run_import


@shared_task(acks_late=True)
def import_producers(record_id: int) -> int:
    """Import a stored registry file (ProducerImport id); running it twice imports once."""
    return run_import(record_id).pk
