"""The department's calendar: lectures, seminars, webinars, defences, sessions and reunions.

Editors keep three vocabularies as snippets (kinds, audiences and series), publish each event
as an EventPage under the one EventIndexPage (/events/), and give a series with a fixed
rhythm (the LHS Collaboratory's monthly session) a recurring schedule entered once.
"""

import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from dlhs.editorial import SectionIndexPage
from dlhs.fields import optional_reference
from dlhs.images import image_field
from dlhs.pagetree import PlacedByParent
from events import accessibility, calendar, schedule
from events.blocks import EventStreamBlock

TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
TIME_ZONE_CHOICES = [
    (name, name.replace("_", " "))
    for name in (
        "America/Detroit",
        "America/Chicago",
        "America/Denver",
        "America/Los_Angeles",
        "America/Phoenix",
        "Pacific/Honolulu",
        "Europe/London",
        "Europe/Berlin",
        "Asia/Tokyo",
        "Australia/Sydney",
        "UTC",
    )
]
DEFAULT_TIME_ZONE = "America/Detroit"


class Vocabulary(models.Model):
    """A name editors choose from, with the slug the calendar's filters use."""

    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="Used in addresses such as /events/?kind=webinar. Changing it breaks links "
        "to the old address.",
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name


class EventKind(Vocabulary):
    """What kind of event it is: lecture, seminar, webinar, defence, information session…"""


class EventAudience(Vocabulary):
    """Who an event is for: the public, students, alumni, faculty and staff…"""


class EventSeries(ClusterableModel):
    """Events that belong together (the Hiss Lectureship, the LHS Collaboratory), maybe with
    a recurring schedule: "second Tuesday of each month, 12:00–13:00", with exceptions."""

    WEEKLY, MONTHLY = "weekly", "monthly"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Used in addresses: /events/series/<slug>/."
    )
    description = models.TextField(blank=True, help_text="A sentence or two about the series.")
    kind = optional_reference(EventKind, help_text="The kind of its recurring sessions.")
    time_zone = models.CharField(
        max_length=40, choices=TIME_ZONE_CHOICES, default=DEFAULT_TIME_ZONE
    )
    frequency = models.CharField(
        max_length=10,
        blank=True,
        choices=[(WEEKLY, "Every week"), (MONTHLY, "Every month")],
        help_text="Leave empty for a series without a fixed rhythm (its events are pages).",
    )
    interval = models.PositiveSmallIntegerField(
        default=1, help_text="2 for every other week or month."
    )
    weekday = models.PositiveSmallIntegerField(
        null=True, blank=True, choices=list(enumerate(schedule.WEEKDAY_NAMES))
    )
    week_of_month = models.SmallIntegerField(
        null=True,
        blank=True,
        choices=[(1, "First"), (2, "Second"), (3, "Third"), (4, "Fourth"), (-1, "Last")],
        help_text="For a monthly series: which of the month's weekdays.",
    )
    first_date = models.DateField(null=True, blank=True, help_text="The first session.")
    last_date = models.DateField(null=True, blank=True, help_text="No session after this day.")
    start_time = models.TimeField(null=True, blank=True)
    end_time = models.TimeField(null=True, blank=True)
    place = models.CharField(max_length=255, blank=True, help_text="Where sessions take place.")
    join_url = models.URLField(blank=True, help_text="The video-call link of the sessions.")
    # Grows with each change, so calendar programs replace their copy of the schedule.
    sequence = models.PositiveIntegerField(default=0, editable=False)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("frequency"), FieldPanel("interval")]),
                FieldRowPanel([FieldPanel("week_of_month"), FieldPanel("weekday")]),
                FieldRowPanel([FieldPanel("first_date"), FieldPanel("last_date")]),
                FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
                FieldPanel("time_zone"),
                FieldPanel("place"),
                FieldPanel("join_url"),
            ],
            heading="Recurring schedule",
        ),
        InlinePanel(
            "schedule_changes",
            heading="Exceptions and one-off changes",
            label="Change",
            help_text="A session that does not take place, or takes place on another day or "
            "at another time.",
        ),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "event series"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.pk:
            self.sequence += 1
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        errors = schedule.schedule_errors(self)
        if errors:
            raise ValidationError(errors)

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def is_recurring(self):
        return bool(self.frequency and self.first_date and self.start_time)

    def describe_schedule(self):
        return schedule.describe(self)

    def occurrences(self, after=None, limit=None):
        return schedule.occurrences(self, after=after, limit=limit)


class SeriesScheduleChange(Orderable):
    """One session of a recurring series that is cancelled, moved or retimed."""

    series = ParentalKey(EventSeries, on_delete=models.CASCADE, related_name="schedule_changes")
    original_date = models.DateField(help_text="The day the session was due by the schedule.")
    cancelled = models.BooleanField(default=False, help_text="No session that day.")
    new_date = models.DateField(null=True, blank=True, help_text="Empty: the same day.")
    new_start_time = models.TimeField(null=True, blank=True)
    new_end_time = models.TimeField(null=True, blank=True)
    note = models.CharField(max_length=255, blank=True, help_text="Shown beside the session.")

    panels = [
        FieldRowPanel([FieldPanel("original_date"), FieldPanel("cancelled")]),
        FieldRowPanel(
            [FieldPanel("new_date"), FieldPanel("new_start_time"), FieldPanel("new_end_time")]
        ),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        unique_together = [("series", "original_date")]


class EventPageQuerySet(PageQuerySet):
    def for_listing(self):
        """Live, public events with what a card shows fetched up front (constant queries)."""
        return (
            self.live()
            .public()
            .select_related("kind", "series", "image")
            .prefetch_related("audiences", "image__renditions")
        )

    def upcoming(self, now=None):
        """Events not yet over, soonest first."""
        now = now or timezone.now()
        return self.for_listing().filter(ends_at__gte=now).order_by("starts_at", "pk")

    def past(self, now=None):
        """Events that are over, latest first."""
        now = now or timezone.now()
        return self.for_listing().filter(ends_at__lt=now).order_by("-starts_at", "-pk")

    def in_academic_year(self, year):
        """Events starting in the academic year ``year``–``year + 1`` (July to June)."""
        start, end = schedule.academic_year_bounds(year)
        return self.filter(starts_at__gte=start, starts_at__lt=end)

    def announced_since(self, moment):
        """Events first published at or after ``moment``, newest announcement first."""
        return (
            self.for_listing()
            .filter(first_published_at__gte=moment)
            .order_by("-first_published_at", "-pk")
        )


EventPageManager = PageManager.from_queryset(EventPageQuerySet)


class EventPage(PlacedByParent, RoutablePageMixin, Page):
    """One event of the calendar: when, where, for whom, who speaks, and afterwards its
    recording (with a transcript) and slides.

    Published under the calendar, or under a page that lists it in its ``subpage_types``
    (the lectureship holds its lectures), so an older address keeps working.
    """

    serve_select_related = ("kind", "series", "image")  # read with the page (dlhs/routing.py)

    SCHEDULED, CANCELLED, POSTPONED = "scheduled", "cancelled", "postponed"
    MOVED_ONLINE, RESCHEDULED = "moved_online", "rescheduled"
    STATUS_CHOICES = [
        (SCHEDULED, "Scheduled"),
        (CANCELLED, "Cancelled"),
        (POSTPONED, "Postponed"),
        (MOVED_ONLINE, "Moved online"),
        (RESCHEDULED, "Rescheduled"),
    ]
    IN_PERSON, ONLINE, HYBRID = "in_person", "online", "hybrid"
    ATTENDANCE_CHOICES = [
        (IN_PERSON, "In person"),
        (ONLINE, "Online"),
        (HYBRID, "In person and online"),
    ]

    kind = models.ForeignKey(
        EventKind,
        on_delete=models.PROTECT,
        related_name="events",
        help_text="Add kinds under Snippets › Event kinds.",
    )
    series = optional_reference(
        EventSeries, related_name="events", help_text="The series it belongs to, if any."
    )
    audiences = ParentalManyToManyField(
        EventAudience, blank=True, related_name="events", help_text="Who the event is for."
    )
    start_date = models.DateField()
    start_time = models.TimeField(null=True, blank=True, help_text="Empty for all day.")
    end_date = models.DateField(null=True, blank=True, help_text="Empty: the same day.")
    end_time = models.TimeField(
        null=True, blank=True, help_text="Empty: 90 minutes after the start."
    )
    all_day = models.BooleanField(default=False)
    time_zone = models.CharField(
        max_length=40, choices=TIME_ZONE_CHOICES, default=DEFAULT_TIME_ZONE
    )
    # Derived from the fields above on save, so listings can sort and filter in the database.
    starts_at = models.DateTimeField(editable=False, db_index=True)
    ends_at = models.DateTimeField(editable=False, db_index=True)

    attendance = models.CharField(max_length=12, choices=ATTENDANCE_CHOICES, default=IN_PERSON)
    place = models.CharField(max_length=255, blank=True, help_text="e.g. Taubman Library")
    address = models.TextField(blank=True)
    room = models.CharField(max_length=120, blank=True)
    join_url = models.URLField(
        "join link", blank=True, help_text="Shown on the page only until the event ends."
    )
    registration_url = models.URLField("registration link", blank=True)
    no_registration_needed = models.BooleanField(default=False)

    summary = models.TextField(
        max_length=600, help_text="Two or three sentences for listings, feeds and calendars."
    )
    body = StreamField(EventStreamBlock(), blank=True, help_text="The abstract and details.")
    image = image_field("A picture for the page and its card (cropped to 3:2).")

    status = models.CharField(
        max_length=14,
        choices=STATUS_CHOICES,
        default=SCHEDULED,
        help_text="Postponed: the new date is not known yet. Rescheduled: publish the event "
        "again with its new date and link it below; the old page shows where it went.",
    )
    status_note = models.CharField(
        max_length=255, blank=True, help_text="Shown with the status, e.g. why and what next."
    )
    rescheduled_to = optional_reference(
        "self", help_text="For a rescheduled event: the event page with the new date."
    )

    recording_url = models.URLField(
        blank=True, help_text="A recording on YouTube, Vimeo or Kaltura (needs a transcript)."
    )
    recording_file = optional_reference(
        "wagtaildocs.Document",
        help_text="An uploaded MP4 or WebM video (needs a transcript and WebVTT captions).",
    )
    captions = optional_reference(
        "wagtaildocs.Document", help_text="The WebVTT (.vtt) captions of the uploaded video."
    )
    transcript = RichTextField(blank=True, features=TEXT_FEATURES)

    # Grows with each publication: calendar programs replace their copy of the event.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # The UID an older calendar file gave the event ("lecture-12"), kept so subscribers'
    # calendars update their copy instead of adding a second one. Empty for new events.
    legacy_calendar_uid = models.CharField(max_length=80, blank=True, editable=False)

    objects = EventPageManager()

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("kind"), FieldPanel("series")]),
                FieldPanel("audiences", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Filing",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
                FieldRowPanel([FieldPanel("all_day"), FieldPanel("time_zone")]),
            ],
            heading="When",
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance"),
                FieldRowPanel([FieldPanel("place"), FieldPanel("room")]),
                FieldPanel("address"),
                FieldPanel("join_url"),
                FieldRowPanel(
                    [FieldPanel("registration_url"), FieldPanel("no_registration_needed")]
                ),
            ],
            heading="Where and how to attend",
        ),
        MultiFieldPanel(
            [
                FieldPanel("status"),
                FieldPanel("status_note"),
                PageChooserPanel("rescheduled_to", "events.EventPage"),
            ],
            heading="Status",
        ),
        InlinePanel("speakers", heading="Speakers", label="Speaker"),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("recording_url"),
                FieldRowPanel([FieldPanel("recording_file"), FieldPanel("captions")]),
                FieldPanel("transcript"),
            ],
            heading="Recording",
            help_text="A recording is shown only with its transcript; an uploaded video only "
            "with WebVTT captions too.",
        ),
        InlinePanel("documents", heading="Slides and handouts", label="Document"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("transcript"),
        index.RelatedFields("kind", [index.SearchField("name")]),
        index.RelatedFields("series", [index.SearchField("name")]),
        index.RelatedFields(
            "speakers", [index.SearchField("name"), index.SearchField("affiliation")]
        ),
        index.FilterField("starts_at"),
    ]

    subpage_types = []

    class Meta:
        verbose_name = "event"

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date:
            if self.end_date and self.end_date < self.start_date:
                errors["end_date"] = "The event must end on or after the day it starts."
            elif (
                not self.all_day
                and (self.end_date or self.start_date) == self.start_date
                and self.start_time
                and self.end_time
                and self.end_time <= self.start_time
            ):
                errors["end_time"] = "The event must end after it starts."
        if not self.all_day and not self.start_time:
            errors["start_time"] = "Give a start time, or tick “all day”."
        if self.attendance in (self.IN_PERSON, self.HYBRID) and not (self.place or self.address):
            errors["place"] = "Say where the event takes place."
        if self.status == self.RESCHEDULED and not self.rescheduled_to_id:
            errors["rescheduled_to"] = "Link the event page with the new date."
        if self.registration_url and self.no_registration_needed:
            errors["no_registration_needed"] = "Give a registration link or tick this, not both."
        problems = accessibility.recording_problems(self)
        if problems:
            errors["transcript"] = problems
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.starts_at, self.ends_at = schedule.event_bounds(self)
        super().save(*args, **kwargs)

    def with_content_json(self, content):
        # A revision's copy of the sequence is older than the page's: publishing an old
        # revision must not make calendars take the event for an earlier version.
        obj = super().with_content_json(content)
        stored = EventPage.objects.filter(pk=self.pk).values_list("sequence", flat=True)
        obj.sequence = stored.first() or self.sequence
        return obj

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.tz)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.tz)

    @property
    def is_over(self):
        return self.ends_at < timezone.now()

    @property
    def is_cancelled(self):
        return self.status == self.CANCELLED

    @property
    def is_online(self):
        return self.attendance in (self.ONLINE, self.HYBRID) or self.status == self.MOVED_ONLINE

    @property
    def is_in_person(self):
        return self.attendance in (self.IN_PERSON, self.HYBRID) and self.status != self.MOVED_ONLINE

    @property
    def show_join_link(self):
        return bool(self.join_url) and self.is_online and not self.is_cancelled and not self.is_over

    @property
    def has_recording(self):
        return bool(self.recording_url or self.recording_file_id)

    @property
    def show_recording(self):
        return self.has_recording and not accessibility.recording_problems(self)

    @property
    def location_text(self):
        parts = [self.room, self.place, " ".join(self.address.split())] if self.is_in_person else []
        return ", ".join(part for part in parts if part)

    @property
    def time_zone_label(self):
        if "/" not in self.time_zone:
            return self.time_zone
        return f"{self.time_zone.rsplit('/', 1)[1].replace('_', ' ')} time"

    @property
    def share_image(self):
        return self.image

    def structured_data(self, request):
        from events import schema

        return schema.event(self, request)

    def calendar_page(self):
        """The calendar (/events/) of the event's site, or None when there is none."""
        parent = self.get_parent().specific_deferred
        if isinstance(parent, EventIndexPage):
            return parent
        site_root_path = self.path[: self.steplen * 2]
        return EventIndexPage.objects.live().filter(path__startswith=site_root_path).first()

    def get_context(self, request, *args, **kwargs):
        from events.views import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self, request))
        return context

    @path("calendar/", name="calendar")
    def calendar_file(self, request):
        return calendar.calendar_response(
            calendar.events_calendar(self.title, [self], request), self.slug
        )


class EventSpeaker(Orderable):
    """Who speaks: a person with a profile on this site, or a named guest."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="speakers")
    person = optional_reference(
        "people.PersonPage",
        related_name="event_appearances",
        help_text="Someone with a profile on this site.",
    )
    name = models.CharField(max_length=255, blank=True, help_text="For a guest: their name.")
    affiliation = models.CharField(max_length=255, blank=True, help_text="e.g. Their university.")
    role = models.CharField(max_length=60, blank=True, help_text="e.g. Moderator. Empty: speaker.")

    panels = [
        PageChooserPanel("person", "people.PersonPage"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("affiliation")]),
        FieldPanel("role"),
    ]

    def clean(self):
        super().clean()
        if not self.person_id and not self.name:
            raise ValidationError({"name": "Choose a person or give the guest's name."})

    @property
    def display_name(self):
        return self.name or (self.person.title if self.person_id else "")


class EventDocument(Orderable):
    """Slides, handouts or a reading list for an event."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    label = models.CharField(max_length=120, blank=True, help_text="e.g. Slides. Empty: its title.")

    panels = [FieldPanel("document"), FieldPanel("label")]


class EventIndexPage(SectionIndexPage, PlacedByParent, RoutablePageMixin, Page):
    """The calendar at /events/: upcoming events first, filters by kind, series and
    audience, past events by academic year, and calendar subscriptions and feeds.

    Events are published under it; series, kinds and audiences are snippets.
    """

    intro = models.TextField(
        blank=True, help_text="A sentence under the title of the calendar; also its summary."
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    max_count = 1
    subpage_types = ["events.EventPage"]

    events_per_page = 20
    feed_length = 20

    class Meta:
        verbose_name = "event calendar"

    def events(self):
        """The live, public events of this calendar's site, with what their cards show:
        those published under it and those under another page (the lectureship's)."""
        site_root_path = self.path[: self.steplen * 2]
        return EventPage.objects.filter(path__startswith=site_root_path).for_listing()

    def get_context(self, request, *args, **kwargs):
        from events.views import calendar_context

        context = super().get_context(request, *args, **kwargs)
        context.update(calendar_context(self, request))
        return context

    @path("calendar/", name="calendar")
    def calendar_file(self, request):
        from events.views import whole_calendar

        return whole_calendar(self, request)

    @path("kind/<slug:slug>/calendar/", name="kind_calendar")
    def kind_calendar(self, request, slug):
        from events.views import kind_calendar

        return kind_calendar(self, request, slug)

    @path("series/<slug:slug>/", name="series")
    def series_page(self, request, slug):
        from events.views import series_page

        return series_page(self, request, slug)

    @path("series/<slug:slug>/calendar/", name="series_calendar")
    def series_calendar(self, request, slug):
        from events.views import series_calendar

        return series_calendar(self, request, slug)

    @path("feed/rss/", name="rss_feed")
    def rss_feed(self, request):
        from events.feeds import AnnouncedEventsRssFeed

        return AnnouncedEventsRssFeed(self)(request)

    @path("feed/atom/", name="atom_feed")
    def atom_feed(self, request):
        from events.feeds import AnnouncedEventsAtomFeed

        return AnnouncedEventsAtomFeed(self)(request)

    @property
    def summary(self):
        return self.search_description or self.intro

    def get_sitemap_urls(self, request=None):
        """The calendar, and the page of every series that has live events in it."""
        entries = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        series = EventSeries.objects.filter(events__in=self.events().values("pk")).distinct()
        for slug in series.values_list("slug", flat=True):
            entries.append(
                {"location": base + self.reverse_subpage("series", kwargs={"slug": slug})}
            )
        return entries
