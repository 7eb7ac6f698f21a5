"""Check every link in published content once, in the foreground, and print a summary."""

from django.core.management.base import BaseCommand

from dlhs.link_check import check_links


class Command(BaseCommand):
    help = (
        "Check every link in published content now (the weekly background job does the same) "
        "and update Reports → Broken links."
    )

    def handle(self, *args, **options):
        summary = check_links()
        self.stdout.write(str(summary))
