"""Shared setup for benchmarks: a throwaway PostgreSQL database, migrated, with Django configured."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def django_on_fresh_database(name: str) -> None:
    """Point Django at a new empty PostgreSQL database `name` (dropped first), migrate it, and set up."""
    import psycopg

    base = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres:postgres@127.0.0.1:5432/postgres"
    )
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = base.rsplit("/", 1)[0] + "/" + name
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x" * 40)
    os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
    os.environ["STATIC_MANIFEST"] = "false"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
