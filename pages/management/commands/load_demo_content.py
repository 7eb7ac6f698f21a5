"""Build the demo site from the client's About page (filled in by the pages issue)."""

from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Build the department's demo content. Safe to run again: it changes nothing twice."

    def handle(self, *args, **options):
        self.stdout.write("Demo content: nothing to add yet.")
