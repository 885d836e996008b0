"""The one status endpoint of background jobs: registry imports, report downloads, bulk reissues."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from certificates.models import BulkReissue
from core.jobs import JobStatus
from producers.models import ProducerImport
from reports.models import ExportJob
from tests.factories.courses import make_course
from tests.factories.reports import admin_access, report_coordinator

pytestmark = pytest.mark.django_db


def status_of(client, job):
    return client.get(reverse("core_job_status", args=[job.job_kind, job.pk]))


def an_import(owner, **fields):
    return ProducerImport.objects.create(
        file=SimpleUploadedFile("registry.csv", b"a,b\n1,2\n"),
        original_name="registry.csv",
        owner=owner,
        **fields,
    )


def an_export(owner, **fields):
    return ExportJob.objects.create(
        owner=owner,
        report="completion",
        format="csv",
        expires_at=timezone.now() + dt.timedelta(days=7),
        **fields,
    )


def a_bulk_reissue(owner, **fields):
    return BulkReissue.objects.create(
        course=make_course(lessons=1, modules=1), reason="แก้ไขแม่แบบ", owner=owner, **fields
    )


@pytest.mark.parametrize("make_job", [an_import, an_export, a_bulk_reissue])
def test_the_owner_follows_the_job(client, home_page, make_job):
    owner = report_coordinator()
    job = make_job(owner, status=JobStatus.RUNNING, progress_done=30, progress_total=120)
    client.force_login(owner)

    data = status_of(client, job).json()

    assert data["status"] == "running"
    assert (data["done"], data["total"], data["progress"]) == (30, 120, 25)
    assert data["finished"] is False and data["result_url"] == ""


@pytest.mark.parametrize("make_job", [an_import, an_export])
def test_another_coordinator_gets_a_404(client, home_page, make_job):
    job = make_job(report_coordinator(), status=JobStatus.RUNNING)
    client.force_login(report_coordinator())
    assert status_of(client, job).status_code == 404


@pytest.mark.parametrize("make_job", [an_import, an_export, a_bulk_reissue])
def test_a_coordinator_of_another_province_gets_a_404(client, home_page, make_job):
    job = make_job(report_coordinator("50"), status=JobStatus.RUNNING)
    client.force_login(report_coordinator("51"))
    assert status_of(client, job).status_code == 404


def test_a_trainee_with_admin_access_gets_a_404(client, home_page):
    from tests.factories.accounts import TraineeFactory

    job = an_export(report_coordinator(), status=JobStatus.RUNNING)
    client.force_login(admin_access(TraineeFactory()))
    assert status_of(client, job).status_code == 404


def test_an_unknown_kind_of_job_is_a_404(client, home_page):
    client.force_login(report_coordinator())
    assert client.get(reverse("core_job_status", args=["nothing", 1])).status_code == 404


def test_a_finished_job_gives_its_message_and_its_result(client, home_page):
    owner = report_coordinator()
    failed = an_export(owner)
    failed.fail("ไม่มีพื้นที่เก็บไฟล์")
    done = an_import(owner, progress_total=10)
    done.finish(progress_done=10)
    client.force_login(owner)

    failed_data = status_of(client, failed).json()
    done_data = status_of(client, done).json()

    assert (failed_data["status"], failed_data["finished"]) == ("failed", True)
    assert failed_data["message"] == "ไม่มีพื้นที่เก็บไฟล์"
    assert (done_data["progress"], done_data["finished"]) == (100, True)
    assert done_data["result_url"] == reverse("producer_import:detail", args=[done.pk])


def test_a_job_starts_once(home_page):
    job = an_export(report_coordinator())
    again = ExportJob.objects.get(pk=job.pk)
    assert job.start(total=5)
    job.finish()
    assert not again.start()  # a finished job is never started again
    job.refresh_from_db()
    assert job.status == JobStatus.DONE


def test_the_progress_page_polls_the_one_status_endpoint(client, home_page):
    owner = report_coordinator()
    job = an_export(owner, status=JobStatus.RUNNING, progress_done=1, progress_total=4)
    client.force_login(owner)

    page = client.get(reverse("otop_reports:download_detail", args=[job.pk])).content.decode()

    assert reverse("core_job_status", args=["report-export", job.pk]) in page
    assert "core/job-progress.js" in page
    assert 'aria-live="polite"' in page
