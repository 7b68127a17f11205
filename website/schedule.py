"""Celery beat schedule, kept in code so it is reviewed and documented (README, "Scheduled jobs").

Each entry names a task that must be idempotent: beat may fire it twice after a restart.
"""

from celery.schedules import crontab

CELERY_BEAT_SCHEDULE = {
    # Outbox re-dispatch (every minute): hands over pending outbox messages that are due
    # and not in the queue (broker was down, retry with backoff is due, or the worker died
    # and the dispatch lease of OUTBOX_DISPATCH_LEASE_SECONDS ran out). Idempotent: a
    # message is claimed with a lease before it is handed over, and runs at most once.
    "redispatch-outbox": {
        "task": "notifications.redispatch_outbox",
        "schedule": 60.0,
    },
    # Notification digest, daily (07:00): one e-mail per person who chose "daily" (and
    # people who switched back to immediate with items still waiting). One outbox
    # message per person per day (dedupe key), so a second run sends nothing.
    "notifications-daily-digest": {
        "task": "notifications.send_daily_digest",
        "schedule": crontab(hour=7, minute=0),
    },
    # Notification digest, weekly (Monday 07:05): same for people who chose "weekly";
    # one per person per ISO week.
    "notifications-weekly-digest": {
        "task": "notifications.send_weekly_digest",
        "schedule": crontab(hour=7, minute=5, day_of_week="mon"),
    },
    # Cleanup (daily 03:30): deletes done outbox messages older than
    # OUTBOX_DONE_RETENTION_DAYS (30) and read notifications older than
    # NOTIFICATIONS_READ_RETENTION_DAYS (365). Failed/pending messages are kept.
    "notifications-cleanup": {
        "task": "notifications.cleanup",
        "schedule": crontab(hour=3, minute=30),
    },
    # Expired sessions (daily 03:40): what `manage.py clearsessions` does.
    "clear-expired-sessions": {
        "task": "website.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=40),
    },
    # Retention/anonymisation (daily 03:50): runs every function registered with
    # privacy.retention.register(name, fn), e.g. stripping contact data from inburgeraar
    # feedback after FEEDBACK_CONTACT_RETENTION_DAYS. Each function is idempotent.
    "privacy-apply-retention": {
        "task": "privacy.apply_retention",
        "schedule": crontab(hour=3, minute=50),
    },
    # Removed accounts (daily 04:00): anonymise those whose grace period
    # (ACCOUNT_REMOVAL_GRACE_DAYS) is over. Idempotent: anonymised accounts are skipped.
    "accounts-anonymise-removed": {
        "task": "accounts.anonymise_removed_accounts",
        "schedule": crontab(hour=4, minute=0),
    },
    "signals-deadline-monitor": {
        "task": "signals.tasks.deadline_monitor",
        "schedule": crontab(hour=7, minute=15),
    },
    "signals-consultation-reminders": {
        "task": "signals.tasks.consultation_reminders",
        "schedule": crontab(hour=7, minute=20),
    },
    "heartbeat": {
        "task": "website.tasks.heartbeat",
        "schedule": crontab(minute="*/5"),
    },
    # Lexeme frequencies of the PostgreSQL postings (idf, compound expansion); hourly at :17.
    "search-refresh-lexicon": {
        "task": "search.refresh_lexicon",
        "schedule": crontab(minute=17),
    },
    "search-reconcile": {
        "task": "search.reconcile",
        "schedule": crontab(hour=3, minute=30),
    },
    "knowledge-publish-scheduled": {
        "task": "knowledge.tasks.publish_scheduled",
        "schedule": crontab(minute="*/5"),
    },
    "knowledge-review-reminders": {
        "task": "knowledge.tasks.review_reminders",
        "schedule": crontab(hour=6, minute=15),
    },
    "communities-daily-digest": {
        "task": "communities.tasks.send_daily_digests",
        "schedule": crontab(hour=6, minute=30),
    },
    # Kwartaalrapportage (daily 05:20): stores the snapshot of the last complete quarter for
    # every scope (all levels and each level) once; existing snapshots are left as they are,
    # so every run after the first of a quarter changes nothing.
    "reporting-quarterly-reports": {
        "task": "reporting.tasks.generate_quarterly_reports",
        "schedule": crontab(hour=5, minute=20),
    },
    "communities-weekly-digest": {
        "task": "communities.tasks.send_weekly_digests",
        "schedule": crontab(hour=6, minute=45, day_of_week="mon"),
    },
}
