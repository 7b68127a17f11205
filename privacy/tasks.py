from celery import shared_task

from . import retention


@shared_task(name="privacy.apply_retention")
def apply_retention() -> dict:
    """Beat job (daily): run every registered retention/anonymisation function."""
    return retention.apply_all()
