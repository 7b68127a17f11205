"""The one ranking definition of every backend: BM25F over four fields, times the signals.

``score = text x coverage x rating x recency x kind`` where

* **text** is the sum over the query's *concepts* (a typed word or phrase plus its synonyms
  and compound splits) of the best alternative's BM25F score. A word of an alternative
  contributes ``match x idf(word) x tf~ / (K1 + tf~)`` with the field-weighted, length-
  normalised term frequency ``tf~ = sum_f FIELD_WEIGHTS[f] x tf_f / (1 - b_f + b_f x len_f /
  avglen_f)`` (``FIELD_B``). ``tf_f`` counts the field's tokens that match the word: the same
  Snowball stem (``MATCH_EXACT``), a compound that starts with it (``MATCH_PREFIX``) or contains
  it (``MATCH_INFIX``). A multi-word alternative counts only when all its words match.
* **idf** is ``ln(1 + (N - df + 0.5) / (df + 0.5))`` from the corpus's document frequencies
  (PostgreSQL: ``search_lexeme``; SQLite: counted while scanning).
* **coverage** is ``COVERAGE_BASE + covered / concepts``: an item answering every idea of the
  question beats one that repeats a single word. A concept found only in the body counts
  ``BODY_COVERAGE`` (a passing mention is weaker evidence than the title, summary or keywords).
* **rating** ``1 + RATING_WEIGHT x quality``; **recency** ``1 + RECENCY_WEIGHT x exp(-age in
  years)``; **kind** ``KIND_BOOST`` (``search.query``). Editors' promoted results go on top
  (``search.services``), outside this score.

Both database backends call :func:`score_document` on the same folded, stemmed tokens (the
Snowball ``dutch_porter`` stemmer equals PostgreSQL's ``dutch`` configuration); the
Elasticsearch backend mirrors ``FIELD_WEIGHTS`` and ``K1``/``FIELD_B`` as boosts and BM25
similarity parameters (``ELASTIC_BOOSTS``, ``ELASTIC_SIMILARITY``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from .compounds import (  # noqa: F401  (part of this module's interface)
    SPLIT_MIN,
    SPLIT_PART_MIN,
    add_compound_splits,
    compound_splits,
    split_candidates,
)
from .query import DEFAULT_KIND_BOOST, KIND_BOOST
from .synonyms import ExpandedQuery
from .text import LEVEL, STOP_WORDS, stem

FIELDS = ("title", "summary", "keywords", "body")
FIELD_WEIGHTS = {"title": 2.5, "summary": 2.0, "keywords": 1.5, "body": 1.0}
FIELD_B = {"title": 0.3, "summary": 0.5, "keywords": 0.2, "body": 0.75}
K1 = 0.9
NORM_FLOOR = 0.5  # the largest boost a short field gets from length normalisation is 2x
BODY_CHARS = 6000  # characters of the body that are scored (the start of long texts)
BODY_TOKENS = 1000
# Fallback average field lengths (tokens) when a corpus has no statistics yet.
DEFAULT_AVERAGES = {"title": 8.0, "summary": 25.0, "keywords": 3.0, "body": 80.0}

MATCH_EXACT = 1.0
MATCH_PREFIX = 0.6  # taal -> taalcursus
MATCH_INFIX = 0.45  # toets -> leerbaarheidstoets
SYNONYM_WEIGHT = 0.9  # an alternative of the editors' synonym list
SPLIT_WEIGHT = 0.8  # a typed compound found as its parts: inburgeringstermijn -> termijn
# One part of a typed compound alone (screeningsgesprek -> screening): weaker evidence, half a
# concept covered; idf decides which part says more.
SPLIT_PART_WEIGHT = 0.5
SPLIT_PART_COVERAGE = 0.5
PREFIX_MIN = 4  # shortest stem that matches as the start of a compound
INFIX_MIN = 5  # shortest word that matches inside a compound

COVERAGE_BASE = 0.25
BODY_COVERAGE = 0.5  # a concept found only in the body (see text_score)
HEAD_FIELDS = ("title", "summary", "keywords")
RATING_WEIGHT = 0.4
RECENCY_WEIGHT = 0.25
SECONDS_PER_YEAR = 31_536_000.0

# For search/elastic.py: the same field boosts and BM25 parameters.
ELASTIC_BOOSTS = {name: weight for name, weight in FIELD_WEIGHTS.items()}
ELASTIC_SIMILARITY = {"type": "BM25", "k1": K1, "b": FIELD_B["body"]}


def idf(df: int, documents: float) -> float:
    """Inverse document frequency (BM25, never negative)."""
    df = max(0, int(df))
    documents = max(documents, float(df), 1.0)  # an estimate below df must not turn it negative
    return math.log(1.0 + (documents - df + 0.5) / (df + 0.5))


def saturate(tf: float) -> float:
    """Term-frequency saturation: 0 for 0, towards 1 for large ``tf``."""
    return tf / (K1 + tf) if tf > 0 else 0.0


def length_norm(name: str, length: int, average: float) -> float:
    """BM25's ``1 - b + b x len / avglen``, at least ``NORM_FLOOR``: a field far shorter than
    the average (a one-line body) must not outweigh a title."""
    b = FIELD_B[name]
    return max(NORM_FLOOR, 1.0 - b + b * (length / max(average, 1.0)))


def coverage_factor(covered: float, concepts: int) -> float:
    return COVERAGE_BASE + covered / max(concepts, 1)


def rating_factor(quality: float | None) -> float:
    return 1.0 + RATING_WEIGHT * float(quality or 0.0)


def recency_factor(date: datetime | None, now: datetime) -> float:
    if date is None:
        return 1.0
    age = max(0.0, (now - date).total_seconds()) / SECONDS_PER_YEAR
    return 1.0 + RECENCY_WEIGHT * math.exp(-age)


def kind_factor(kind: str) -> float:
    return KIND_BOOST.get(kind, DEFAULT_KIND_BOOST)


# The query ---------------------------------------------------------------------------------


@dataclass
class Term:
    word: str
    stem: str
    exact: bool = False  # a word of a multi-word phrase: same stem only, no compounds


@dataclass
class Alternative:
    terms: list[Term]
    weight: float
    coverage: float = 1.0  # how much of the concept it covers (one part of a compound: less)


@dataclass
class RankQuery:
    """The query as the scorer sees it: per concept its weighted alternatives."""

    concepts: list[list[Alternative]]
    df: dict[str, int] = field(default_factory=dict)  # word -> document frequency
    documents: float = 1.0
    # word -> {token: match weight} over the candidates' vocabulary (``prepare_matches``)
    matches: dict[str, dict[str, float]] | None = None

    def words(self) -> list[str]:
        return list(dict.fromkeys(t.word for c in self.concepts for a in c for t in a.terms))


def rank_query(expanded: ExpandedQuery) -> RankQuery:
    concepts = []
    for concept in expanded.concepts:
        alternatives = []
        weighted = [(concept.typed, 1.0)]
        weighted += [(alt, SYNONYM_WEIGHT) for alt in concept.alternatives]
        weighted += [(alt, SPLIT_WEIGHT) for alt in getattr(concept, "splits", [])]
        for alternative, weight in weighted:
            meaningful = [w for w in alternative if w not in STOP_WORDS] or list(alternative)
            if meaningful:
                phrase = len(meaningful) > 1
                terms = [Term(w, stem(w), exact=phrase) for w in meaningful]
                alternatives.append(Alternative(terms, weight))
        for parts in getattr(concept, "splits", []):
            for part in parts:
                if part not in STOP_WORDS:
                    term = Term(part, stem(part), exact=True)
                    alternatives.append(Alternative([term], SPLIT_PART_WEIGHT, SPLIT_PART_COVERAGE))
        if alternatives:
            concepts.append(alternatives)
    return RankQuery(concepts)


# The document ------------------------------------------------------------------------------


_WORD = re.compile(r"[a-z0-9]+")


def scoring_words(text: str) -> list[str]:
    """``search.text.words`` for whole texts: accents folded per text, not per character."""
    text = text or ""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = text.lower()
    return _WORD.findall(LEVEL.sub(r"\1\2", text) if "-" in text else text)


def field_tokens(name: str, text: str) -> list[str]:
    """Stems of a field as the scorer counts them (the body bounded to ``BODY_TOKENS``)."""
    tokens = scoring_words(text)
    if name == "body":
        tokens = tokens[:BODY_TOKENS]
    return [stem(w) for w in tokens if w not in STOP_WORDS]


@dataclass
class FieldStats:
    lengths: dict[str, int]
    counts: dict[str, Counter]

    def vocabulary(self) -> frozenset:
        """Every token of the fields (kept: analysed documents are reused across queries)."""
        tokens = self.__dict__.get("_vocabulary")
        if tokens is None:
            tokens = self._vocabulary = frozenset().union(*self.counts.values())
        return tokens


def analyse(texts: dict[str, str]) -> FieldStats:
    counts, lengths = {}, {}
    for name in FIELDS:
        tokens = field_tokens(name, texts.get(name, ""))
        counts[name] = Counter(tokens)
        lengths[name] = len(tokens)
    return FieldStats(lengths, counts)


def match_weight(term: Term, token: str) -> float:
    """How a document token matches a query word: the same stem, or (for a single word, not a
    word of a phrase) a compound that starts with, ends with or contains it. The minimum
    lengths apply to the piece that is looked for, so a short stem never matches inside
    unrelated words (``leren`` -> ``ler`` is not found in ``controler``), while a word whose
    stem is short still finds its compounds (``taal`` -> ``tal``, but ``taalaanbod`` starts
    with ``taal``) and a compound's tail counts from four letters (``toets`` -> ``toet`` ends
    ``leerbaarheidstoet``)."""
    if token == term.stem:
        return MATCH_EXACT
    if term.exact:
        return 0.0
    # Snowball may change the word itself (inkoop -> inkop): compounds keep the word.
    if (len(term.stem) >= PREFIX_MIN and token.startswith(term.stem)) or (
        len(term.word) >= PREFIX_MIN and token.startswith(term.word)
    ):
        return MATCH_PREFIX
    # The tail of a compound (toets -> leerbaarheidstoets) from four letters; inside a word
    # only from five.
    if (len(term.stem) >= PREFIX_MIN and token.endswith(term.stem)) or (
        len(term.stem) >= INFIX_MIN and term.stem in token
    ):
        return MATCH_INFIX
    if len(term.word) >= INFIX_MIN and term.word in token:
        return MATCH_INFIX
    return 0.0


def prepare_matches(query: RankQuery, vocabulary) -> None:
    """Decide once per query which tokens of the candidates match each word, so scoring a
    document costs a few dictionary look-ups per word instead of a scan of its tokens.
    (The rules of ``match_weight``, unrolled: this runs over every token of the candidates.)"""
    terms = {t.word: t for c in query.concepts for a in c for t in a.terms}
    vocabulary = vocabulary if isinstance(vocabulary, set | frozenset) else set(vocabulary)
    query.matches = {}
    for word, term in terms.items():
        found = {term.stem: MATCH_EXACT} if term.stem in vocabulary else {}
        query.matches[word] = found
        if term.exact:
            continue
        prefixes = tuple(p for p in (term.stem, term.word) if len(p) >= PREFIX_MIN)
        tails = (term.stem,) if len(term.stem) >= PREFIX_MIN else ()
        inside = tuple(p for p in (term.stem, term.word) if len(p) >= INFIX_MIN)
        for token in vocabulary:
            if token == term.stem:
                continue
            if prefixes and token.startswith(prefixes):
                found[token] = MATCH_PREFIX
            elif (tails and token.endswith(tails)) or any(p in token for p in inside):
                found[token] = MATCH_INFIX


def field_tf(term: Term, counts: Counter, matches: dict[str, float] | None = None) -> float:
    """Matching tokens of a field, each weighted by how it matches."""
    if matches is not None:  # plain loops: the same additions in the same order as sum()
        tf = 0
        if len(matches) <= len(counts):
            for token, weight in matches.items():
                if token in counts:
                    tf += weight * counts[token]
        else:
            for token, n in counts.items():
                if token in matches:
                    tf += n * matches[token]
        return tf
    tf = 0.0
    for token, n in counts.items():
        weight = match_weight(term, token)
        if weight:
            tf += weight * n
    return tf


def matches(term: Term, stats: FieldStats) -> bool:
    return any(field_tf(term, stats.counts[name]) > 0 for name in FIELDS)


def _term_parts(term: Term, stats: FieldStats, averages, query: RankQuery) -> tuple[float, bool]:
    """(``term_score``, whether the word occurs in the title, summary or keywords: what the
    item is about) from one pass over the fields."""
    combined, head = 0.0, False
    matches = query.matches.get(term.word) if query.matches is not None else None
    if matches is not None and matches.keys().isdisjoint(stats.vocabulary()):
        return 0.0, False  # no field holds a matching token
    for name in FIELDS:
        tf = field_tf(term, stats.counts[name], matches)
        if tf:
            head = head or name in HEAD_FIELDS
            norm = length_norm(name, stats.lengths[name], averages.get(name, 1.0))
            combined += FIELD_WEIGHTS[name] * tf / norm
    if not combined:
        return 0.0, head
    return idf(query.df.get(term.word, 0), query.documents) * saturate(combined), head


def term_score(term: Term, stats: FieldStats, averages: dict[str, float], query: RankQuery):
    return _term_parts(term, stats, averages, query)[0]


def text_score(query: RankQuery, stats: FieldStats, averages) -> tuple[float, float]:
    """(sum of the best alternative per concept, concepts covered). A concept found only in
    the body covers ``BODY_COVERAGE`` of a concept: a passing mention in a long text is weaker
    evidence that the item is about it than its title, summary or keywords."""
    total, covered = 0.0, 0.0
    cache: dict[str, tuple[float, bool]] = {}  # word -> (term_score, in_head)
    for alternatives in query.concepts:
        best, best_alternative = 0.0, None
        for alternative in alternatives:
            scores = []
            for term in alternative.terms:
                parts = cache.get(term.word)
                if parts is None:
                    parts = cache[term.word] = _term_parts(term, stats, averages, query)
                scores.append(parts[0])
            if scores and min(scores) > 0:
                score = alternative.weight * sum(scores) / len(scores)
                if score > best:
                    best, best_alternative = score, alternative
        if best > 0:
            total += best
            head = any(cache[t.word][1] for t in best_alternative.terms)
            covered += best_alternative.coverage * (1.0 if head else BODY_COVERAGE)
    return total, covered


def score_document(query, stats, averages, *, kind, quality, date, now) -> float:
    """The full score of one document (0 when it matches no concept)."""
    text, covered = text_score(query, stats, averages)
    if not covered:
        return 0.0
    return (
        text
        * coverage_factor(covered, len(query.concepts))
        * rating_factor(quality)
        * recency_factor(date, now)
        * kind_factor(kind)
    )


def averages_of(all_stats) -> dict[str, float]:
    """Average field lengths (tokens) of a set of analysed documents."""
    all_stats = list(all_stats)
    if not all_stats:
        return dict(DEFAULT_AVERAGES)
    return {
        name: max(1.0, sum(s.lengths[name] for s in all_stats) / len(all_stats)) for name in FIELDS
    }
