"""The page tree's indexes: the children of a page (dlhs/migrations/0012_page_children_index.py)
and the live pages of a section (0014_live_children_index.py)."""

import pytest
from django.db import connection
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
    children, and the index holds just what that match reads (depth, path, id, live pages
    only), so that PostgreSQL can answer it from the index alone.

    Whether the planner does so depends on the table's visibility map, which only VACUUM
    sets and a test's transaction cannot run, so the index's shape is checked instead of a
    plan (in the bench database both counts run as index-only scans on it)."""
    settings.PAGE_CACHE_SECONDS = 0  # no fragment cache: the facets are counted
    news = factories.NewsIndexPageFactory(parent=home)
    factories.NewsPageFactory(parent=news)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(news.url).status_code == 200
    counts = [query["sql"] for query in queries if "GROUP BY" in query["sql"]]
    assert len(counts) == 2  # the tags, then categories, years and the listing's length
    for sql in counts:
        assert all(part in sql for part in LIVE_CHILD_MATCH), sql

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'dlhs_page_live_children'"
        )
        found = cursor.fetchone()
    assert found, "no index dlhs_page_live_children"
    assert found[0].endswith(
        "ON public.wagtailcore_page USING btree (depth, path varchar_pattern_ops) "
        "INCLUDE (id) WHERE live"
    )
