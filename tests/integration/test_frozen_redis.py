"""A Redis that stops answering (frozen, not down: connections hang instead of being refused) costs
a request about a second, not many: short broker socket timeouts, no publish retry, a 1 s health check."""

import os
import shutil
import signal
import socket
import subprocess
import time

import pytest

from tests.conftest import forget_broker_connections, need_service

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def frozen_broker(settings):
    """A private redis-server, answered once, then stopped with SIGSTOP (like a hung host)."""
    if not shutil.which("redis-server"):
        need_service("redis-server", "the binary is not installed")
    from config.celery import app

    port = _free_port()
    server = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager")}
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        settings.CELERY_BROKER_URL = url
        app.conf.update(broker_url=url, task_always_eager=False)
        forget_broker_connections()
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1)  # it answers before it freezes
        os.kill(server.pid, signal.SIGSTOP)
        yield url
    finally:
        os.kill(server.pid, signal.SIGCONT)
        server.terminate()
        server.wait(10)
        app.conf.update(saved)
        forget_broker_connections()


def test_queuing_a_certificate_gives_up_within_about_a_second(frozen_broker):
    from certificates.receivers import issue_on_completion

    started = time.monotonic()
    issue_on_completion(sender=None, enrolment_id=987654)  # logs the failure; the sweep catches up
    assert time.monotonic() - started < 2.5


def test_healthz_names_the_frozen_broker_within_about_a_second(client, frozen_broker):
    started = time.monotonic()
    response = client.get("/healthz/")
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.json()["failed"] == ["broker"]
    assert elapsed < 2.5
