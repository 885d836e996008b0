"""Celery tasks: they take ids and call services; retries with backoff for transient faults only."""

from celery import shared_task
from django.db import InterfaceError, OperationalError

from certificates import services

TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
RETRY = {
    "autoretry_for": TRANSIENT,
    "retry_backoff": 10,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 8,
}


@shared_task(**RETRY)
def issue_certificate(enrolment_id: int) -> str | None:
    cert = services.issue_certificate(enrolment_id)
    return cert.code if cert else None


@shared_task(**RETRY)
def render_certificate(certificate_id: int) -> bool:
    return services.render_certificate(certificate_id)


@shared_task(**RETRY)
def sweep_certificates() -> dict:
    return services.sweep()


@shared_task(**RETRY)
def run_bulk_reissue(bulk_id: int) -> None:
    services.run_bulk_reissue(bulk_id)


@shared_task(**RETRY)
def reissue_chunk(bulk_id: int, cert_ids: list[int]) -> int:
    return services.reissue_chunk(bulk_id, cert_ids)
