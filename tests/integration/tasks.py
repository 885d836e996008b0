from django.db import OperationalError

from config.celery import app


# On the embedded SQLite, the test's own polling read can hold the table for a moment ("database
# table is locked": a shared in-memory database has no busy timeout): the task tries again.
@app.task(
    name="tests.mark_seen",
    autoretry_for=(OperationalError,),
    retry_kwargs={"max_retries": 20, "countdown": 0.1},
)
def mark_seen(email: str) -> None:
    """Marks a user, so a test can see that the worker ran and read committed rows."""
    from accounts.models import User

    User.objects.filter(email=email).update(last_name="seen-by-worker")
