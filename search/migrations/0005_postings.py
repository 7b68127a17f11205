"""PostgreSQL only: an impact-ordered inverted index beside the document table.

``search_posting`` holds one row per (lexeme, document) with a static *impact* (how strongly
the lexeme characterises the document: field weight, term frequency, length), ordered in a
B-tree by ``(term, grp, impact DESC)``. The best N documents for a lexeme are then the first N
entries of an index-only scan, whatever the size of the corpus: the work per query no longer
grows with the number of matching documents. ``grp`` separates the large kinds (signals) from
the small knowledge kinds, so each gets its own best N.

``search_lexeme`` is the vocabulary of lexemes with their document frequency, used to expand a
query word to the compounds that start or end with it (``toets`` -> ``leerbaarheidstoets``) and
to weigh rare words above common ones. New lexemes are added by the trigger; the frequencies are
refreshed by ``search.refresh_lexicon`` (beat, hourly, and after a full reindex).

A trigger keeps both in step with ``search_searchdocument`` for every write path, including
bulk COPY; TRUNCATE of the documents empties the postings too.
"""

from django.db import migrations

from search.backends.postings import GROUP_SQL as GROUP
from search.backends.postings import IMPACT_SQL as IMPACT

FORWARD = [
    """
    CREATE TABLE search_posting (
        term text COLLATE "C" NOT NULL,
        grp smallint NOT NULL,
        impact real NOT NULL,
        doc_id bigint NOT NULL
    )
    """,
    """
    CREATE TABLE search_lexeme (
        term text COLLATE "C" PRIMARY KEY,
        df integer NOT NULL DEFAULT 1
    )
    """,
    f"""
    CREATE OR REPLACE FUNCTION search_document_postings() RETURNS trigger AS $$
    BEGIN
        IF TG_OP = 'UPDATE' AND NEW.kind = OLD.kind
           AND NEW.search_vector IS NOT DISTINCT FROM OLD.search_vector THEN
            RETURN NULL;  -- e.g. only the status or access changed: the postings still hold
        END IF;
        IF TG_OP <> 'INSERT' THEN
            DELETE FROM search_posting WHERE doc_id = OLD.id;
        END IF;
        IF TG_OP <> 'DELETE' AND NEW.search_vector IS NOT NULL THEN
            INSERT INTO search_posting (term, grp, impact, doc_id)
            SELECT u.lexeme, {GROUP.format(k="NEW.kind")},
                   {IMPACT.format(v="NEW.search_vector")}, NEW.id
            FROM unnest(NEW.search_vector) u;
            -- Only lexemes not seen before: no row is written (or locked) for known words.
            INSERT INTO search_lexeme (term)
            SELECT u.lexeme FROM unnest(NEW.search_vector) u
            WHERE NOT EXISTS (SELECT 1 FROM search_lexeme l WHERE l.term = u.lexeme)
            ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE OR REPLACE FUNCTION search_document_postings_truncate() RETURNS trigger AS $$
    BEGIN
        TRUNCATE search_posting;
        RETURN NULL;
    END
    $$ LANGUAGE plpgsql
    """,
    f"""
    INSERT INTO search_posting (term, grp, impact, doc_id)
    SELECT u.lexeme, {GROUP.format(k="d.kind")}, {IMPACT.format(v="d.search_vector")}, d.id
    FROM search_searchdocument d, unnest(d.search_vector) u
    """,
    """
    INSERT INTO search_lexeme (term, df)
    SELECT term, count(*) FROM search_posting GROUP BY term
    """,
    "CREATE INDEX search_posting_best ON search_posting (term, grp, impact DESC, doc_id)",
    "CREATE INDEX search_posting_doc ON search_posting (doc_id)",
    "CREATE INDEX search_lexeme_trgm ON search_lexeme USING gin (term gin_trgm_ops)",
    """
    CREATE TRIGGER search_document_postings
    AFTER INSERT OR DELETE OR UPDATE OF title, summary, keywords, body, kind
    ON search_searchdocument FOR EACH ROW EXECUTE FUNCTION search_document_postings()
    """,
    """
    CREATE TRIGGER search_document_postings_truncate AFTER TRUNCATE ON search_searchdocument
    FOR EACH STATEMENT EXECUTE FUNCTION search_document_postings_truncate()
    """,
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS search_document_postings ON search_searchdocument",
    "DROP TRIGGER IF EXISTS search_document_postings_truncate ON search_searchdocument",
    "DROP FUNCTION IF EXISTS search_document_postings()",
    "DROP FUNCTION IF EXISTS search_document_postings_truncate()",
    "DROP TABLE IF EXISTS search_posting",
    "DROP TABLE IF EXISTS search_lexeme",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0004_bounded_search")]
    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
