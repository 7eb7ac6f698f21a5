"""Every live page gets a responsible person (its owner in Wagtail) and a review date 12
months after it was last published; pages not published for a year are due at once."""

from dateutil.relativedelta import relativedelta
from django.db import migrations
from django.utils import timezone


def start_reviews(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    PageReview = apps.get_model("dlhs", "PageReview")
    reviews = [
        PageReview(
            page_id=page.pk,
            owner_id=page.owner_id,
            review_by=timezone.localdate(page.last_published_at or timezone.now())
            + relativedelta(months=12),
        )
        for page in Page.objects.filter(live=True, depth__gt=1).only(
            "pk", "owner_id", "last_published_at"
        )
    ]
    PageReview.objects.bulk_create(reviews, batch_size=500, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("dlhs", "0010_page_review_and_broken_links"),
    ]

    operations = [migrations.RunPython(start_reviews, migrations.RunPython.noop)]
