"""Fan-out of a dossier outcome to 5,000 followers.

Measures:
* the triggering call (``notify`` inside the user's transaction + commit + hand-over):
  what the request pays;
* the background fan-out (the ``notifications.fanout`` outbox message: notifications
  and one e-mail message per follower, bulk-inserted and handed to the broker);
* delivering every e-mail message (render NL/EN templates, signed unsubscribe links,
  send through Django's e-mail backend): ms per message;
* for comparison, the same ``notify`` without background fan-out (all in the request).

Runs on a fresh test database: SQLite in memory, or PostgreSQL with DATABASE_URL.
E-mail goes to Django's locmem backend (``--smtp`` uses a real local aiosmtpd server).
Writes bench/results/fanout.json.

    python bench/bench_fanout.py [--followers 5000] [--smtp]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from _results import write_json

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "website.settings.test")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--followers", type=int, default=5000)
    parser.add_argument("--smtp", action="store_true", help="deliver to a local aiosmtpd server")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection, transaction
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.LOGGING_CONFIG = None
    import logging

    logging.disable(logging.WARNING)
    connection.creation.create_test_db(verbosity=0, autoclobber=True)

    controller = None
    if args.smtp:
        import socket

        from aiosmtpd.controller import Controller
        from aiosmtpd.handlers import Sink

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        controller = Controller(Sink(), hostname="127.0.0.1", port=port)
        controller.start()
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False

    from django.contrib.auth import get_user_model
    from django.core import mail

    from notifications import outbox
    from notifications.models import Notification, OutboxMessage
    from notifications.services import notify
    from website.celery import app

    # Work is handed to a broker and not run in-process: the request's view.
    app.conf.task_always_eager = False
    app.conf.broker_url = "memory://"

    User = get_user_model()
    n = args.followers
    User.objects.bulk_create(
        [
            User(
                email=f"volger{i}@gemeente.example",
                first_name=f"Volger{i}",
                preferred_language="en" if i % 5 == 0 else "nl",
                password="!",
            )
            for i in range(n)
        ],
        batch_size=1000,
    )
    followers = list(User.objects.values_list("pk", flat=True))

    def trigger(event_key):
        started = time.perf_counter()
        with transaction.atomic():
            notify(
                followers,
                verb="dossier-outcome",
                title="Het dossier over de leerbaarheidstoets is afgerond",
                body="De stelselcoördinator heeft de terugkoppeling gepubliceerd.",
                url="/dossiers/7/",
                event_key=event_key,
            )
        return time.perf_counter() - started

    request_s = trigger("dossier:7:outcome")
    fanout = OutboxMessage.objects.get(handler="notifications.fanout")

    started = time.perf_counter()
    assert outbox.run(fanout.pk) == "done"
    expand_s = time.perf_counter() - started
    email_ids = list(
        OutboxMessage.objects.filter(handler="notifications.send_email").values_list(
            "pk", flat=True
        )
    )
    assert len(email_ids) == n, len(email_ids)
    assert Notification.objects.filter(event_key="dossier:7:outcome").count() == n

    mail.outbox = []
    started = time.perf_counter()
    for pk in email_ids:
        outbox.run(pk)
    deliver_s = time.perf_counter() - started
    done = OutboxMessage.objects.filter(pk__in=email_ids[:1], status="done").count()
    assert done == 1
    if not args.smtp:
        assert len(mail.outbox) == n

    # Comparison: everything in the request (no background fan-out).
    settings.NOTIFICATIONS_FANOUT_THRESHOLD = n + 1
    inline_s = trigger("dossier:7:outcome-inline")

    if controller:
        controller.stop()
    connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0, keepdb=False)

    rows = [
        ("followers", n, ""),
        ("database", connection.vendor, ""),
        ("e-mail backend", "smtp (aiosmtpd)" if args.smtp else "locmem", ""),
        ("triggering call (request)", round(request_s * 1000, 1), "ms"),
        ("background fan-out (notifications + outbox rows + hand-over)", round(expand_s, 2), "s"),
        ("fan-out cost per follower", round(expand_s * 1000 / n, 3), "ms/message"),
        ("delivering all e-mails", round(deliver_s, 2), "s"),
        ("e-mail cost per message", round(deliver_s * 1000 / n, 2), "ms/message"),
        ("total background per message", round((expand_s + deliver_s) * 1000 / n, 2), "ms/message"),
        ("same call without fan-out (all in request)", round(inline_s * 1000, 1), "ms"),
    ]
    width = max(len(r[0]) for r in rows)
    print(f"{'metric':<{width}}  value")
    print("-" * (width + 20))
    for metric, value, unit in rows:
        print(f"{metric:<{width}}  {value} {unit}".rstrip())

    summary = [{"metric": metric, "value": value, "unit": unit} for metric, value, unit in rows]
    write_json("fanout", {"summary": summary})
    return 0


if __name__ == "__main__":
    sys.exit(main())
