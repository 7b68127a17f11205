"""PostgreSQL full text: weighted ``dutch`` tsvector, OR semantics, prefix and trigram matching.

Every statement filters on the user's access tokens (GIN on ``access_tokens``), so neither
results nor counts ever include hidden items. Three paths, each with bounded work:

* **Queries** go through the impact-ordered postings (``postings``, migration 0005): a
  bounded sample of the best postings per query word gives the candidates, the total and
  the facet counts (exact, or a lower bound: ``total_exact``); only the best candidates get
  the full score (``search.ranking`` via ``pg_ranking``). Date order adds a bounded walk of the
  date index.
* **Selective filters** whose matches the sample cannot hold fall back to the exact GIN path
  below (the filter keeps the intersection small): counts exact up to ``COUNT_CAP``; all
  words first, then any word; candidates per kind group via the optional RUM index
  (``search_vector <=> query``) or tiers of title/summary (``head_vector``, at most
  ``HEAD_SCAN``) and body matches (at most ``BODY_SCAN``), then the full score.
* **Browsing** (filters without a query) counts at most ``COUNT_CAP`` documents and pages
  by date.
"""

from __future__ import annotations

from django.db import connection

from ..pg_setup import rum_enabled
from ..query import LARGE_KINDS, SearchParams
from ..synonyms import ExpandedQuery
from ..text import STOP_WORDS
from . import pg_ranking, postings

TABLE = "search_searchdocument"
# Only to order the candidates of the exact GIN fallback; the score is search.ranking's.
WEIGHTS = "{0.05, 0.2, 0.5, 1.0}"  # D, C (body), B (summary, keywords), A (title)
SNIPPET_CHARS = 4000


def _piece(word: str) -> str:
    return f"{word}:*" if len(word) >= 4 and not word.isdigit() else word


def _alternative(alt: tuple[str, ...]) -> str:
    pieces = [_piece(w) for w in alt if w not in STOP_WORDS]
    if not pieces:
        return ""
    return pieces[0] if len(pieces) == 1 else "(" + " & ".join(pieces) + ")"


def concept_tsqueries(expanded: ExpandedQuery) -> list[str]:
    result = []
    for concept in expanded.concepts:
        splits = getattr(concept, "splits", [])  # compound parts (search.ranking)
        every = [concept.typed, *concept.alternatives, *splits]
        alternatives = [a for a in map(_alternative, every) if a]
        if alternatives:
            result.append("(" + " | ".join(dict.fromkeys(alternatives)) + ")")
    return result


def tsquery_string(expanded: ExpandedQuery) -> str:
    return " | ".join(concept_tsqueries(expanded))


def _like_words(expanded: ExpandedQuery) -> list[str]:
    """Typed words long enough to be the tail of a Dutch compound (matched inside titles)."""
    return [f"%{w}%" for w in expanded.typed_words() if len(w) >= 5 and not w.isdigit()][:4]


def _filters_sql(params: SearchParams, tokens: list[str]) -> tuple[str, list]:
    clauses = ["d.access_tokens && %s::text[]"]
    values: list = [list(tokens)]
    for _facet, facet_tokens in sorted(params.facet_tokens().items()):
        clauses.append("d.facet_tokens && %s::text[]")
        values.append(facet_tokens)
    return " AND ".join(clauses), values


# A query whose words ALL occur in at least this many visible documents is answered from
# that (much smaller, index-intersected) set; otherwise every document matching ANY word
# competes. Keeps common-word queries on large corpora fast without losing recall on small ones.
AND_FIRST_MINIMUM = 20
CANDIDATES = 100  # documents per kind group that get the full score (exact GIN path)
# The postings path: the best candidates by approximate score per group (knowledge kinds,
# signals) that get the full score in Python. Signals are many and alike, so fewer of them
# are re-scored; see docs/search.md for the measured effect on latency and relevance.
SAMPLED_CANDIDATES = {False: 100, True: 40}
HEAD_SCAN = 2000  # title/summary matches ranked by ts_rank_cd per kind group
BODY_SCAN = 1000  # body-only matches ranked by ts_rank_cd when titles give too few
COUNT_CAP = 2000  # matches counted exactly for the total and the facets
LIKE_CANDIDATES = 50
DATE_WALK = 5000  # newest visible documents checked for matches when sorting by date


def _match_sql(expanded: ExpandedQuery, require_all: bool = False) -> tuple[str, list]:
    if require_all:
        return "d.search_vector @@ to_tsquery('dutch', %s)", [
            " & ".join(concept_tsqueries(expanded))
        ]
    tsq = tsquery_string(expanded)
    likes = _like_words(expanded)
    clauses = ["d.search_vector @@ to_tsquery('dutch', %s)"]
    values: list = [tsq]
    for like in likes:
        clauses.append("d.title_folded LIKE %s")
        values.append(like)
    return "(" + " OR ".join(clauses) + ")", values


def id_array(ids) -> str:
    """Ids as one array literal: binding thousands of separate values costs milliseconds."""
    return "{" + ",".join(str(int(pk)) for pk in ids) + "}"


class PostgresBackend:
    name = "postgres"

    def __init__(self):
        # False when the total (and the facet counts) are a lower bound: the query matched
        # more documents than the bounded retrieval read.
        self.total_exact = True

    def search(self, params: SearchParams, expanded: ExpandedQuery, tokens: list[str]):
        base_where, base_values = _filters_sql(params, tokens)
        browse = expanded.is_empty
        if not browse and not tsquery_string(expanded):
            return [], 0, {}
        with connection.cursor() as cursor:
            if not browse:
                expanded = pg_ranking.with_compound_splits(cursor, expanded)
                sampled = self._search_sampled(cursor, params, expanded, base_where, base_values)
                if sampled is not None:
                    return sampled
            if browse:
                counts = self._counts(cursor, base_where, base_values)
                total = sum(n for token, n in counts.items() if token.startswith("kind:"))
                self.total_exact = total < COUNT_CAP
                if total == 0:
                    return [], 0, counts
                rows = self._page(cursor, params, expanded, base_where, base_values, True)
                return rows, total, counts
            attempts = [True, False] if len(expanded.concepts) > 1 else [False]
            for require_all in attempts:  # all words first, then any word
                matches = self._matches(cursor, expanded, require_all, base_where, base_values)
                if not require_all or len(matches) >= AND_FIRST_MINIMUM:
                    break
            counts: dict[str, int] = {}
            for _pk, facet_tokens in matches:
                for token in facet_tokens:
                    counts[token] = counts.get(token, 0) + 1
            total = len(matches)
            self.total_exact = total < COUNT_CAP
            if total == 0:
                return [], 0, counts
            needed = params.offset + params.page_size
            if total > max(CANDIDATES, needed):
                ids = self._candidates(
                    cursor, params, expanded, require_all, base_where, base_values, needed
                )
            else:
                ids = [pk for pk, _tokens in matches]
            where, values = f"{base_where} AND d.id = ANY(%s)", base_values + [ids]
            rows = self._page(cursor, params, expanded, where, values, False)
        return rows, total, counts

    def _search_sampled(self, cursor, params, expanded, base_where, base_values):
        """Search through the impact-ordered postings (see ``postings``).

        Returns None when the bounded sample cannot answer: a selective filter left fewer
        visible documents than the page needs while more matches exist. The GIN path answers
        those exactly (and quickly, since the filter makes the intersection small).
        """
        known_df: dict[str, int] = {}
        pieces, corpus = postings.pieces_for(cursor, expanded, known_df)
        kinds = params.filters.get("kind")
        groups = postings.GROUPS
        if kinds:
            groups = tuple(sorted({1 if kind in LARGE_KINDS else 0 for kind in kinds}))
        found = postings.sample(cursor, pieces, corpus, groups)
        self.total_exact = not found.truncated
        if not found.scores:
            return [], 0, {}
        date = "d.date" if params.sort == "date" else "NULL"  # parsing dates costs time
        cursor.execute(
            f"SELECT d.id, d.kind, d.facet_tokens, {date} FROM {TABLE} d "
            f"WHERE d.id = ANY(%s::bigint[]) AND {base_where}",
            [id_array(found.scores)] + base_values,
        )
        visible = cursor.fetchall()
        needed = params.offset + params.page_size
        if found.truncated and len(visible) < needed and set(params.filters) - {"kind"}:
            return None
        counts: dict[str, int] = {}
        for _pk, _kind, facet_tokens, _date in visible:
            for token in facet_tokens:
                counts[token] = counts.get(token, 0) + 1
        if not visible:
            return [], 0, counts
        if params.sort == "date":
            visible.sort(key=lambda row: (row[3] is not None, row[3], row[0]), reverse=True)
            ids = [row[0] for row in visible[:needed]]
            if found.truncated:  # the newest matches need not be among the best ones
                newest = self._newest(cursor, expanded, base_where, base_values, needed)
                seen = set(newest)
                ids = newest + [pk for pk in ids if pk not in seen]
        else:
            ids = []
            for large in (False, True):
                group = [row[0] for row in visible if (row[1] in LARGE_KINDS) is large]
                group.sort(key=lambda pk: (-found.scores[pk], -pk))
                ids += group[: max(SAMPLED_CANDIDATES[large], needed)]
        where, values = f"{base_where} AND d.id = ANY(%s::bigint[])", base_values + [id_array(ids)]
        rows = pg_ranking.score_page(
            cursor, params, expanded, where, values, known=(known_df, corpus)
        )
        return rows, len(visible), counts

    def _newest(self, cursor, expanded, base_where, base_values, needed) -> list[int]:
        """Ids of the newest visible matches among the newest ``DATE_WALK`` visible documents
        (a backward walk of the date index; ``DESC NULLS LAST`` would not use it)."""
        match_sql, match_values = _match_sql(expanded)
        cursor.execute(
            f"SELECT d.id FROM (SELECT d.id, d.date, d.search_vector, d.title_folded "
            f"FROM {TABLE} d WHERE {base_where} AND d.date IS NOT NULL "
            f"ORDER BY d.date DESC, d.id DESC LIMIT {DATE_WALK}) d WHERE {match_sql} "
            "ORDER BY d.date DESC, d.id DESC LIMIT %s",
            base_values + match_values + [needed],
        )
        return [row[0] for row in cursor.fetchall()]

    def _matches(self, cursor, expanded, require_all, base_where, base_values):
        """(id, facet tokens) of visible matches, at most ``COUNT_CAP``; each branch indexed."""
        tsq = " & ".join(concept_tsqueries(expanded)) if require_all else tsquery_string(expanded)
        branches = [
            f"SELECT d.id, d.facet_tokens FROM {TABLE} d WHERE {base_where} AND "
            "d.search_vector @@ to_tsquery('dutch', %s)"
        ]
        values = base_values + [tsq]
        likes = [] if require_all else _like_words(expanded)
        if likes:
            like_sql = " OR ".join(["d.title_folded LIKE %s"] * len(likes))
            branches.append(
                f"SELECT d.id, d.facet_tokens FROM {TABLE} d WHERE {base_where} AND ({like_sql})"
            )
            values = values + base_values + likes
        cursor.execute(
            "SELECT u.id, u.facet_tokens FROM ("
            + " UNION ".join(f"({branch} LIMIT {COUNT_CAP})" for branch in branches)
            + f") u LIMIT {COUNT_CAP}",
            values,
        )
        return cursor.fetchall()

    def _counts(self, cursor, where, values) -> dict[str, int]:
        cursor.execute(
            f"SELECT t, count(*) FROM (SELECT d.facet_tokens FROM {TABLE} d WHERE {where} "
            f"LIMIT {COUNT_CAP}) s, unnest(s.facet_tokens) t GROUP BY t",
            values,
        )
        return dict(cursor.fetchall())

    def _candidates(self, cursor, params, expanded, require_all, base_where, base_values, needed):
        """Ids of the documents worth the full score (bounded work, see the module doc)."""
        limit = max(CANDIDATES, needed)
        if require_all:
            tsq = " & ".join(concept_tsqueries(expanded))
        else:
            tsq = tsquery_string(expanded)
        if params.sort == "date":
            cursor.execute(
                f"SELECT d.id FROM {TABLE} d WHERE {base_where} "
                f"AND {_match_sql(expanded, require_all)[0]} "
                "ORDER BY d.date DESC NULLS LAST, d.id DESC LIMIT %s",
                base_values + _match_sql(expanded, require_all)[1] + [needed],
            )
            return [row[0] for row in cursor.fetchall()]
        large = list(LARGE_KINDS)
        ids: list[int] = []
        for group in ("NOT (d.kind = ANY(%s))", "d.kind = ANY(%s)"):
            where = f"{base_where} AND {group}"
            values = base_values + [large]
            found = self._ranked(cursor, where, values, tsq, limit)
            ids += [pk for pk in found if pk not in ids]
        if not require_all and _like_words(expanded):
            likes = _like_words(expanded)
            like_sql = " OR ".join(["d.title_folded LIKE %s"] * len(likes))
            cursor.execute(
                f"SELECT d.id FROM {TABLE} d WHERE {base_where} AND ({like_sql}) "
                "ORDER BY d.quality DESC, d.id LIMIT %s",
                base_values + likes + [LIKE_CANDIDATES],
            )
            ids += [row[0] for row in cursor.fetchall() if row[0] not in ids]
        return ids

    def _ranked(self, cursor, where, values, tsq, limit) -> list[int]:
        if rum_enabled(connection):
            cursor.execute(
                f"SELECT d.id FROM {TABLE} d WHERE {where} "
                "AND d.search_vector @@ to_tsquery('dutch', %s) "
                "ORDER BY d.search_vector <=> to_tsquery('dutch', %s) LIMIT %s",
                values + [tsq, tsq, limit],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT s.id FROM (SELECT d.id, d.head_vector FROM "
            f"{TABLE} d WHERE {where} AND d.head_vector @@ to_tsquery('dutch', %s) LIMIT %s) s "
            f"ORDER BY ts_rank_cd('{WEIGHTS}', s.head_vector, to_tsquery('dutch', %s), 1) DESC, "
            "s.id DESC LIMIT %s",
            values + [tsq, HEAD_SCAN, tsq, limit],
        )
        ids = [row[0] for row in cursor.fetchall()]
        if len(ids) < limit:
            cursor.execute(
                "SELECT s.id FROM (SELECT d.id, d.search_vector FROM "
                f"{TABLE} d WHERE {where} AND d.search_vector @@ to_tsquery('dutch', %s) "
                "AND NOT d.head_vector @@ to_tsquery('dutch', %s) LIMIT %s) s "
                f"ORDER BY ts_rank_cd('{WEIGHTS}', s.search_vector, to_tsquery('dutch', %s), 1) "
                "DESC, s.id DESC LIMIT %s",
                values + [tsq, tsq, BODY_SCAN, tsq, limit - len(ids)],
            )
            ids += [row[0] for row in cursor.fetchall()]
        return ids

    def _page(self, cursor, params, expanded, where, values, browse):
        columns = (
            "d.id, d.kind, d.title, d.url, d.date, left(d.summary, %s), left(d.body, %s), "
            "d.level, d.status"
        )
        head = [SNIPPET_CHARS, SNIPPET_CHARS]
        if browse:
            cursor.execute(
                f"SELECT {columns}, 0.0 FROM {TABLE} d WHERE {where} "
                "ORDER BY d.date DESC NULLS LAST, d.id DESC LIMIT %s OFFSET %s",
                head + values + [params.page_size, params.offset],
            )
            return cursor.fetchall()
        return pg_ranking.score_page(cursor, params, expanded, where, values)

    def fetch(self, ids: list[int], tokens: list[str]):
        """Rows for the given ids that the tokens may see (promoted results)."""
        if not ids:
            return []
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT d.id, d.kind, d.title, d.url, d.date, left(d.summary, %s), "
                "left(d.body, %s), d.level, d.status, 0.0 "
                f"FROM {TABLE} d WHERE d.id = ANY(%s) AND d.access_tokens && %s::text[]",
                [SNIPPET_CHARS, SNIPPET_CHARS, ids, list(tokens)],
            )
            return cursor.fetchall()

    def autocomplete(self, words: list[str], tokens: list[str], kinds, limit: int):
        clauses = ["d.access_tokens && %s::text[]", "d.kind = ANY(%s)"]
        values: list = [list(tokens), list(kinds)]
        for word in words:
            clauses.append("(d.title_folded LIKE %s OR d.title_folded LIKE %s)")
            values += [f"{word}%", f"% {word}%"]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT d.title, d.url, d.kind FROM {TABLE} d WHERE {' AND '.join(clauses)} "
                "ORDER BY d.quality DESC, length(d.title), d.id LIMIT %s",
                values + [limit],
            )
            return cursor.fetchall()

    def nearest_terms(self, word: str, tokens: list[str]) -> tuple[bool, str | None]:
        """(word is known to this user, closest known term or None)."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT t.term, similarity(t.term, %s) AS s FROM search_searchterm t "
                "WHERE t.token = ANY(%s) AND t.term %% %s "
                "GROUP BY t.term ORDER BY (t.term = %s) DESC, s DESC, sum(t.documents) DESC "
                "LIMIT 1",
                [word, list(tokens), word, word],
            )
            row = cursor.fetchone()
        if row is None:
            return False, None
        return row[0] == word, row[0]
