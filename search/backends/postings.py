"""Bounded retrieval on PostgreSQL through the impact-ordered postings (migration 0005).

A query becomes *pieces*: the Dutch lexemes of the typed words and of their synonyms, plus a
few expansions from the vocabulary (compounds that start or end with the word, the most
frequent first). For every piece and group (knowledge kinds, large kinds) the best
``per_piece`` postings are read from the B-tree in impact order: an index-only scan whose cost
does not depend on how many documents contain the word. The union of those postings is the
*sample*: its visible documents give the total and the facet counts (exact when no piece had
more postings than were read, otherwise a lower bound), and the best of them by an approximate
score (impact x piece weight x idf, best piece per concept) go on to the exact scoring.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..query import LARGE_KINDS
from ..synonyms import ExpandedQuery
from ..text import STOP_WORDS

# Impact of one lexeme ``u`` (a row of ``unnest(tsvector)``) in its document: best field
# (title 1.0, summary/keywords 0.5, body 0.2), dampened term frequency, mild length
# normalisation. Used by the trigger (migration 0005) and by ``rebuild_postings``.
IMPACT_SQL = (
    "((CASE WHEN 'A' = ANY(u.weights) THEN 1.0 WHEN 'B' = ANY(u.weights) THEN 0.5"
    " WHEN 'C' = ANY(u.weights) THEN 0.2 ELSE 0.05 END)"
    " * (1 + 0.5 * ln(greatest(1, coalesce(cardinality(u.positions), 1))))"
    " / (1 + 0.1 * ln(1 + length({v}))))::real"
)
GROUP_SQL = (
    "(CASE WHEN {k} IN (" + ", ".join(f"'{kind}'" for kind in LARGE_KINDS) + ") THEN 1 ELSE 0 END)"
    "::smallint"
)

TYPED_WEIGHT = 1.0
SYNONYM_WEIGHT = 0.9
PREFIX_WEIGHT = 0.6  # a compound that starts with the word: taal -> taalcursus
INFIX_WEIGHT = 0.45  # a compound that ends with (or contains) it: toets -> leerbaarheidstoets
EXPANSIONS = 3  # vocabulary expansions per word
MAX_PIECES = 24
SAMPLE_POSTINGS = 2000  # postings read per query, spread over pieces and groups
PER_PIECE_RANGE = (40, 400)
GROUPS = (0, 1)  # 0: knowledge and other small kinds, 1: the large kinds (signals)


@dataclass
class Piece:
    term: str
    weight: float
    concept: int
    df: int = 0


@dataclass
class Sample:
    scores: dict[int, float]  # document id -> approximate score
    truncated: bool  # some piece had more postings than were read


def _words_with_weights(expanded: ExpandedQuery) -> list[tuple[str, float, int]]:
    """(word, weight, concept index) for every meaningful word of every alternative."""
    result = []
    for index, concept in enumerate(expanded.concepts):
        splits = getattr(concept, "splits", [])  # compound parts (search.ranking)
        for position, alternative in enumerate([concept.typed, *concept.alternatives, *splits]):
            meaningful = [w for w in alternative if w not in STOP_WORDS]
            if not meaningful:
                continue
            base = TYPED_WEIGHT if position == 0 else SYNONYM_WEIGHT
            for word in meaningful:
                result.append((word, base / len(meaningful), index))
    return result


# The corpus size for idf: the planner's row estimate, or an exact count while the table is
# small or has never been analysed (``reltuples`` is -1 then, and a stale estimate on a small
# corpus would make every idf wrong).
CORPUS_SIZE_SQL = (
    "(SELECT CASE WHEN c.reltuples < 10000 THEN greatest("
    "(SELECT count(*) FROM search_searchdocument), 1)::float8 ELSE c.reltuples::float8 END "
    "FROM pg_class c WHERE c.oid = 'search_searchdocument'::regclass)"
)

LEXICON_SQL = """
WITH w AS (
    SELECT q.i, q.word, t.lexeme FROM unnest(%s::text[]) WITH ORDINALITY AS q(word, i),
    LATERAL unnest(to_tsvector('dutch', q.word)) AS t
)
SELECT w.i, w.lexeme, coalesce(e.df, 0), NULL::text, 0,
       {corpus}
FROM w LEFT JOIN search_lexeme e ON e.term = w.lexeme
UNION ALL
SELECT w.i, w.lexeme, 0, x.term, x.df, 0 FROM w CROSS JOIN LATERAL (
    SELECT l.term, l.df FROM search_lexeme l
    WHERE (l.term LIKE '%%' || w.lexeme || '%%' OR l.term LIKE '%%' || w.word || '%%')
      AND l.term <> w.lexeme
    ORDER BY ((length(w.lexeme) >= 4 AND left(l.term, length(w.lexeme)) = w.lexeme)
              OR left(l.term, length(w.word)) = w.word) DESC, l.df DESC LIMIT %s
) x
WHERE length(w.word) >= 4 AND w.word !~ '^[0-9]+$'
""".replace("{corpus}", CORPUS_SIZE_SQL)


def pieces_for(cursor, expanded: ExpandedQuery, known_df=None) -> tuple[list[Piece], float]:
    """The pieces of a query and the corpus size (for idf), in one round trip. ``known_df``
    (a dict), when given, receives the document frequency of every query lexeme, so the exact
    scoring needs no second look-up."""
    entries = _words_with_weights(expanded)
    if not entries:
        return [], 1.0
    cursor.execute(LEXICON_SQL, [[word for word, *_rest in entries], EXPANSIONS * 2])
    pieces: dict[tuple[str, int], Piece] = {}
    expansions: dict[int, int] = {}
    corpus = 1.0
    for i, lexeme, df, expansion, expansion_df, size in cursor.fetchall():
        word, weight, concept = entries[i - 1]
        if expansion is None:
            corpus = max(corpus, float(size or 1))
            if known_df is not None:
                known_df[lexeme] = df or 0
            key = (lexeme, concept)
            if key not in pieces or pieces[key].weight < weight:
                pieces[key] = Piece(lexeme, weight, concept, df)
            continue
        # The same rule as ranking.match_weight: the piece looked for is long enough.
        prefix = (len(lexeme) >= 4 and expansion.startswith(lexeme)) or expansion.startswith(word)
        infix = (
            (len(lexeme) >= 4 and expansion.endswith(lexeme))
            or (len(lexeme) >= 5 and lexeme in expansion)
            or (len(word) >= 5 and word in expansion)
        )
        if not prefix and not infix:  # (numbers get no expansions: see the SQL)
            continue
        if expansions.get(i, 0) >= EXPANSIONS:
            continue
        expansions[i] = expansions.get(i, 0) + 1
        factor = PREFIX_WEIGHT if prefix else INFIX_WEIGHT
        key = (expansion, concept)
        if key not in pieces or pieces[key].weight < weight * factor:
            pieces[key] = Piece(expansion, weight * factor, concept, expansion_df)
    ordered = sorted(pieces.values(), key=lambda p: -p.weight)[:MAX_PIECES]
    return ordered, corpus


POSTINGS_SQL = """
SELECT q.i, x.doc_id, x.impact
FROM unnest(%s::text[], %s::smallint[]) WITH ORDINALITY AS q(term, grp, i)
CROSS JOIN LATERAL (
    SELECT p.doc_id, p.impact FROM search_posting p
    WHERE p.term = q.term AND p.grp = q.grp ORDER BY p.impact DESC LIMIT %s
) x
"""


def per_piece_limit(pieces: int, groups: int) -> int:
    low, high = PER_PIECE_RANGE
    return max(low, min(high, SAMPLE_POSTINGS // max(1, pieces * groups)))


def sample(cursor, pieces: list[Piece], corpus: float, groups=GROUPS) -> Sample:
    """Best postings per piece and group -> approximate scores of the sampled documents."""
    if not pieces:
        return Sample({}, False)
    # The same depth per list whether one group or both are read (a kind filter): the work
    # per query stays the same size.
    limit = per_piece_limit(len(pieces), len(GROUPS))
    terms, grps, factors, concepts = [], [], [None], [None]  # lists are numbered from 1
    for piece in pieces:
        idf = math.log(1.0 + corpus / (max(piece.df, 1) + 1.0))
        for group in groups:
            terms.append(piece.term)
            grps.append(group)
            factors.append(piece.weight * idf)
            concepts.append(piece.concept)
    cursor.execute(POSTINGS_SQL, [terms, grps, limit + 1])
    per_list: dict[int, int] = {}
    best: dict[tuple[int, int], float] = {}  # (doc, concept) -> best piece contribution
    for i, doc_id, impact in cursor.fetchall():
        seen = per_list[i] = per_list.get(i, 0) + 1
        if seen > limit:
            continue
        value = impact * factors[i]
        key = (doc_id, concepts[i])
        if value > best.get(key, 0.0):
            best[key] = value
    truncated = any(n > limit for n in per_list.values())
    scores: dict[int, float] = {}
    for (doc_id, _concept), value in best.items():
        scores[doc_id] = scores.get(doc_id, 0.0) + value
    return Sample(scores, truncated)


def refresh_lexicon(connection) -> int:
    """Recount the document frequency of every lexeme and drop lexemes no document has.

    The trigger adds new lexemes as they appear (with df 1); this brings the frequencies
    (used for idf and to pick the expansions of a word) up to date. Idempotent, PostgreSQL only.
    """
    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO search_lexeme (term, df) "
            "SELECT term, count(*)::int FROM search_posting GROUP BY term "
            "ON CONFLICT (term) DO UPDATE SET df = EXCLUDED.df "
            "WHERE search_lexeme.df <> EXCLUDED.df"
        )
        cursor.execute(
            "DELETE FROM search_lexeme l "
            "WHERE NOT EXISTS (SELECT 1 FROM search_posting p WHERE p.term = l.term)"
        )
        cursor.execute("SELECT count(*) FROM search_lexeme")
        return cursor.fetchone()[0]


def rebuild_postings(connection) -> int:
    """Rebuild all postings from the documents in one pass (bulk loads, repairs).

    Faster than the row trigger for millions of documents: the indexes are dropped, the rows
    written with one INSERT ... SELECT and the indexes built afterwards. Holds an exclusive
    lock on the postings meanwhile, so relevance search waits; run it in a quiet hour.
    """
    if connection.vendor != "postgresql":
        return 0
    from django.db import transaction

    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute("LOCK TABLE search_posting IN ACCESS EXCLUSIVE MODE")
        cursor.execute("DROP INDEX IF EXISTS search_posting_best")
        cursor.execute("DROP INDEX IF EXISTS search_posting_doc")
        cursor.execute("TRUNCATE search_posting")
        cursor.execute(
            "INSERT INTO search_posting (term, grp, impact, doc_id) "
            f"SELECT u.lexeme, {GROUP_SQL.format(k='d.kind')}, "
            f"{IMPACT_SQL.format(v='d.search_vector')}, d.id "
            "FROM search_searchdocument d, unnest(d.search_vector) u"
        )
        count = cursor.rowcount
        cursor.execute(
            "CREATE INDEX search_posting_best ON search_posting (term, grp, impact DESC, doc_id)"
        )
        cursor.execute("CREATE INDEX search_posting_doc ON search_posting (doc_id)")
    refresh_lexicon(connection)
    return count
