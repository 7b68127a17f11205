"""Optional search engine backend: OpenSearch (``OPENSEARCH_URL``) or Elasticsearch
(``ELASTICSEARCH_URL``), one index definition and one query language (``elasticsearch.dsl``)
for both.

The database stays the source of truth: documents are copied from ``SearchDocument`` rows
through the outbox (handler ``search.engine_sync``, retried with backoff), ``search_reindex``
rebuilds with an alias swap (zero downtime), ``search.reconcile`` repairs drift. While the
engine is unreachable, search answers from the database (see ``connection``).
"""

from .connection import (
    Unavailable,
    alias_name,
    client,
    flavour,
    is_configured,
    pause,
    paused,
    ping,
    resume,
)
from .mapping import SearchItem, analysis_settings, decompound_words, index_body, to_source
from .operations import (
    analyze,
    autocomplete,
    count,
    delete_document,
    delete_item,
    ensure_index,
    ids_in_index,
    index_documents,
    rebuild,
    reconcile_index,
    refresh,
    search,
)
from .queries import build_autocomplete, build_search

__all__ = [
    "SearchItem",
    "Unavailable",
    "alias_name",
    "analysis_settings",
    "analyze",
    "autocomplete",
    "build_autocomplete",
    "build_search",
    "client",
    "count",
    "decompound_words",
    "delete_document",
    "delete_item",
    "ensure_index",
    "flavour",
    "ids_in_index",
    "index_body",
    "index_documents",
    "is_configured",
    "pause",
    "paused",
    "ping",
    "rebuild",
    "reconcile_index",
    "refresh",
    "resume",
    "search",
    "to_source",
]
