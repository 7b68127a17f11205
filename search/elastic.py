"""Compatibility name of the engine backend (``search.engine_backend``).

Kept so callers written for the Elasticsearch-only backend keep working; new code imports
``search.engine_backend``. Both OpenSearch (``OPENSEARCH_URL``) and Elasticsearch
(``ELASTICSEARCH_URL``) are served by the same module.
"""

from .engine_backend import *  # noqa: F403
from .engine_backend import __all__  # noqa: F401
