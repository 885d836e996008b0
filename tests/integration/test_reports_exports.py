"""A large completion export goes through a real Celery worker on the "exports" queue."""

import csv
import io
import time

import pytest
from django.urls import reverse

import reports.tasks  # noqa: F401  (registered before the worker starts)
from reports.models import ExportJob
from tests.factories.accounts import TraineeFactory
from tests.factories.courses import make_course
from tests.factories.producers import (
    CHIANG_MAI_KHUN_KHONG,
    MembershipFactory,
    ProducerFactory,
)
from tests.factories.reports import progress_row, report_coordinator

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def exports_worker(celery_broker_url, transactional_db, settings):
    """A real worker that consumes the default queue and "exports", as production workers do."""
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    def forget_connections():
        # An earlier test may have opened the publisher pool on another broker URL.
        app._pool = None
        app.amqp._producer_pool = None

    settings.CELERY_BROKER_URL = celery_broker_url
    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=celery_broker_url, task_always_eager=False)
    forget_connections()
    with app.connection_for_write() as conn:
        conn.default_channel.client.flushdb()
    try:
        with start_worker(
            app,
            pool="solo",
            perform_ping_check=False,
            shutdown_timeout=10,
            queues=["celery", "exports"],
        ) as worker:
            yield worker
    finally:
        app.conf.update(saved)
        forget_connections()


def test_a_large_export_is_written_by_the_worker_and_downloaded_by_its_owner(
    exports_worker, site_home_for_reports, client, settings
):
    settings.REPORTS_ASYNC_THRESHOLD = 3
    course = make_course(lessons=3, modules=1, title="การทำบัญชีครัวเรือน")
    lamphun = ProducerFactory(registration_number="5101-00901")
    chiang_mai = ProducerFactory(
        registration_number="5015-00902", subdistrict_code=CHIANG_MAI_KHUN_KHONG
    )
    for n in range(5):
        trainee = MembershipFactory(
            producer=lamphun, user=TraineeFactory(first_name=f"ลำพูน{n}")
        ).user
        progress_row(trainee, course, done=n % 4)
    stranger = MembershipFactory(
        producer=chiang_mai, user=TraineeFactory(first_name="เชียงใหม่")
    ).user
    progress_row(stranger, course, done=3)

    coordinator = report_coordinator("51")
    client.force_login(coordinator)
    response = client.get(reverse("otop_reports:completion"), {"export": "csv"})
    job = ExportJob.objects.get(owner=coordinator)
    assert response.url == reverse("otop_reports:download_detail", args=[job.pk])

    status_url = reverse("core_job_status", args=["report-export", job.pk])
    deadline = time.monotonic() + 30
    status = {}
    while time.monotonic() < deadline:
        status = client.get(status_url).json()
        if status["finished"]:
            break
        time.sleep(0.2)
    assert status["status"] == "done" and status["progress"] == 100 and status["total"] == 5

    file_url = reverse("otop_reports:download_file", args=[job.pk])
    text = b"".join(client.get(file_url).streaming_content).decode("utf-8-sig")
    names = [row[0] for row in csv.reader(io.StringIO(text))][1:]
    assert len(names) == 5
    assert all(name.startswith("นางสาวลำพูน") for name in names)

    client.force_login(report_coordinator("51"))
    assert client.get(file_url).status_code == 404


def test_the_export_task_is_routed_to_the_exports_queue():
    from config.celery import app

    assert app.amqp.router.route({}, "reports.run_export")["queue"].name == "exports"


@pytest.fixture
def site_home_for_reports(transactional_db):
    from tests.factories.pages import ensure_home_site

    return ensure_home_site()
