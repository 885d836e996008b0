import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": "a-production-like-secret-key-for-the-check-" + "k7Qz" * 10,
        "ALLOWED_HOSTS": "learn.example.th",
        "SITE_URL": "https://learn.example.th",
        "CACHE_URL": "redis://127.0.0.1:6379/1",  # rate limits need a shared cache (core.W001)
    }
    for name in ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"):
        env.pop(name, None)  # set by the test run, not by production
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_when_rate_limits_would_count_per_process(settings):
    from core.checks import rate_limits_need_a_shared_cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [w.id for w in rate_limits_need_a_shared_cache(None)] == ["core.W001"]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/1",
        }
    }
    assert rate_limits_need_a_shared_cache(None) == []


def test_a_redis_cache_is_given_short_socket_timeouts():
    env = {**os.environ, "CACHE_URL": "redis://127.0.0.1:6379/1"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings'; "
        "from django.conf import settings; print(settings.CACHES['default']['OPTIONS'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert "'socket_timeout': 1" in result.stdout, result.stderr
    assert "'socket_connect_timeout': 1" in result.stdout
