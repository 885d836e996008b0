import os

import pytest
from django.conf import settings as django_settings

# Sync Playwright keeps an asyncio loop running in the main thread; Django must still allow ORM calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def need_service(name: str, reason: str) -> None:
    """Skip a test whose service is missing locally; in CI a missing service is a failure."""
    message = f"{name} is not available: {reason}"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(autouse=True)
def _fast_tests(settings, tmp_path):
    from django.core.cache import cache

    cache.clear()  # cached outlines and settings must not leak between tests
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.AXES_ENABLED = False  # on in test_sign_in_throttling, which tests it
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
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
