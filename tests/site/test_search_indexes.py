"""The search's PostgreSQL indexes (dlhs/migrations/0013_search_indexes.py) serve the queries
Wagtail's database backend writes: if an upgrade changed their shape, these fail.

Each query is explained with sequential scans off, and nested-loop joins (for the match) or
hash and merge joins (for the join to pages) off too: without an index of the query's own
shape, PostgreSQL falls back to reading the whole table, which the plan shows.
"""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite searches through its FTS5 table"
    ),
]


@pytest.fixture
def full_text_queries(client, home):
    news = factories.NewsIndexPageFactory(parent=home)
    for number in range(3):
        factories.NewsPageFactory(parent=news, title=f"Learning story {number}")
    factories.NewsPageFactory(parent=news, title="Simulation news")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "learning"})
    assert response.status_code == 200
    found = [query["sql"] for query in queries if "@@" in query["sql"]]
    assert len(found) == 2  # the counts by kind, then the ranked page
    return found


def plan(sql, *settings):
    """The plan of ``sql`` with ``settings`` off, for this EXPLAIN only.

    Inside the test's transaction, SET LOCAL would outlive a released savepoint; rolling the
    savepoint back undoes it.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        for setting in ("enable_seqscan", *settings):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(f"EXPLAIN {sql}")
        transaction.set_rollback(True)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_matches_are_found_through_the_index_of_title_and_body(full_text_queries):
    for sql in full_text_queries:
        assert '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@' in sql
        assert "Bitmap Index Scan on dlhs_search_title_body" in plan(sql, "enable_nestloop")


def test_each_match_finds_its_page_through_the_index_of_its_id_as_text(full_text_queries):
    ranked = full_text_queries[1]
    assert '"wagtailcore_page"."id")::varchar(50)' in ranked

    explained = plan(ranked, "enable_hashjoin", "enable_mergejoin")

    assert "Index Scan using dlhs_page_id_as_text on wagtailcore_page" in explained
