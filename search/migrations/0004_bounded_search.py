"""PostgreSQL only: a small title/summary vector for tiered retrieval, and an optional RUM index.

``head_vector`` (title A, summary and keywords B) has its own GIN index: the first retrieval
tier ranks only these short vectors. When the ``rum`` extension is installed on the server
(Debian: ``postgresql-15-rum``) a RUM index on ``search_vector`` is added as well, so the
database can return the best matches in rank order straight from the index
(``ORDER BY search_vector <=> query LIMIT k``). Without it everything works on GIN; see
``search.pg_setup.ensure_rum`` to add it later.
"""

from django.db import migrations

HEAD = (
    "setweight(to_tsvector('dutch', coalesce({p}title, '')), 'A')"
    " || setweight(to_tsvector('dutch', left(coalesce({p}summary, ''), 4000) || ' '"
    " || coalesce({p}keywords, '')), 'B')"
)

FORWARD = [
    "ALTER TABLE search_searchdocument ADD COLUMN IF NOT EXISTS head_vector tsvector",
    f"""
    CREATE OR REPLACE FUNCTION search_document_derive() RETURNS trigger AS $$
    BEGIN
        NEW.search_vector :=
            setweight(to_tsvector('dutch', coalesce(NEW.title, '')), 'A')
            || setweight(to_tsvector('dutch', coalesce(NEW.summary, '') || ' '
                                              || coalesce(NEW.keywords, '')), 'B')
            || setweight(to_tsvector('dutch', left(coalesce(NEW.body, ''), 100000)), 'C');
        NEW.head_vector := {HEAD.format(p="NEW.")};
        NEW.access_tokens := coalesce(string_to_array(trim(both '|' from NEW.access), '|'), '{{}}');
        NEW.facet_tokens := coalesce(string_to_array(trim(both '|' from NEW.facets), '|'), '{{}}');
        RETURN NEW;
    END
    $$ LANGUAGE plpgsql
    """,
    f"UPDATE search_searchdocument SET head_vector = {HEAD.format(p='')}",
    "CREATE INDEX IF NOT EXISTS search_doc_head_gin ON search_searchdocument USING gin (head_vector)",
]

BACKWARD = [
    "DROP INDEX IF EXISTS search_doc_vector_rum",
    "DROP INDEX IF EXISTS search_doc_head_gin",
    "ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS head_vector",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in FORWARD:
        schema_editor.execute(statement)
    from search.pg_setup import ensure_rum

    ensure_rum(schema_editor.connection)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for statement in BACKWARD:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0003_seed_synonyms")]

    operations = [migrations.RunPython(forward, backward)]
