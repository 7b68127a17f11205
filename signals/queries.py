"""Read helpers shared by the web views, the API and the exports (always on ``visible_to``)."""

from __future__ import annotations

import re

from django.core.cache import cache
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


# Bounded work for similar signals (see ``similar_signals``).
SIMILAR_TITLE_WINDOW = 10_000  # newest signals whose (short) title is searched
SIMILAR_TEXT_WINDOW = 1_500  # newest signals whose description is searched
SIMILAR_CANDIDATES = 60  # per window: the newest that share a keyword get a score
WINDOW_CACHE_SECONDS = 300


def _keyword_pattern(words: list[str]) -> str:
    # Keywords are word characters and hyphens; the hyphen is escaped for both regex dialects.
    return "(" + "|".join(word.replace("-", r"\-") for word in words) + ")"


def _similarity(words: list[str], title: str, description: str) -> int:
    title, description = (title or "").lower(), (description or "").lower()
    return sum(2 * (word in title) + (word in description) for word in words)


def _window_start(size: int):
    """``created_at`` of the ``size``-th newest signal (None: fewer signals than that).

    One short index scan (``signal_created_idx``), cached for a few minutes (a slightly
    stale start only widens the window a little). Filtering on ``created_at >=`` this
    value lets the database read only the window instead of the whole table.
    """
    key = f"signals:similar-window:{size}"
    start = cache.get(key)
    if start is None:
        found = list(
            Signal.objects.order_by("-created_at", "-pk").values_list("created_at", flat=True)[
                size - 1 : size
            ]
        )
        if not found:
            return None
        start = found[0]
        cache.set(key, start, WINDOW_CACHE_SECONDS)
    return start


def similar_signals(text: str, user, *, exclude=None, limit: int = 5):
    """Signals like ``text`` that ``user`` may see: keyword overlap, titles weigh double.

    The work is bounded, whatever the number of signals (no extra index is needed):

    1. candidates: the ``SIMILAR_CANDIDATES`` newest visible signals whose *title*
       contains a keyword, among the newest ``SIMILAR_TITLE_WINDOW`` signals, plus the
       ``SIMILAR_CANDIDATES`` newest whose *description* contains one, among the newest
       ``SIMILAR_TEXT_WINDOW`` (one case-insensitive regular expression per window);
    2. the candidates (at most 120 rows) are scored in Python, as before: 2 points for
       each keyword in the title, 1 for each in the description; with more than two
       keywords at least 2 points are needed;
    3. the best ``limit`` come back as a queryset (``score`` annotated), best first, then
       most recognised, then newest.

    So when very many signals match, newer ones are preferred; older signals are found by
    their title. Declined signals are never suggested.
    """
    words = keywords(text)
    if not words:
        return Signal.objects.none()
    pattern = _keyword_pattern(words)
    base = Signal.objects.visible_to(user).exclude(status="afgewezen")
    if exclude is not None:
        base = base.exclude(pk=getattr(exclude, "pk", exclude))
    fields = ("pk", "title", "description", "support_count", "created_at")
    candidates = {}
    for field, size in (("title", SIMILAR_TITLE_WINDOW), ("description", SIMILAR_TEXT_WINDOW)):
        qs = base.filter(**{f"{field}__iregex": pattern})
        start = _window_start(size)
        if start is not None:
            qs = qs.filter(created_at__gte=start)
        for row in qs.order_by("-created_at", "-pk").values_list(*fields)[:SIMILAR_CANDIDATES]:
            candidates[row[0]] = row
    minimum = 2 if len(words) > 2 else 1
    scored = []
    for pk, title, description, support_count, created_at in candidates.values():
        score = _similarity(words, title, description)
        if score >= minimum:
            scored.append((score, support_count, created_at, pk))
    best = sorted(scored, reverse=True)[:limit]
    if not best:
        return Signal.objects.none()
    scores = Case(
        *[When(pk=pk, then=Value(score)) for score, _s, _c, pk in best],
        default=Value(0),
        output_field=IntegerField(),
    )
    return (
        Signal.objects.filter(pk__in=[pk for *_rest, pk in best])
        .annotate(score=scores)
        .order_by("-score", "-support_count", "-created_at", "-pk")
    )
