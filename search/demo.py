"""Demo content of the search app: synonyms (also seeded by migration), a promoted result,
and a full (re)index of every registered source. Idempotent."""

from __future__ import annotations

from . import indexing
from .defaults import SYNONYMS
from .models import PromotedResult, SearchDocument, Synonym

DEMO_PROMOTED_QUERY = "financieel ontzorgen"


def seed(stdout=None):
    for terms in SYNONYMS:
        Synonym.objects.get_or_create(terms=terms)
    counts = indexing.reindex_all()
    indexing.rebuild_vocabulary()
    promoted = None
    candidate = (
        SearchDocument.objects.filter(kind="qa", title_folded__contains="ontzorg")
        .order_by("pk")
        .first()
    )
    if (
        candidate is not None
        and not PromotedResult.objects.filter(normalised_query=DEMO_PROMOTED_QUERY).exists()
    ):
        promoted = PromotedResult.objects.create(
            query=DEMO_PROMOTED_QUERY, url=candidate.url, sort_order=0
        )
    if stdout is not None:
        total = sum(counts.values())
        stdout.write(f"  search: {total} documenten geïndexeerd uit {len(counts)} bronnen")
        if promoted:
            stdout.write(f"  search: uitgelicht resultaat voor '{DEMO_PROMOTED_QUERY}'")
    return counts
