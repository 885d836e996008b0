import time

import pytest
from django.db import transaction

from tests.integration.tasks import mark_seen  # registered before the worker starts


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_task_sent_on_commit_runs_in_a_real_worker(celery_worker, settings):
    from accounts.models import User

    with transaction.atomic():
        User.objects.create_user(email="worker@example.org", first_name="ก", last_name="ข")
        assert mark_seen.delay_on_commit("worker@example.org") is None
    deadline = time.monotonic() + 15
    user = None
    while time.monotonic() < deadline:
        user = User.objects.get(email="worker@example.org")
        if user.last_name == "seen-by-worker":
            break
        time.sleep(0.1)
    assert user.last_name == "seen-by-worker"


@pytest.mark.integration
@pytest.mark.django_db(transaction=True)
def test_a_task_sent_in_a_rolled_back_transaction_never_runs(celery_worker):
    from accounts.models import User

    User.objects.create_user(email="stay@example.org", first_name="ก", last_name="ข")
    try:
        with transaction.atomic():
            mark_seen.delay_on_commit("stay@example.org")
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    time.sleep(1.5)
    assert User.objects.get(email="stay@example.org").last_name == "ข"
