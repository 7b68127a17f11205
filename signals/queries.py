"""Read helpers shared by the web views, the API and the exports (always on ``visible_to``)."""

from __future__ import annotations

import re

from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone

from .models import Signal
from .workflow import CLOSED_STATES, DEADLINE_STATES

SORTS = {
    "nieuw": ("-created_at", "-pk"),
    "oud": ("created_at", "pk"),
    "deadline": ("deadline", "pk"),
    "herkend": ("-support_count", "-created_at"),
    "titel": ("title", "pk"),
}
DEFAULT_SORT = "nieuw"

_STOP_WORDS = set(
    """aan als bij dat de den der des deze die dit door een en er het hij hoe ik in is je
    kan maar met niet nog of om onder ook op over te tot uit van voor wat we wel worden
    wordt zijn zij zo geen meer naar omdat wanneer waar veel heel goed alle""".split()
)


def filter_signals(qs, data: dict):
    """Apply the list filters (q, level, status, theme, phase, region, organisation, overdue)."""
    q = (data.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q))
    simple = {
        "level": "level",
        "status": "status",
        "phase": "phase_id",
        "region": "region_id",
        "organisation": "organisation_id",
        "dossier": "dossier_id",
    }
    for key, lookup in simple.items():
        value = data.get(key)
        if value not in (None, ""):
            qs = qs.filter(**{lookup: getattr(value, "pk", value)})
    theme = data.get("theme")
    if theme not in (None, ""):
        # EXISTS instead of a join: no DISTINCT needed, so counting and paging stay cheap.
        through = Signal.themes.through.objects.filter(
            signal_id=OuterRef("pk"), theme_id=getattr(theme, "pk", theme)
        )
        qs = qs.filter(Exists(through))
    if data.get("overdue"):
        qs = qs.filter(status__in=DEADLINE_STATES, deadline__lt=timezone.localdate())
    if data.get("open_only"):
        qs = qs.exclude(status__in=CLOSED_STATES)
    return qs.order_by(*SORTS.get(data.get("sort") or DEFAULT_SORT, SORTS[DEFAULT_SORT]))


def keywords(text: str, limit: int = 8) -> list[str]:
    words = re.findall(r"[\w-]{4,}", (text or "").lower())
    seen = []
    for word in words:
        if word not in _STOP_WORDS and word not in seen:
            seen.append(word)
    return sorted(seen, key=len, reverse=True)[:limit]


def similar_signals(text: str, user, *, exclude=None, limit: int = 5):
    """Signals like ``text`` that ``user`` may see: keyword overlap, titles weigh double."""
    words = keywords(text)
    if not words:
        return Signal.objects.none()
    score = Value(0, output_field=IntegerField())
    match = Q()
    for word in words:
        score = score + Case(
            When(title__icontains=word, then=Value(2)),
            default=Value(0),
            output_field=IntegerField(),
        )
        score = score + Case(
            When(description__icontains=word, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        match |= Q(title__icontains=word) | Q(description__icontains=word)
    qs = Signal.objects.visible_to(user).filter(match).exclude(status="afgewezen")
    if exclude is not None:
        qs = qs.exclude(pk=getattr(exclude, "pk", exclude))
    return (
        qs.annotate(score=score)
        .filter(score__gt=1 if len(words) > 2 else 0)
        .order_by("-score", "-support_count", "-created_at")[:limit]
    )
