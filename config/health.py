"""/healthz/: liveness and readiness of the database, the broker (when one is configured) and storage."""

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_broker() -> None:
    from config.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=0, timeout=1)


def _check_storage() -> None:
    default_storage.exists("healthz-probe")


@never_cache
def healthz(request):
    checks = {"database": _check_database, "storage": _check_storage}
    if settings.CELERY_BROKER_URL:
        checks["broker"] = _check_broker
    results = {}
    for name, check in checks.items():
        try:
            check()
        except Exception as exc:  # every failure is reported, none is raised
            results[name] = {"ok": False, "error": exc.__class__.__name__}
        else:
            results[name] = {"ok": True}
    if not settings.CELERY_BROKER_URL:
        results["broker"] = {"ok": True, "mode": "in-process"}
    failed = sorted(name for name, result in results.items() if not result["ok"])
    body = {"status": "fail" if failed else "ok", "failed": failed, "checks": results}
    return JsonResponse(body, status=503 if failed else 200)
