"""The page tree's children index (dlhs/migrations/0012_page_children_index.py)."""

import pytest
from django.db import connection
from wagtail.models import Page


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
