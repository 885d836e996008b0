from celery import shared_task


@shared_task(name="accounts.delete_old_one_time_codes")
def delete_old_one_time_codes() -> int:
    from accounts.one_time_codes import delete_old_codes

    return delete_old_codes()
