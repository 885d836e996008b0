import os
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings as django_settings

# Sync Playwright keeps an asyncio loop running in the main thread; Django must still allow ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Tests marked `postgresql` run concurrent connections (threads, a worker) against one database:
# SQLite locks its file, so on the embedded default they skip, and the run ends with one line saying
# how to run them.
HOW_TO_RUN_ON_POSTGRESQL = (
    "DATABASE_URL=postgres://postgres@127.0.0.1:5432/otop make test"
    " (pytest creates the test database)"
)


_POSTGRESQL_ONLY = pytest.StashKey[list]()


def on_postgresql() -> bool:
    return django_settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def pytest_collection_modifyitems(config, items):
    if on_postgresql() or IN_CI:
        return  # in CI the is_postgresql fixture fails them instead: CI must run them
    skip = pytest.mark.skip(reason=f"needs PostgreSQL: run {HOW_TO_RUN_ON_POSTGRESQL}")
    for item in items:
        if item.get_closest_marker("postgresql"):
            item.add_marker(skip)
    config.stash[_POSTGRESQL_ONLY] = [
        item.nodeid for item in items if item.get_closest_marker("postgresql")
    ]


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    skipped = config.stash.get(_POSTGRESQL_ONLY, [])
    if skipped:
        terminalreporter.write_line(
            f"{len(skipped)} tests need PostgreSQL and were skipped on SQLite; "
            f"run them with {HOW_TO_RUN_ON_POSTGRESQL}",
            yellow=True,
        )


def need_service(name: str, reason: str) -> None:
    """Skip a test whose service is missing locally; in CI a missing service is a failure."""
    message = f"{name} is not available: {reason}"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _fast_tests(settings, tmp_path):
    from django.core.cache import cache

    from accounts import sms

    cache.clear()  # cached outlines and settings must not leak between tests
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_ENABLED = False  # on in test_sign_in_throttling, which tests it
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SMS_URL = "locmem://"  # messages land in accounts.sms.outbox
    sms.outbox.clear()
    settings.STORAGES = {
        **django_settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def home_page(db):
    """The Wagtail home page and default Site (created by migrations; recreated after a flush)."""
    from tests.factories.pages import ensure_home_site

    return ensure_home_site()


@pytest.fixture
def site_home(transactional_db):
    """The home page and Site, recreated because transactional tests flush what migrations made."""
    from tests.factories.pages import ensure_home_site

    return ensure_home_site()


# A real Celery worker on Redis, for integration and whole-journey tests.

TEST_BROKER_URL = os.environ.get("TEST_CELERY_BROKER_URL", "redis://127.0.0.1:6379/15")


def _reachable(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def celery_broker_url():
    if not _reachable(TEST_BROKER_URL):
        need_service("Redis", f"no broker at {TEST_BROKER_URL}")
    return TEST_BROKER_URL


def forget_broker_connections() -> None:
    """Drop cached connections and producer pools, so tasks go to the broker configured now.

    In-process (eager) tests earlier in the run leave pools opened on the default broker.
    """
    from kombu import pools

    from config.celery import app

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def celery_worker(celery_broker_url, transactional_db, settings):
    """A real Celery worker thread on Redis; tasks are sent, not run in-process.

    Tests using it need `transaction=True` (on_commit must really fire, and the worker's own
    connection must see committed rows).
    """
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    settings.CELERY_BROKER_URL = celery_broker_url
    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=celery_broker_url, task_always_eager=False)
    forget_broker_connections()
    with app.connection_for_write() as conn:
        conn.default_channel.client.flushdb()  # no stale messages from an earlier run
    try:
        with start_worker(
            app, pool="solo", perform_ping_check=False, shutdown_timeout=10
        ) as worker:
            yield worker
    finally:
        app.conf.update(saved)
        forget_broker_connections()


@pytest.fixture(scope="session")
def is_postgresql(django_db_setup, django_db_blocker):
    """True on PostgreSQL; under CI, a test that asks for it fails on any other database."""
    from django.db import connection

    if connection.vendor != "postgresql" and IN_CI:
        pytest.fail(f"CI runs these tests on PostgreSQL: {HOW_TO_RUN_ON_POSTGRESQL}")
    return connection.vendor == "postgresql"


PLATFORM_GROUPS = ("Trainees", "Trainers", "Coordinators")


@pytest.fixture(scope="session", autouse=True)
def platform_group_permissions(django_db_setup, django_db_blocker) -> dict[str, list[tuple]]:
    """Each platform group's permissions as the migrations grant them, read before any test runs.

    A browser test's database is flushed afterwards, which drops what data migrations wrote; fixtures
    that rebuild the demo data put these back (`tests.factories.accounts.restore_platform_groups`).
    """
    from django.contrib.auth.models import Group
    from django.db import DatabaseError

    with django_db_blocker.unblock():
        try:
            return {
                group.name: list(
                    group.permissions.values_list("content_type__app_label", "codename")
                )
                for group in Group.objects.filter(name__in=PLATFORM_GROUPS)
            }
        except DatabaseError:  # no test of this run uses the database, so none was set up
            return {}
