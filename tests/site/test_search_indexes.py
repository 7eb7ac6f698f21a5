"""The search's PostgreSQL indexes (dlhs/migrations/0013_search_indexes.py) match the
expressions Wagtail's database backend writes: if an upgrade changed their shape, these fail.

Each test finds the expression in the full-text queries of a real search, then explains a
query on that expression alone with sequential and plain index scans off. A bitmap scan needs
an index whose expression is the query's, so the plan names the index only if it matches;
without it PostgreSQL falls back to reading the table. (Explaining Wagtail's whole queries
instead depends on the test database's statistics: the planner may reach the entries through
another index.)
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

MATCH = '("wagtailsearch_indexentry"."title" || "wagtailsearch_indexentry"."body") @@'
PAGE_ID_AS_TEXT = '("wagtailcore_page"."id")::varchar(50)'


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


def plan(sql):
    """The plan of ``sql`` when only a bitmap scan can avoid reading a whole table.

    Inside the test's transaction, SET LOCAL would outlive a released savepoint; rolling the
    savepoint back undoes it.
    """
    with transaction.atomic(), connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_indexscan", "enable_indexonlyscan"):
            cursor.execute(f"SET LOCAL {setting} = off")
        cursor.execute(f"EXPLAIN {sql}")
        transaction.set_rollback(True)
        return "\n".join(row[0] for row in cursor.fetchall())


def test_matches_are_found_through_the_index_of_title_and_body(full_text_queries):
    for sql in full_text_queries:
        assert MATCH in sql

    explained = plan(f"SELECT 1 FROM wagtailsearch_indexentry WHERE {MATCH} to_tsquery('learning')")

    assert "Bitmap Index Scan on dlhs_search_title_body" in explained


def test_each_match_finds_its_page_through_the_index_of_its_id_as_text(full_text_queries):
    for sql in full_text_queries:
        assert f'"wagtailsearch_indexentry"."object_id" = {PAGE_ID_AS_TEXT}' in sql

    explained = plan(f"SELECT 1 FROM wagtailcore_page WHERE {PAGE_ID_AS_TEXT} = '1'")

    assert "Bitmap Index Scan on dlhs_page_id_as_text" in explained
