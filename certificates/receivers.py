"""Listening to learning: a completed enrolment asks for its certificate."""

import logging

from django.dispatch import receiver

from learning.signals import enrolment_completed

log = logging.getLogger(__name__)


@receiver(enrolment_completed, dispatch_uid="certificates.issue_on_completion")
def issue_on_completion(sender, enrolment_id: int, **kwargs) -> None:
    from certificates import tasks

    try:
        tasks.issue_certificate.delay(enrolment_id)
    except Exception:
        # The broker is down (or the in-process run failed): the periodic sweep issues it later.
        log.exception("Could not queue the certificate of enrolment %s", enrolment_id)
