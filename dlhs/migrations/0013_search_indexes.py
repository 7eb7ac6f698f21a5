"""Two PostgreSQL indexes for the site search's full-text queries (Wagtail's database backend).

Searching every field, the backend matches ``(title || body) @@ query`` on its index entries:
Wagtail indexes ``title`` and ``body`` apart, so every search read and concatenated the
vectors of the whole table (~20 ms CPU per query at 10,000 stories, twice per search: the
count and the ranked page). The entries join the pages on ``page.id::varchar(50) =
object_id`` (a generic relation); with the matches found through an index, PostgreSQL walks
the best-ranked entries and needs each one's page by that expression.

At 10,000 stories, "learning" (5,100 matches): the ranked page 65 → 21 ms, the count
32 → 13 ms. SQLite searches through its own FTS5 table, so the indexes are PostgreSQL's only.
tests/site/test_search_indexes.py checks that the queries Wagtail writes use them.
"""

from django.db import migrations

INDEXES = {
    "dlhs_search_title_body": "wagtailsearch_indexentry USING gin ((title || body))",
    "dlhs_page_id_as_text": "wagtailcore_page ((id::varchar(50)))",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, target in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("dlhs", "0012_page_children_index"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
