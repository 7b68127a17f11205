from celery import shared_task

from . import outbox


@shared_task(name="notifications.run_outbox_message", acks_late=True)
def run_outbox_message(message_id: int) -> str:
    return outbox.run(message_id)


@shared_task(name="notifications.redispatch_outbox")
def redispatch_outbox(limit: int = 500) -> int:
    """Beat job: hand over every pending message that is due (broker was down, or a retry is due)."""
    count = 0
    for message_id in list(outbox.due_messages(limit)):
        if outbox.dispatch(message_id):
            count += 1
    return count
