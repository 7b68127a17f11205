"""PostgreSQL only: weighted Dutch tsvector, token arrays, GIN and trigram indexes, trigger.

The columns are not Django fields: a trigger fills them from the portable columns, so every
write path (ORM saves, bulk inserts) keeps them right. Other databases skip this migration.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "ALTER TABLE search_searchdocument ADD COLUMN search_vector tsvector",
    "ALTER TABLE search_searchdocument ADD COLUMN access_tokens text[] NOT NULL DEFAULT '{}'",
    "ALTER TABLE search_searchdocument ADD COLUMN facet_tokens text[] NOT NULL DEFAULT '{}'",
    """
    CREATE OR REPLACE FUNCTION search_document_derive() RETURNS trigger AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('dutch', coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector('dutch', coalesce(NEW.summary, '') || ' '
                                              || coalesce(NEW.keywords, '')), 'B')
            || setweight(to_tsvector('dutch', left(coalesce(NEW.body, ''), 100000)), 'C');
        NEW.access_tokens := coalesce(string_to_array(trim(both '|' from NEW.access), '|'), '{}');
        NEW.facet_tokens := coalesce(string_to_array(trim(both '|' from NEW.facets), '|'), '{}');
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    """
    CREATE TRIGGER search_document_derive BEFORE INSERT OR UPDATE OF
        title, summary, keywords, body, access, facets
    ON search_searchdocument FOR EACH ROW EXECUTE FUNCTION search_document_derive()
    """,
    "CREATE INDEX search_doc_vector_gin ON search_searchdocument USING gin (search_vector)",
    "CREATE INDEX search_doc_access_gin ON search_searchdocument USING gin (access_tokens)",
    "CREATE INDEX search_doc_facets_gin ON search_searchdocument USING gin (facet_tokens)",
    "CREATE INDEX search_doc_title_trgm ON search_searchdocument USING gin (title_folded gin_trgm_ops)",
    "CREATE INDEX search_term_trgm ON search_searchterm USING gin (term gin_trgm_ops)",
]

BACKWARD = [
    "DROP TRIGGER IF EXISTS search_document_derive ON search_searchdocument",
    "DROP FUNCTION IF EXISTS search_document_derive()",
    "DROP INDEX IF EXISTS search_term_trgm",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS search_vector",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS access_tokens",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS facet_tokens",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(_run(FORWARD), _run(BACKWARD))]
