from config.celery import app


@app.task(name="tests.mark_seen")
def mark_seen(email: str) -> None:
    """Marks a user, so a test can see that the worker ran and read committed rows."""
    from accounts.models import User

    User.objects.filter(email=email).update(last_name="seen-by-worker")
