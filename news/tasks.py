"""The news app's background tasks: fetching story sources, telling alumni their news is out."""

from dlhs.background import retried
from news.imports import import_source
from news.models import StorySource, StorySourceRun


class StoryImportFailed(Exception):
    """A run that could not fetch or read its feed; raised so that Reports › Background tasks
    lists it as failed with the reason."""


# One attempt: the hourly job tries a failed source again, after its interval.
@retried(attempts=1)
def import_story_source(source_id):
    """Fetch one source now and import its new items; the run's summary."""
    source = StorySource.objects.filter(pk=source_id).first()
    if source is None:
        return "source deleted"
    run = import_source(source)
    summary = f"{source.name}: {run.summary()}"
    if run.outcome == StorySourceRun.Outcome.FAILED:
        raise StoryImportFailed(summary)
    return summary


@retried(attempts=3)
def fetch_due_story_sources():
    """Enqueue a fetch of every active source whose interval has passed (hourly)."""
    due = list(StorySource.objects.due().values_list("pk", flat=True))
    for source_id in due:
        import_story_source.enqueue(source_id)
    return f"{len(due)} source(s) due"
