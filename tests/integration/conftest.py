"""Integration tests: their fixtures (celery_worker, is_postgresql) live in tests/conftest.py."""
