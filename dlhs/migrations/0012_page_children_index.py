"""An index for "the children of this page": Wagtail asks for depth = N and a path range.

Without it PostgreSQL and SQLite read the whole page table for the main menu on every page
(3 ms at 10,000 stories), as every page lies in the home page's path range. Wagtail's own
indexes are on the path alone. Wagtail does not declare this one, so it is made in SQL here;
tests/site/test_page_tree_index.py checks that it exists and that the menu uses it.
"""

from django.db import migrations

INDEX = "dlhs_page_children"


class Migration(migrations.Migration):
    dependencies = [
        ("dlhs", "0011_review_dates_for_live_pages"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path)",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
