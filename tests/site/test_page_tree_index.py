"""The page tree's indexes: the children of a page (dlhs/migrations/0012_page_children_index.py)
and the live pages of a section (0014_live_children_index.py)."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from tests import factories


@pytest.mark.django_db
def test_the_children_of_a_page_are_read_through_an_index():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "wagtailcore_page")

    assert constraints["dlhs_page_children"]["columns"] == ["depth", "path"]
    # The shape of the query the index serves: Wagtail's children are depth = N and a path
    # range; every page of the site is in the home page's range, so the range alone reads
    # the whole table.
    sql = str(Page.objects.get(depth=1).get_children().query)
    assert '"wagtailcore_page"."depth" = 2' in sql
    assert '"wagtailcore_page"."path" BETWEEN' in sql


LIVE_CHILD_MATCH = ('"path"::text LIKE', '"depth" = ', '"live"')


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the index is PostgreSQL's only")
def test_the_news_facets_count_live_pages_through_an_index_of_their_own(client, home, settings):
    """dlhs/migrations/0014_live_children_index.py: both facet counts match a section's live
    children, and with the table and bitmap reads off the match is answered from this index
    alone. No other index can answer it so (they lack the page's id or its live flag, and
    only pattern ops turn LIKE 'prefix%' into a range): without it the plan names another."""
    settings.PAGE_CACHE_SECONDS = 0  # no fragment cache: the facets are counted
    news = factories.NewsIndexPageFactory(parent=home)
    factories.NewsPageFactory(parent=news)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(news.url).status_code == 200
    counts = [query["sql"] for query in queries if "GROUP BY" in query["sql"]]
    assert len(counts) == 2  # the tags, then categories, years and the listing's length
    for sql in counts:
        assert all(part in sql for part in LIVE_CHILD_MATCH), sql

    with transaction.atomic(), connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_bitmapscan"):
            cursor.execute(f"SET LOCAL {setting} = off")  # undone with the savepoint below
        cursor.execute(
            "EXPLAIN SELECT id FROM wagtailcore_page WHERE live AND depth = %s AND path LIKE %s",
            [news.depth + 1, f"{news.path}%"],
        )
        explained = "\n".join(row[0] for row in cursor.fetchall())
        transaction.set_rollback(True)

    assert "Index Only Scan using dlhs_page_live_children" in explained
    assert "path ~>=~" in explained  # the section's path prefix, as a range of the index
