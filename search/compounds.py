"""Typed compounds found as two known words (``inburgeringstermijn`` -> ``inburgering`` +
``termijn``): the splits every backend adds to a query before ranking (``search.ranking``)."""

from __future__ import annotations

from .synonyms import Concept, ExpandedQuery
from .text import stem

SPLIT_MIN = 9  # shortest typed word that is tried as a compound of two known words
SPLIT_PART_MIN = 4


def compound_splits(word: str, known) -> list[tuple[str, str]]:
    """Two known words a typed compound consists of (``known(stem) -> bool``), longest head
    first; a linking ``s`` between them is allowed."""
    if len(word) < SPLIT_MIN or word.isdigit():
        return []
    result = []
    for i in range(len(word) - SPLIT_PART_MIN, SPLIT_PART_MIN - 1, -1):
        head, tail = word[:i], word[i:]
        linked = head.endswith("s") and len(head) > SPLIT_PART_MIN
        heads = [head[:-1], head] if linked else [head]
        for candidate in heads:
            if known(stem(candidate)) and known(stem(tail)):
                result.append((candidate, tail))
                break
        if result:
            break
    return result


def split_candidates(expanded: ExpandedQuery) -> list[str]:
    """Stems whose existence decides the compound splits of the typed words."""
    stems = []
    for word in expanded.typed_words():
        if len(word) < SPLIT_MIN or word.isdigit():
            continue
        for i in range(SPLIT_PART_MIN, len(word) - SPLIT_PART_MIN + 1):
            head, tail = word[:i], word[i:]
            stems += [stem(head), stem(tail)]
            if head.endswith("s"):
                stems.append(stem(head[:-1]))
    return list(dict.fromkeys(stems))


def add_compound_splits(expanded: ExpandedQuery, known) -> ExpandedQuery:
    """A typed compound also finds its parts: ``inburgeringstermijn`` -> ``inburgering termijn``."""
    concepts = []
    for concept in expanded.concepts:
        alternatives = list(concept.alternatives)
        splits = getattr(concept, "splits", [])
        if len(concept.typed) == 1:
            for parts in compound_splits(concept.typed[0], known):
                if parts not in alternatives:
                    splits = [*splits, parts]
        new = Concept(typed=concept.typed, alternatives=alternatives)
        new.splits = splits  # type: ignore[attr-defined]
        concepts.append(new)
    return ExpandedQuery(text=expanded.text, concepts=concepts)
