"""Point the project's Celery app at another broker for a test (and back afterwards)."""

from contextlib import contextmanager


def use_broker(app, url):
    from kombu import pools

    app.conf.broker_url = url
    pools.reset()  # producer pools are global per connection; a stopped worker closes them
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def celery_publishing_to(url):
    """The project's Celery app, not eager, publishing to ``url``; restored afterwards."""
    from notifications import outbox
    from website.celery import app

    saved = {k: app.conf[k] for k in ("task_always_eager", "broker_url")}
    app.conf.task_always_eager = False
    use_broker(app, url)
    try:
        yield app
    finally:
        app.conf.update(saved)
        use_broker(app, saved["broker_url"])
        outbox.resume_broker()
