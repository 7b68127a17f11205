"""Settings of the signals app, read from Django settings with sensible defaults."""

from django.conf import settings

DEFAULT_DEADLINE_WORKING_DAYS = {"uitvoering": 10, "schakel": 20, "stelsel": 40}


def deadline_working_days() -> dict[str, int]:
    """Working days a level has to handle a signal or dossier (SIGNAL_DEADLINE_WORKING_DAYS)."""
    configured = getattr(settings, "SIGNAL_DEADLINE_WORKING_DAYS", None) or {}
    return {**DEFAULT_DEADLINE_WORKING_DAYS, **configured}


def reminder_working_days() -> int:
    """How many working days before the deadline the handler gets a reminder."""
    return int(getattr(settings, "SIGNAL_DEADLINE_REMINDER_WORKING_DAYS", 2))


def reopen_days() -> int:
    from .workflow import SUBMITTER_REOPEN_DAYS

    return int(getattr(settings, "SIGNAL_SUBMITTER_REOPEN_DAYS", SUBMITTER_REOPEN_DAYS))


def response_working_days() -> int:
    """Working days for a first response when a team sets none (SIGNAL_RESPONSE_WORKING_DAYS)."""
    return int(getattr(settings, "SIGNAL_RESPONSE_WORKING_DAYS", 3))


def herkend_threshold() -> int:
    """Supports after which a signal is flagged on its team's agenda (SIGNAL_HERKEND_THRESHOLD)."""
    return int(getattr(settings, "SIGNAL_HERKEND_THRESHOLD", 10))


def reopen_share() -> float:
    """Share of supporters answering "not solved" that reopens a signal (SIGNAL_REOPEN_SHARE)."""
    return float(getattr(settings, "SIGNAL_REOPEN_SHARE", 0.5))
