"""The index definition: document mapping and Dutch analysis, built with ``elasticsearch.dsl``.

Index analyzer: standard tokens, lowercase, accent folding, Dutch stop words, compound
splitting (``dictionary_decompounder`` over the vocabulary: ``leerbaarheidstoets`` is also
indexed as ``toets``), Dutch snowball stemmer. Search analyzer: the same without compound
splitting, plus the editors' synonyms (``synonym_graph``). Both lists are read when an index is
created, so a rebuild (``rebuild``) brings them up to date.
"""

from __future__ import annotations

import time

from elasticsearch.dsl import (
    Date,
    Document,
    Float,
    Keyword,
    Text,
    analyzer,
    token_filter,
    tokenizer,
)

from ..ranking import ELASTIC_SIMILARITY
from ..synonyms import synonym_groups
from ..text import STOP_WORDS, stem

DECOMPOUND_MIN = 4
DECOMPOUND_MAX_WORDS = 5000
KNOWN_SECONDS = 300  # how long a process reuses the compound word list for query splitting
_known: dict = {"at": -1e9, "stems": frozenset()}

_fold = ["lowercase", "asciifolding"]
nl_stop = token_filter("nl_stop", "stop", stopwords="_dutch_")
nl_stemmer = token_filter("nl_stemmer", "stemmer", language="dutch")
trigram_tokenizer = tokenizer(
    "nl_trigram", "ngram", min_gram=3, max_gram=3, token_chars=["letter", "digit"]
)
nl_trigram = analyzer("nl_trigram", tokenizer=trigram_tokenizer, filter=_fold)
nl_prefix = analyzer("nl_prefix", tokenizer="standard", filter=_fold)


class SearchItem(Document):
    """The engine form of a SearchDocument (id = database primary key)."""

    kind = Keyword()
    title = Text(
        analyzer="nl_index",
        search_analyzer="nl_search",
        fields={
            "trigram": Text(analyzer=nl_trigram),
            "prefix": Text(analyzer=nl_prefix),
            "raw": Keyword(),
        },
    )
    summary = Text(analyzer="nl_index", search_analyzer="nl_search")
    keywords = Text(analyzer="nl_index", search_analyzer="nl_search")
    body = Text(analyzer="nl_index", search_analyzer="nl_search")
    url = Keyword(index=False)
    date = Date()
    level = Keyword()
    status = Keyword()
    facets = Keyword()
    access = Keyword()
    quality = Float()
    content_type = Keyword()
    object_id = Keyword()
    indexed_at = Date()

    class Index:
        name = "lerendstelsel-search"


def decompound_words(limit: int = DECOMPOUND_MAX_WORDS) -> list[str]:
    """Compound parts: words of the vocabulary that also stand on their own.

    The vocabulary is the suggestion vocabulary (title words, ``SearchTerm``), the words of the
    curated knowledge (titles, keywords and summaries of Q&A and handreikingen) and the
    editors' synonyms; the most frequent ``limit`` words are kept.
    """
    from collections import Counter

    from django.db.models import Sum

    from ..models import SearchDocument, SearchTerm
    from ..text import words

    counts: Counter[str] = Counter()
    for row in SearchTerm.objects.values("term").annotate(total=Sum("documents"))[: limit * 4]:
        counts[row["term"]] += row["total"] or 1
    knowledge = SearchDocument.objects.filter(kind__in=("qa", "handreiking"))
    for title, keywords, summary in knowledge.values_list("title", "keywords", "summary")[:20000]:
        counts.update(words(f"{title} {keywords} {summary}"))
    for group in synonym_groups():
        for term in group:
            counts.update(term)
    chosen = [
        word
        for word, _n in counts.most_common()
        if len(word) >= DECOMPOUND_MIN and word.isalpha() and word not in STOP_WORDS
    ]
    result = sorted(chosen[:limit])
    if limit == DECOMPOUND_MAX_WORDS:
        _known.update(at=time.monotonic(), stems=frozenset(stem(w) for w in result))
    return result


def known_stems() -> frozenset:
    """Stems of the compound word list (the one the index splits with; recounted every
    ``KNOWN_SECONDS`` or when an index is built): the parts a typed compound may split into."""
    if time.monotonic() - _known["at"] > KNOWN_SECONDS:
        decompound_words()
    return _known["stems"]


def analysis_settings(groups=None, compound_words=None) -> dict:
    """The ``analysis`` block of the index settings."""
    if groups is None:
        groups = synonym_groups()
    if compound_words is None:
        compound_words = decompound_words()
    synonyms = [", ".join(" ".join(term) for term in group) for group in groups]
    filters = {
        "nl_stop": nl_stop.get_definition(),
        "nl_stemmer": nl_stemmer.get_definition(),
        "nl_synonyms": {"type": "synonym_graph", "synonyms": synonyms, "lenient": True},
        "nl_compounds": {
            "type": "dictionary_decompounder",
            "word_list": compound_words or ["inburgering"],
            "min_subword_size": DECOMPOUND_MIN,
            "only_longest_match": False,
        },
    }
    return {
        "filter": filters,
        "tokenizer": {"nl_trigram": trigram_tokenizer.get_definition()},
        "analyzer": {
            "nl_index": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": [*_fold, "nl_stop", "nl_compounds", "nl_stemmer"],
            },
            "nl_search": {
                "type": "custom",
                "tokenizer": "standard",
                "filter": [*_fold, "nl_synonyms", "nl_stop", "nl_stemmer"],
            },
            "nl_trigram": nl_trigram.get_definition(),
            "nl_prefix": nl_prefix.get_definition(),
        },
    }


def index_body(groups=None, compound_words=None) -> dict:
    """Settings and mappings for a new physical index.

    ``auto_expand_replicas`` gives a replica as soon as a second node joins (0 on one node).
    """
    return {
        "settings": {
            "number_of_shards": 1,
            "auto_expand_replicas": "0-1",
            "analysis": analysis_settings(groups, compound_words),
            # BM25 with the k1/b of the database backends' ranking (search/ranking.py).
            "similarity": {"default": dict(ELASTIC_SIMILARITY)},
        },
        "mappings": SearchItem._doc_type.mapping.to_dict(),
    }


def to_source(document) -> dict:
    from ..models import unpack_tokens

    return {
        "kind": document.kind,
        "title": document.title,
        "summary": document.summary,
        "keywords": document.keywords,
        "body": document.body,
        "url": document.url,
        "date": document.date,
        "level": document.level,
        "status": document.status,
        "facets": unpack_tokens(document.facets),
        "access": unpack_tokens(document.access),
        "quality": document.quality,
        "content_type": str(document.content_type_id),
        "object_id": document.object_id,
        "indexed_at": document.indexed_at,
    }
