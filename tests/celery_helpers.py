"""Point the project's Celery app at another broker for a test (and back afterwards)."""


def use_broker(app, url):
    from kombu import pools

    app.conf.broker_url = url
    pools.reset()  # producer pools are global per connection; a stopped worker closes them
    if app._pool is not None:
        app._pool.force_close_all()
        app._pool = None
    app.amqp._producer_pool = None
