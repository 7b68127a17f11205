"""Analytics for editors: frequent queries, zero-result and no-click queries, click-through and
the searchers' own answer to "Heeft u gevonden wat u zocht?", per query."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Avg, Count, Max, Q
from django.utils import timezone

from .models import SearchClick, SearchFeedback, SearchQuery

COMMENTS_PER_QUERY = 3


def feedback_by_query(since, limit: int = 50) -> dict[str, dict]:
    """query -> {"yes": n, "no": n, "comments": [latest few]} for the period."""
    answers = SearchFeedback.objects.filter(created_at__gte=since)
    result = {
        row["query"]: {"yes": row["yes"], "no": row["no"], "comments": []}
        for row in answers.values("query")
        .annotate(yes=Count("id", filter=Q(found=True)), no=Count("id", filter=Q(found=False)))
        .order_by("-no", "-yes", "query")[: limit * 4]
    }
    for query, comment in answers.exclude(comment="").values_list("query", "comment")[:500]:
        entry = result.get(query)
        if entry is not None and len(entry["comments"]) < COMMENTS_PER_QUERY:
            entry["comments"].append(comment)
    return result


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
    no_click = list(
        queries.filter(result_count__gt=0)
        .values("query")
        .annotate(searches=Count("id"), results=Avg("result_count"), last=Max("created_at"))
        .order_by("-searches", "-last")[: limit * 4]
    )
    no_click = [row for row in no_click if not clicks_by_query.get(row["query"])][:limit]
    feedback = feedback_by_query(since, limit)
    for row in [*frequent, *zero, *no_click]:
        answers = feedback.get(row["query"], {})
        row["found_yes"] = answers.get("yes", 0)
        row["found_no"] = answers.get("no", 0)
    feedback_rows = [{"query": query, **answers} for query, answers in feedback.items()][:limit]
    total_searches = queries.count()
    total_clicks = sum(clicks_by_query.values())
    zero_total = queries.filter(result_count=0).count()
    return {
        "days": days,
        "frequent": frequent,
        "zero": zero,
        "no_click": no_click,
        "feedback": feedback_rows,
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
