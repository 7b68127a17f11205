"""Write path of the index: one function per operation, used by handlers, tasks and commands."""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from . import registry
from .models import SearchDocument, SearchTerm, pack_tokens, unpack_tokens
from .text import STOP_WORDS, fold, words

logger = logging.getLogger(__name__)

MAX_BODY = 20_000
KIND_LABELS_FALLBACK = {}


def _as_datetime(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, datetime.date):
        return timezone.make_aware(datetime.datetime(value.year, value.month, value.day))
    return None


def _labels(value) -> list[str]:
    if not value:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value if v]


def facet_tokens(data: dict) -> list[str]:
    tokens = [f"kind:{data['kind']}"]
    for facet, key in (("theme", "themes"), ("phase", "phases"), ("org", "organisations")):
        tokens.extend(f"{facet}:{label}" for label in _labels(data.get(key)))
    if data.get("level"):
        tokens.append(f"level:{data['level']}")
    if data.get("status"):
        tokens.append(f"status:{data['status']}")
    return tokens


def document_fields(data: dict) -> dict:
    """A source's plain dict -> SearchDocument field values (validated, bounded)."""
    title = " ".join(str(data.get("title") or "").split())[:300]
    access = _labels(data.get("access"))
    if not title or not data.get("url") or not data.get("kind"):
        raise ValueError("search document needs kind, title and url")
    keywords = " ".join(
        _labels(data.get("tags"))
        + _labels(data.get("themes"))
        + _labels(data.get("phases"))
        + _labels(data.get("organisations"))
    )
    quality = float(data.get("quality") or 0.0)
    return {
        "kind": str(data["kind"])[:32],
        "title": title,
        "title_folded": fold(title),
        "summary": str(data.get("summary") or "")[:4000],
        "body": str(data.get("body") or "")[:MAX_BODY],
        "keywords": keywords[:2000],
        "url": str(data["url"])[:500],
        "date": _as_datetime(data.get("date")),
        "level": str(data.get("level") or "")[:64],
        "status": str(data.get("status") or "")[:64],
        "facets": pack_tokens(facet_tokens(data)),
        "access": pack_tokens(access),
        "quality": max(0.0, min(1.0, quality)),
        "indexed_at": timezone.now(),
    }


def vocabulary_pairs(title: str, access: str) -> set[tuple[str, str]]:
    terms = {w for w in words(title) if len(w) >= 3 and w not in STOP_WORDS and not w.isdigit()}
    return {(term[:60], token[:80]) for term in terms for token in unpack_tokens(access)}


def _apply_vocabulary(old: set, new: set) -> None:
    """Count the title words of a document in or out of the suggestion vocabulary.

    Rows are changed in one sorted order, so two concurrent index updates lock shared rows in
    the same order (no deadlock); a row created concurrently is counted, not duplicated.
    """
    changes = sorted([(pair, 1) for pair in new - old] + [(pair, -1) for pair in old - new])
    emptied = []
    for (term, token), delta in changes:
        rows = SearchTerm.objects.filter(term=term, token=token)
        updated = rows.update(documents=F("documents") + delta)
        if delta < 0:
            emptied.append(Q(term=term, token=token))
        elif not updated:
            try:
                with transaction.atomic():
                    SearchTerm.objects.create(term=term, token=token, documents=1)
            except IntegrityError:  # another transaction created it meanwhile
                rows.update(documents=F("documents") + 1)
    if emptied:
        SearchTerm.objects.filter(reduce(or_, emptied), documents__lte=0).delete()


def _after_commit_sync(document_ids: list[int], removed: list[dict]) -> None:
    """Copy to the search engine (if configured) through the outbox, in this transaction."""
    from .engine_backend.sync import enqueue_sync

    enqueue_sync(document_ids, removed)


def object_key(pk, variant: str = "") -> str:
    return f"{pk}#{variant}" if variant else str(pk)


def variants(data) -> list[tuple[str, dict]]:
    """A source may return one dict, or a list of dicts each with a ``variant`` key
    (e.g. the internal and the public form of a signal)."""
    if not data:
        return []
    if isinstance(data, dict):
        return [(str(data.get("variant") or ""), data)]
    return [(str(item.get("variant") or ""), item) for item in data if item]


def _documents_of(content_type_id, pk, source_name):
    return SearchDocument.objects.filter(
        content_type_id=content_type_id, source=source_name
    ).filter(Q(object_id=str(pk)) | Q(object_id__startswith=f"{pk}#"))


def with_extracted_text(instance, data: dict) -> dict:
    """Uploaded files (``extract.EXTRACTED_MODELS``): the text extracted from the file joins the
    body the source gave, so content apps never import the search app to index a file."""
    from .extract import EXTRACTED_MODELS, text_for

    if instance._meta.label not in EXTRACTED_MODELS:
        return data
    text = text_for(instance)
    if not text:
        return data
    return {**data, "body": " ".join(filter(None, [data.get("body") or "", text]))}


@transaction.atomic
def upsert(instance, data: dict, source_name: str, variant: str = "") -> SearchDocument:
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=False)
    data = with_extracted_text(instance, data)
    fields = document_fields(data)
    key = object_key(instance.pk, variant)
    existing = (
        SearchDocument.objects.select_for_update()
        .filter(content_type=content_type, object_id=key)
        .first()
    )
    old_pairs = vocabulary_pairs(existing.title, existing.access) if existing else set()
    if existing:
        unchanged = existing.source == source_name and all(
            getattr(existing, key) == value for key, value in fields.items() if key != "indexed_at"
        )
        if unchanged:
            return existing
        for key, value in fields.items():
            setattr(existing, key, value)
        existing.source = source_name
        existing.save()
        document = existing
    else:
        document = SearchDocument.objects.create(
            content_type=content_type, object_id=key, source=source_name, **fields
        )
    _apply_vocabulary(old_pairs, vocabulary_pairs(document.title, document.access))
    _after_commit_sync([document.pk], [])
    return document


@transaction.atomic
def remove(content_type_id: int, object_id) -> bool:
    document = (
        SearchDocument.objects.select_for_update()
        .filter(content_type_id=content_type_id, object_id=str(object_id))
        .first()
    )
    if document is None:
        return False
    _apply_vocabulary(vocabulary_pairs(document.title, document.access), set())
    document.delete()
    _after_commit_sync([], [{"ct": content_type_id, "id": str(object_id)}])
    return True


def index_object(source_name: str, pk) -> str:
    """Bring one item's document(s) in line with its source: create, update or remove.

    Returns "indexed", "removed" or "absent".
    """
    source = registry.get_source(source_name)
    if source is None:
        logger.warning("search: unknown source %s", source_name)
        return "absent"
    model = source.get_model()
    item = source.items().filter(pk=pk).first()
    produced = variants(source.to_document(item)) if item is not None else []
    kept = set()
    for variant, data in produced:
        document = upsert(item, data, source.name, variant)
        kept.add((document.content_type_id, document.object_id))
    content_type_ids = {ContentType.objects.get_for_model(model, for_concrete_model=False).pk}
    if item is not None:
        content_type_ids.add(ContentType.objects.get_for_model(item, for_concrete_model=False).pk)
    removed = False
    for ct_id in content_type_ids:
        for document in _documents_of(ct_id, pk, source.name).only("content_type_id", "object_id"):
            if (document.content_type_id, document.object_id) not in kept:
                removed = remove(document.content_type_id, document.object_id) or removed
    if produced:
        return "indexed"
    return "removed" if removed else "absent"


def index_source(source, progress=None, batch_size: int = 500) -> int:
    """(Re)index every item of a source; remove documents of items that left it."""
    count = 0
    seen: dict[int, set[str]] = {}
    queryset = source.items()
    for item in queryset.iterator(chunk_size=batch_size):
        for variant, data in variants(source.to_document(item)):
            document = upsert(item, data, source.name, variant)
            seen.setdefault(document.content_type_id, set()).add(document.object_id)
            count += 1
        if progress is not None:
            progress.update(1)
    stale = SearchDocument.objects.filter(source=source.name)
    for document in stale.only("pk", "content_type_id", "object_id").iterator():
        if document.object_id not in seen.get(document.content_type_id, set()):
            remove(document.content_type_id, document.object_id)
    return count


def reindex_all(progress_factory=None) -> dict[str, int]:
    counts = {}
    for name, source in registry.sources().items():
        progress = None
        if progress_factory is not None:
            progress = progress_factory(source)
        counts[name] = index_source(source, progress=progress)
        if progress is not None:
            progress.close()
    known = set(registry.sources())
    for name in (
        SearchDocument.objects.exclude(source__in=known).values_list("source", flat=True).distinct()
    ):
        for document in SearchDocument.objects.filter(source=name).iterator():
            remove(document.content_type_id, document.object_id)
    return counts


@transaction.atomic
def rebuild_vocabulary() -> int:
    """Recount the suggestion vocabulary from the documents (repairs any drift)."""
    counter: Counter = Counter()
    for title, access in SearchDocument.objects.values_list("title", "access").iterator(
        chunk_size=5000
    ):
        counter.update(vocabulary_pairs(title, access))
    SearchTerm.objects.all().delete()
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=t, token=k, documents=n) for (t, k), n in counter.items()],
        batch_size=5000,
    )
    return len(counter)
