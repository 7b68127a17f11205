"""Settings of the reporting app, read from Django settings with defaults."""

from django.conf import settings


def public_min_count() -> int:
    """Groups (organisations, regions) smaller than this are not shown on the public page."""
    return max(1, int(getattr(settings, "REPORTING_PUBLIC_MIN_COUNT", 5)))


def top_n() -> int:
    return int(getattr(settings, "REPORTING_TOP_N", 5))


def cache_seconds() -> int:
    """How long dashboard figures are cached (REPORTING_CACHE_SECONDS; 0 turns caching off)."""
    return int(getattr(settings, "REPORTING_CACHE_SECONDS", 300))
