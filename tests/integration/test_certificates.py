"""Certificates issued by a real Celery worker on Redis, from a completion committed in the database."""

import time

import pytest
from django.db import transaction

import certificates.tasks
from certificates import services
from certificates.models import Certificate
from tests.factories.accounts import TraineeFactory
from tests.factories.certificates import CertificateTemplateFactory, complete
from tests.factories.courses import make_course
from tests.factories.learning import enrolled, open_and_complete
from tests.factories.pages import ensure_home_site

pytestmark = [
    pytest.mark.integration,
    pytest.mark.postgresql,  # a worker thread and the test would lock one SQLite file
    pytest.mark.django_db(transaction=True),
]


def wait_for(predicate, seconds: float = 30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if result := predicate():
            return result
        time.sleep(0.2)
    return predicate()


@pytest.fixture
def course(is_postgresql):
    ensure_home_site()
    CertificateTemplateFactory()
    return make_course(lessons=2, modules=1)


def test_completing_the_last_lesson_issues_a_valid_certificate_through_the_worker(
    celery_worker, course
):
    enrolment = enrolled(course, TraineeFactory(first_name="บุญมี", last_name="แก้วมณี"))
    first, last = course.lessons()
    open_and_complete(enrolment, first)
    with transaction.atomic():
        open_and_complete(enrolment, last)
    cert = wait_for(lambda: Certificate.objects.filter(enrolment=enrolment, status="valid").first())
    assert cert is not None
    assert cert.holder_name == "นางสาวบุญมี แก้วมณี"
    assert cert.pdf.open("rb").read(5) == b"%PDF-"


def test_a_duplicated_task_issues_one_certificate(celery_worker, course):
    enrolment = enrolled(course)
    complete(enrolment)  # committed (transactional test) and announced once
    for _ in range(3):
        certificates.tasks.issue_certificate.delay(enrolment.pk)
    wait_for(lambda: Certificate.objects.filter(enrolment=enrolment, status="valid").exists())
    time.sleep(2)  # let the duplicates finish
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    assert Certificate.objects.get(enrolment=enrolment).status == "valid"


def test_double_completion_gives_one_certificate(celery_worker, course):
    enrolment = enrolled(course)
    complete(enrolment)
    with transaction.atomic():  # completing again announces nothing
        for lesson in course.lessons():
            open_and_complete(enrolment, lesson)
    wait_for(lambda: Certificate.objects.filter(enrolment=enrolment, status="valid").exists())
    time.sleep(1)
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


def test_a_worker_stopped_mid_task_is_repaired_by_the_sweeper(celery_worker, course):
    from datetime import timedelta

    from django.utils import timezone

    from learning.models import Enrolment

    enrolment = enrolled(course)
    # Completed, but the worker died after inserting the PENDING row and before storing a file.
    Enrolment.objects.filter(pk=enrolment.pk).update(
        status="completed", completed_at=timezone.now()
    )
    stale = services._create(Enrolment.objects.get(pk=enrolment.pk))
    Certificate.objects.filter(pk=stale.pk).update(
        created_at=timezone.now() - timedelta(minutes=20)
    )
    assert not stale.pdf
    certificates.tasks.sweep_certificates.delay()
    cert = wait_for(lambda: Certificate.objects.filter(pk=stale.pk, status="valid").first())
    assert cert is not None and cert.pdf and cert.sha256
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
