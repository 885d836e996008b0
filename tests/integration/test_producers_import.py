"""A large registry file is imported by the real Celery worker, with progress the admin can poll."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

import producers.tasks
from producers.imports.service import TASK_THRESHOLD
from producers.models import Producer, ProducerImport
from tests.factories.accounts import PASSWORD
from tests.factories.producers import national_coordinator

SUBDISTRICTS = [
    ("บ้านกลาง", "เมือง", "ลำพูน"),
    ("ท่ายาง", "ท่ายาง", "เพชรบุรี"),
    ("ขุนคง", "หางดง", "เชียงใหม่"),
    ("ท่าฉาง", "ท่าฉาง", "สุราษฎร์ธานี"),
]


def registry_csv(rows: int) -> bytes:
    lines = ["เลขทะเบียน,ชื่อผู้ผลิต,ประเภทผู้ผลิต,ประเภทผลิตภัณฑ์,ตำบล,อำเภอ,จังหวัด,วันที่ลงทะเบียน"]
    for n in range(rows):
        sub, dist, prov = SUBDISTRICTS[n % len(SUBDISTRICTS)]
        lines.append(
            f"BIG-{n:05d},กลุ่มผู้ผลิตชุมชนที่ {n},กลุ่มผู้ผลิตชุมชน,อาหาร,{sub},{dist},{prov},15/01/2560"
        )
    return ("\n".join(lines) + "\n").encode("cp874")


def wait_until_finished(client, status_url, seconds=90):
    deadline = time.monotonic() + seconds
    status = client.get(status_url).json()
    while time.monotonic() < deadline and not status["finished"]:
        time.sleep(0.2)
        status = client.get(status_url).json()
    return status


@pytest.mark.integration
@pytest.mark.postgresql  # the worker thread writes while the test reads: SQLite locks the file
@pytest.mark.django_db(transaction=True)
def test_a_large_import_runs_in_the_worker_and_reports_progress(celery_worker, client):
    rows = TASK_THRESHOLD + 500
    coordinator = national_coordinator()
    assert client.login(username=coordinator.email, password=PASSWORD)

    upload = SimpleUploadedFile("big-registry.csv", registry_csv(rows), content_type="text/csv")
    response = client.post(reverse("producer_import:upload"), {"file": upload})
    record = ProducerImport.objects.get()
    assert response.status_code == 302
    # Every header is known: the coordinator confirms the suggested columns.
    client.post(
        reverse("producer_import:columns", args=[record.pk]),
        {f"column_{i}": name for i, name in enumerate(record.columns)},
    )
    status_url = reverse("core_job_status", args=["producer-import", record.pk])
    assert client.get(status_url).json()["status"] == "analysing"  # too many rows for a request
    wait_until_finished(client, status_url)
    record.refresh_from_db()
    assert (record.progress_total, record.new_count, record.error_count) == (rows, rows, 0)
    assert Producer.objects.count() == 0  # the preview writes nothing

    client.post(reverse("producer_import:run", args=[record.pk]))
    status = wait_until_finished(client, status_url)

    assert status["finished"] and status["progress"] == 100
    record.refresh_from_db()
    assert record.status == ProducerImport.Status.DONE
    assert Producer.objects.count() == rows
    assert Producer.objects.filter(province_code="84").count() == rows // 4


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_task_run_twice_imports_once(celery_worker):
    record = ProducerImport.objects.create(
        file=SimpleUploadedFile("small.csv", registry_csv(20)),
        original_name="small.csv",
        status=ProducerImport.Status.QUEUED,
    )
    producers.tasks.import_producers.delay(record.pk)
    producers.tasks.import_producers.delay(record.pk)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        record.refresh_from_db()
        if record.status == ProducerImport.Status.DONE:
            break
        time.sleep(0.1)
    time.sleep(0.5)  # let the second delivery finish too
    record.refresh_from_db()
    assert record.status == ProducerImport.Status.DONE
    assert record.new_count == 20
    assert Producer.objects.count() == 20
