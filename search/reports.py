"""Analytics for editors: frequent queries, zero-result queries, click-through."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Avg, Count, Max
from django.utils import timezone

from .models import SearchClick, SearchQuery


def report(days: int = 30, limit: int = 50) -> dict:
    since = timezone.now() - timedelta(days=days)
    queries = SearchQuery.objects.filter(created_at__gte=since).exclude(query="")
    clicks_by_query = dict(
        SearchClick.objects.filter(created_at__gte=since)
        .values_list("query")
        .annotate(n=Count("id"))
        .values_list("query", "n")
    )
    frequent = list(
        queries.values("query")
        .annotate(searches=Count("id"), results=Avg("result_count"), last=Max("created_at"))
        .order_by("-searches", "query")[:limit]
    )
    for row in frequent:
        row["clicks"] = clicks_by_query.get(row["query"], 0)
        row["ctr"] = round(100.0 * row["clicks"] / row["searches"], 1) if row["searches"] else 0.0
    zero = list(
        queries.filter(result_count=0)
        .values("query")
        .annotate(searches=Count("id"), last=Max("created_at"))
        .order_by("-searches", "-last")[:limit]
    )
    total_searches = queries.count()
    total_clicks = sum(clicks_by_query.values())
    zero_total = queries.filter(result_count=0).count()
    return {
        "days": days,
        "frequent": frequent,
        "zero": zero,
        "total_searches": total_searches,
        "total_clicks": total_clicks,
        "zero_share": round(100.0 * zero_total / total_searches, 1) if total_searches else 0.0,
        "ctr": round(100.0 * total_clicks / total_searches, 1) if total_searches else 0.0,
        "positions": list(
            SearchClick.objects.filter(created_at__gte=since)
            .values("position")
            .annotate(n=Count("id"))
            .order_by("position")[:10]
        ),
    }
