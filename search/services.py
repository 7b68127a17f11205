"""Search use cases: search, autocomplete, suggestions, analytics. Views and API call these."""

from __future__ import annotations

import logging

from django.core import signing
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Q

from . import engine_backend as engine
from .backends.postgres import PostgresBackend
from .backends.simple import SimpleBackend, access_q
from .highlight import snippet
from .models import PROMOTED_CACHE_KEY, PromotedResult, SearchClick, SearchDocument, SearchQuery
from .permissions import tokens_for
from .query import Hit, SearchParams, SearchResponse, build_facets
from .synonyms import expand
from .text import STOP_WORDS, clean_query, normalise_for_log, words

logger = logging.getLogger(__name__)

AUTOCOMPLETE_KINDS = ("qa", "handreiking")
SUGGEST_BELOW = 3
CLICK_SALT = "search.click"


def database_backend():
    if connection.vendor == "postgresql":
        return PostgresBackend()
    return SimpleBackend()


def _hit(row, query_words, promoted=False) -> Hit:
    pk, kind, title, url, date, summary, body, level, status, score = row
    return Hit(
        id=pk,
        kind=kind,
        title=title,
        url=url,
        date=date,
        score=round(float(score or 0.0), 4),
        snippet=snippet(summary, body, query_words),
        level=level,
        status=status,
        promoted=promoted,
    )


def _promoted_map() -> dict[str, list[tuple]]:
    mapping = cache.get(PROMOTED_CACHE_KEY)
    if mapping is None:
        mapping = {}
        for item in PromotedResult.objects.filter(is_active=True).select_related(
            "page__content_type"
        ):
            target = (
                ("page", item.page.content_type_id, str(item.page_id))
                if item.page_id
                else ("url", item.url.strip())
            )
            mapping.setdefault(item.normalised_query, []).append(target)
        cache.set(PROMOTED_CACHE_KEY, mapping, 300)
    return mapping


def _promoted_rows(query_key: str, tokens) -> list[tuple]:
    targets = _promoted_map().get(query_key)
    if not targets:
        return []
    condition = Q(pk__in=[])
    for target in targets:
        if target[0] == "page":
            condition |= Q(content_type_id=target[1], object_id=target[2])
        else:
            condition |= Q(url=target[1])
    docs = SearchDocument.objects.filter(condition).filter(access_q(tokens))
    by_key = {}
    for doc in docs:
        row = (
            doc.pk,
            doc.kind,
            doc.title,
            doc.url,
            doc.date,
            doc.summary,
            doc.body[:4000],
            doc.level,
            doc.status,
            0.0,
        )
        by_key[("page", doc.content_type_id, doc.object_id)] = row
        by_key[("url", doc.url)] = row
    ordered = []
    for target in targets:
        row = by_key.get(target)
        if row is not None and row not in ordered:
            ordered.append(row)
    return ordered


def run_search(user, params: SearchParams, *, channel: str = "page", log: bool = True):
    """Search as ``user``. Never raises on user input; returns a :class:`SearchResponse`."""
    tokens = tokens_for(user)
    expanded = expand(params.q)
    response = SearchResponse(params=params)
    if expanded.is_empty and not params.filters:
        return response
    rows = total = counts = None
    if engine.is_configured():
        try:
            rows, total, counts = engine.search(params, expanded, tokens)
            response.backend = engine.flavour()
        except engine.Unavailable:
            pass  # the engine backend logs one warning per pause
    if rows is None:
        backend = database_backend()
        rows, total, counts = backend.search(params, expanded, tokens)
        response.backend = backend.name
        response.total_exact = getattr(backend, "total_exact", True)
    query_words = expanded.all_words()
    hits = [_hit(row, query_words) for row in rows]
    if params.page == 1 and params.sort == "relevance" and not expanded.is_empty:
        promoted = [
            _hit(row, query_words, promoted=True)
            for row in _promoted_rows(normalise_for_log(params.q), tokens)
        ]
        promoted_ids = {hit.id for hit in promoted}
        hits = promoted + [hit for hit in hits if hit.id not in promoted_ids]
        response.promoted = promoted
    response.hits = hits
    response.total = total
    response.facets = build_facets(counts, params)
    if total < SUGGEST_BELOW and not expanded.is_empty:
        response.suggestion = suggest(params.q, tokens)
    if log:
        response.query_log_id = log_query(params, total, channel)
    return response


def log_query(params: SearchParams, total: int, channel: str) -> int | None:
    key = normalise_for_log(params.q)
    if not key and not params.filters:
        return None
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Analytics may lose its last rows in a crash; the searcher need not wait for
            # the disk (the commit returns before its WAL is flushed).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        entry = SearchQuery.objects.create(
            query=key, result_count=total, filters=params.filters, channel=channel[:16]
        )
    return entry.pk


def suggest(query: str, tokens) -> str:
    """'Bedoelde u ...?': replace unknown words by the nearest word the user may see."""
    backend = database_backend()
    changed = False
    result = []
    for word in words(query)[:8]:
        if word in STOP_WORDS or len(word) < 4 or word.isdigit():
            result.append(word)
            continue
        known, nearest = backend.nearest_terms(word, tokens)
        if not known and nearest and nearest != word:
            result.append(nearest)
            changed = True
        else:
            result.append(word)
    return " ".join(result) if changed else ""


def autocomplete(user, q: str, limit: int = 8) -> list[dict]:
    query_words = [w for w in words(clean_query(q)) if w][:6]
    if not query_words or len("".join(query_words)) < 2:
        return []
    tokens = tokens_for(user)
    rows = None
    if engine.is_configured():
        try:
            rows = engine.autocomplete(query_words, tokens, AUTOCOMPLETE_KINDS, limit)
        except engine.Unavailable:
            pass
    if rows is None:
        rows = database_backend().autocomplete(query_words, tokens, AUTOCOMPLETE_KINDS, limit)
    return [{"title": title, "url": url, "type": kind} for title, url, kind in rows]


def search(user, q: str = "", **filters) -> SearchResponse:
    """Convenience for other apps and tests: ``search(user, "pip", type="qa")``."""
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    data["q"] = q
    for key, value in filters.items():
        data.setlist(key, value if isinstance(value, list | tuple) else [value])
    return run_search(user, SearchParams.from_querydict(data), log=False)


# Click-through ---------------------------------------------------------------------------


def click_token(hit: Hit, position: int, query_log_id: int | None, query: str) -> str:
    return signing.dumps(
        {
            "d": hit.id,
            "p": position,
            "s": query_log_id,
            "u": hit.url,
            "q": normalise_for_log(query),
        },
        salt=CLICK_SALT,
        compress=True,
    )


def record_click(token: str) -> str | None:
    """Record a click from a signed token; returns the target URL (or None if invalid)."""
    try:
        data = signing.loads(token, salt=CLICK_SALT, max_age=60 * 60 * 24)
    except signing.BadSignature:
        return None
    url = str(data.get("u", ""))
    if not url.startswith("/") or url.startswith("//"):
        return None
    SearchClick.objects.create(
        search_id=SearchQuery.objects.filter(pk=data.get("s")).values_list("pk", flat=True).first(),
        document_id=SearchDocument.objects.filter(pk=data.get("d"))
        .values_list("pk", flat=True)
        .first(),
        query=str(data.get("q", ""))[:200],
        position=max(1, min(int(data.get("p", 1)), 1000)),
        url=url[:500],
    )
    return url
