"""Optional RUM index on PostgreSQL: used when available, GIN otherwise (production may lack it).

Enable on a server: install the extension package (Debian: ``apt-get install
postgresql-15-rum``), then ``python manage.py search_rum`` (needs a role that may create
the extension, or a DBA running ``CREATE EXTENSION rum``). ``SEARCH_RUM = False`` in the
settings makes search ignore the index even where it exists.
"""

from __future__ import annotations

import logging

from django.conf import settings

logger = logging.getLogger(__name__)

RUM_INDEX = "search_doc_vector_rum"
_available: dict[str, bool] = {}


def ensure_rum(connection) -> bool:
    """Create the ``rum`` extension and index if the server offers them. Never fails."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        if cursor.fetchone() is None:
            logger.info("search: rum extension not installed on the server; using GIN")
            return False
        try:
            cursor.execute("SAVEPOINT search_rum")
            cursor.execute("CREATE EXTENSION IF NOT EXISTS rum")
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {RUM_INDEX} ON search_searchdocument "
                "USING rum (search_vector rum_tsvector_ops)"
            )
            cursor.execute("RELEASE SAVEPOINT search_rum")
        except Exception as exc:  # no privilege, old server: GIN keeps working
            cursor.execute("ROLLBACK TO SAVEPOINT search_rum")
            logger.warning("search: could not create the RUM index (%s); using GIN", exc)
            return False
    _available.clear()
    return True


def rum_enabled(connection) -> bool:
    """True when search may order by ``search_vector <=> query`` through the RUM index."""
    if connection.vendor != "postgresql" or getattr(settings, "SEARCH_RUM", True) is False:
        return False
    key = connection.settings_dict.get("NAME") or ""
    if key not in _available:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [RUM_INDEX])
            _available[key] = cursor.fetchone() is not None
    return _available[key]
