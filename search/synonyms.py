"""Editor-managed synonyms and query expansion (shared by every backend)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.cache import cache

from .models import SYNONYM_CACHE_KEY, Synonym
from .text import MAX_TERMS, QUESTION_WORDS, STOP_WORDS, words


def synonym_groups() -> list[list[tuple[str, ...]]]:
    """Active synonym groups as lists of word tuples; cached, invalidated on every edit."""
    groups = cache.get(SYNONYM_CACHE_KEY)
    if groups is None:
        groups = []
        for synonym in Synonym.objects.filter(is_active=True).only("terms"):
            terms = [tuple(words(term)) for term in synonym.term_list()]
            terms = [term for term in terms if term]
            if len(terms) >= 2:
                groups.append(terms)
        cache.set(SYNONYM_CACHE_KEY, groups, 300)
    return groups


@dataclass
class Concept:
    """One idea of the query: the words typed plus their synonyms (each a tuple of words)."""

    typed: tuple[str, ...]
    alternatives: list[tuple[str, ...]] = field(default_factory=list)

    def all_words(self) -> list[str]:
        result = []
        for alternative in [self.typed, *self.alternatives]:
            for word in alternative:
                if word not in STOP_WORDS and word not in result:
                    result.append(word)
        return result


@dataclass
class ExpandedQuery:
    text: str
    concepts: list[Concept]

    @property
    def is_empty(self) -> bool:
        return not self.concepts

    def typed_words(self) -> list[str]:
        return [w for c in self.concepts for w in c.typed if w not in STOP_WORDS]

    def all_words(self) -> list[str]:
        result = []
        for concept in self.concepts:
            for word in concept.all_words():
                if word not in result:
                    result.append(word)
        return result


def _find(sequence: list[str], term: tuple[str, ...], used: set[int]) -> int:
    n = len(term)
    for start in range(len(sequence) - n + 1):
        if tuple(sequence[start : start + n]) == term and not used & set(range(start, start + n)):
            return start
    return -1


def expand(query: str) -> ExpandedQuery:
    sequence = words(query)[:60]
    concepts: list[tuple[int, Concept]] = []
    used: set[int] = set()
    for group in synonym_groups():
        # Longest terms first so "wet inburgering 2021" wins over "wet".
        for term in sorted(group, key=len, reverse=True):
            start = _find(sequence, term, used)
            if start >= 0:
                used.update(range(start, start + len(term)))
                others = [t for t in group if t != term]
                concepts.append((start, Concept(typed=term, alternatives=others)))
                break
    seen_words = set()
    # Question-framing words only when the question has nothing else to say.
    framing = used or any(
        w not in STOP_WORDS and w not in QUESTION_WORDS and 2 <= len(w) <= 40 for w in sequence
    )
    for position, word in enumerate(sequence):
        if position in used or word in STOP_WORDS or len(word) < 2 or len(word) > 40:
            continue
        if framing and word in QUESTION_WORDS:
            continue
        if word in seen_words:
            continue
        seen_words.add(word)
        concepts.append((position, Concept(typed=(word,))))
    concepts.sort(key=lambda item: item[0])
    return ExpandedQuery(text=" ".join(sequence), concepts=[c for _, c in concepts][:MAX_TERMS])
