from celery import shared_task

from . import removal


@shared_task(name="accounts.anonymise_removed_accounts")
def anonymise_removed_accounts() -> int:
    """Beat job (daily): anonymise accounts whose removal grace period is over."""
    return removal.anonymise_due()
