"""manage.py import_stories [--source ID]: fetch story sources now, in the foreground."""

from django.core.management.base import BaseCommand, CommandError

from news.imports import import_source
from news.models import StorySource, StorySourceRun


class Command(BaseCommand):
    help = (
        "Fetch every active story source (or the one given, active or not) now and import its "
        "new items; prints one line per source."
    )

    def add_arguments(self, parser):
        parser.add_argument("--source", type=int, metavar="ID", help="only this source's id")

    def handle(self, *args, source=None, **options):
        if source is not None:
            sources = StorySource.objects.filter(pk=source)
            if not sources:
                raise CommandError(f"No story source has the id {source}.")
        else:
            sources = StorySource.objects.filter(active=True)
        failed = 0
        for story_source in sources:
            run = import_source(story_source)
            failed += run.outcome == StorySourceRun.Outcome.FAILED
            self.stdout.write(f"{story_source.name} (#{story_source.pk}): {run.summary()}")
        if not sources:
            self.stdout.write("No active story sources.")
        if failed:
            raise CommandError(f"{failed} source(s) failed.")
