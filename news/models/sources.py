"""Feeds that stories are imported from (Health Lab, Medical School News), their runs, and the
record of every feed item ever imported (news/imports.py does the importing)."""

from datetime import timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from taggit.utils import parse_tags
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

from news.models.stories import NewsCategory, NewsPage
from news.panels import StorySourceRunsPanel


class StorySourceQuerySet(models.QuerySet):
    def due(self, now=None):
        """Active sources never fetched, or last fetched at least their interval ago."""
        now = now or timezone.now()
        due = [
            source.pk
            for source in self.filter(active=True).only("pk", "fetch_interval_hours", "fetched_at")
            if source.is_due(now)
        ]
        return self.filter(pk__in=due)


class StorySource(models.Model):
    """An RSS or Atom feed whose items become stories of one category.

    The scheduler fetches each active source every ``fetch_interval_hours``; new items become
    drafts submitted to moderation unless the source publishes at once.
    """

    name = models.CharField(
        max_length=120,
        unique=True,
        help_text="The site's name, e.g. Health Lab: imported stories say they were first "
        "published there.",
    )
    feed_url = models.URLField(
        "feed address", max_length=500, help_text="The address of its RSS 2.0 or Atom feed."
    )
    category = models.ForeignKey(
        NewsCategory,
        on_delete=models.PROTECT,
        related_name="story_sources",
        help_text="The news category its stories get.",
    )
    active = models.BooleanField(
        default=True, help_text="Fetched by the scheduler. Untick to pause the source."
    )
    keywords = models.CharField(
        max_length=500,
        blank=True,
        help_text="Comma-separated: an item is taken only when its title, summary or "
        "categories contain one of them. Leave empty to take every item.",
    )
    tags = models.CharField(
        "tags to add",
        max_length=500,
        blank=True,
        help_text="Comma-separated tags every imported story gets, e.g. research, Health Lab.",
    )
    publish_immediately = models.BooleanField(
        "publish new stories at once",
        default=False,
        help_text="Unticked (the default), new stories are drafts submitted to moderation.",
    )
    fetch_interval_hours = models.PositiveSmallIntegerField(
        "fetch every (hours)",
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 7)],
    )
    # What the feed's server said last time, sent back so that it may answer 304.
    etag = models.CharField(max_length=255, blank=True, editable=False)
    last_modified = models.CharField(max_length=255, blank=True, editable=False)
    fetched_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = StorySourceQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("category")]),
        FieldPanel("feed_url"),
        MultiFieldPanel(
            [FieldPanel("keywords"), FieldPanel("tags"), FieldPanel("publish_immediately")],
            heading="What is imported",
        ),
        FieldRowPanel([FieldPanel("active"), FieldPanel("fetch_interval_hours")]),
        StorySourceRunsPanel(heading="Last runs"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = "story source"

    def __str__(self):
        return self.name

    def is_due(self, now=None):
        if self.fetched_at is None:
            return True
        now = now or timezone.now()
        # A few minutes' grace, so an hourly job is not a minute late for an hourly source.
        return self.fetched_at + timedelta(hours=self.fetch_interval_hours, minutes=-5) <= now

    def keyword_list(self):
        return [word.strip().casefold() for word in self.keywords.split(",") if word.strip()]

    def tag_list(self):
        return parse_tags(self.tags)

    def recent_runs(self, count=10):
        return self.runs.order_by("-started_at", "-pk")[:count]


class StorySourceRun(models.Model):
    """One fetch of a source: what it brought in and, when it failed, why."""

    class Outcome(models.TextChoices):
        IMPORTED = "imported", "Fetched"
        NOT_MODIFIED = "not_modified", "Unchanged since last fetch"
        FAILED = "failed", "Failed"

    source = models.ForeignKey(StorySource, on_delete=models.CASCADE, related_name="runs")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, default=Outcome.FAILED)
    new_count = models.PositiveIntegerField("new", default=0)
    known_count = models.PositiveIntegerField("skipped as known", default=0)
    unmatched_count = models.PositiveIntegerField("skipped as not matching", default=0)
    failed_count = models.PositiveIntegerField("failed", default=0)
    messages = models.TextField(blank=True, help_text="Why the run or single items failed.")

    class Meta:
        ordering = ["-started_at", "-pk"]
        indexes = [models.Index(fields=["source", "-started_at"])]

    def __str__(self):
        return f"{self.source}: {self.summary()}"

    def summary(self):
        if self.outcome == self.Outcome.NOT_MODIFIED:
            return "unchanged since the last fetch (304)"
        counts = (
            f"{self.new_count} new, {self.known_count} skipped as known, "
            f"{self.unmatched_count} skipped as not matching, {self.failed_count} failed"
        )
        if self.outcome == self.Outcome.FAILED:
            first = self.messages.splitlines()[0] if self.messages else "unknown reason"
            return f"failed: {first}"
        return counts


class ImportedFeedItemQuerySet(models.QuerySet):
    def matching(self, source, guid, link):
        """The record of the item with this guid or this link, if the source had it before."""
        match = Q()
        if guid:
            match |= Q(guid=guid)
        if link:
            match |= Q(link=link)
        if not match:
            return self.none()
        return self.filter(match, source=source)


class ImportedFeedItem(models.Model):
    """A feed item a source turned into a story. It outlives the story: an item whose story an
    editor deleted is recognised, and not imported again."""

    source = models.ForeignKey(StorySource, on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(max_length=500, blank=True)
    link = models.URLField(max_length=500, blank=True)
    title = models.CharField(max_length=255)
    story = models.OneToOneField(
        NewsPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imported_from",
    )
    imported_at = models.DateTimeField(default=timezone.now)

    objects = ImportedFeedItemQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["source", "guid"]),
            models.Index(fields=["source", "link"]),
        ]

    def __str__(self):
        return self.title
