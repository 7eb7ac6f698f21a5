"""The Roland (Red) Hiss Lectureship and its lectures, each with a calendar file."""

import datetime
import itertools
import zoneinfo

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from dlhs.fields import optional_reference
from dlhs.images import image_field
from dlhs.links import link_address
from events.models import TIME_ZONE_CHOICES
from pages import calendar, schema
from pages.models.base import INLINE_FEATURES, TEXT_FEATURES, DepartmentPage


class LectureshipPage(RoutablePageMixin, DepartmentPage):
    """The Roland (Red) Hiss Lectureship: its namesake, how to attend, and its lectures."""

    namesake = RichTextField(
        blank=True, features=TEXT_FEATURES, help_text="Who Roland (Red) Hiss was."
    )
    purpose = RichTextField(blank=True, features=TEXT_FEATURES)
    how_to_attend = RichTextField(blank=True, features=TEXT_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("namesake"),
        FieldPanel("purpose"),
        FieldPanel("how_to_attend"),
        FieldPanel("body"),
    ]
    search_fields = DepartmentPage.search_fields + [
        index.SearchField("namesake"),
        index.SearchField("purpose"),
    ]

    max_count = 1
    parent_page_types = ["pages.AboutPage", "pages.HomePage"]
    subpage_types = ["pages.LecturePage"]

    class Meta:
        verbose_name = "lectureship page"

    def lectures(self):
        return (
            LecturePage.objects.child_of(self)
            .live()
            .public()
            .select_related("speaker_photo")
            .prefetch_related("speaker_photo__renditions")
        )

    def upcoming_lectures(self, today=None):
        today = today or timezone.localdate()
        return self.lectures().filter(date__gte=today).order_by("date", "start_time")

    def past_lectures_by_year(self, today=None):
        today = today or timezone.localdate()
        past = self.lectures().filter(date__lt=today).order_by("-date", "-start_time")
        return [
            (year, list(group)) for year, group in itertools.groupby(past, lambda p: p.date.year)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["upcoming_lectures"] = list(self.upcoming_lectures())
        context["past_lectures_by_year"] = self.past_lectures_by_year()
        return context

    @path("calendar/", name="calendar")
    def calendar_feed(self, request):
        lectures = self.lectures().order_by("date", "start_time")
        body = calendar.series_calendar(self, lectures, request)
        return calendar_response(body, f"{self.slug}.ics")


class LecturePage(RoutablePageMixin, Page):
    """One lecture of the series: speaker, when and where, and afterwards its recording."""

    speaker_name = models.CharField(max_length=255)
    speaker_title = models.CharField(max_length=255, blank=True, help_text="e.g. Professor of …")
    speaker_affiliation = models.CharField(max_length=255, blank=True)
    speaker_photo = image_field()
    speaker_bio = RichTextField(blank=True, features=INLINE_FEATURES)
    speaker_person = optional_reference(
        "people.PersonPage",
        related_name="lectures",
        help_text="Link the speaker's profile when they have one on this site.",
    )

    date = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField(null=True, blank=True, help_text="Leave empty for 90 minutes.")
    time_zone = models.CharField(
        max_length=40, choices=TIME_ZONE_CHOICES, default="America/Detroit"
    )
    venue = models.CharField(max_length=255, blank=True)
    venue_address = models.TextField(blank=True)
    online_url = models.URLField(blank=True, help_text="Live-stream or video-call link.")

    abstract = RichTextField(blank=True, features=TEXT_FEATURES)
    registration_url = models.URLField(blank=True)
    recording_url = models.URLField(
        blank=True, help_text="After the lecture: its recording on YouTube, Vimeo or Kaltura."
    )
    slides = optional_reference("wagtaildocs.Document")

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("speaker_name"),
                FieldRowPanel([FieldPanel("speaker_title"), FieldPanel("speaker_affiliation")]),
                FieldPanel("speaker_photo"),
                FieldPanel("speaker_bio"),
                PageChooserPanel("speaker_person", "people.PersonPage"),
            ],
            heading="Speaker",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("date"), FieldPanel("start_time"), FieldPanel("end_time")]
                ),
                FieldPanel("time_zone"),
                FieldPanel("venue"),
                FieldPanel("venue_address"),
                FieldPanel("online_url"),
                FieldPanel("registration_url"),
            ],
            heading="When and where",
        ),
        FieldPanel("abstract"),
        MultiFieldPanel(
            [FieldPanel("recording_url"), FieldPanel("slides")], heading="After the lecture"
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("speaker_name"),
        index.SearchField("speaker_affiliation"),
        index.SearchField("abstract"),
        index.FilterField("date"),
    ]

    parent_page_types = ["pages.LectureshipPage"]
    subpage_types = []

    class Meta:
        verbose_name = "lecture"

    def clean(self):
        super().clean()
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": "The lecture must end after it starts."})

    @property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def starts_at(self):
        return datetime.datetime.combine(self.date, self.start_time, tzinfo=self.tz)

    @property
    def ends_at(self):
        if self.end_time:
            return datetime.datetime.combine(self.date, self.end_time, tzinfo=self.tz)
        return self.starts_at + datetime.timedelta(minutes=90)

    @property
    def is_upcoming(self):
        return self.ends_at >= timezone.now()

    @property
    def time_zone_label(self):
        """The zone as visitors read it next to a time: "Detroit time", "UTC"."""
        if "/" not in self.time_zone:
            return self.time_zone
        return f"{self.time_zone.rsplit('/', 1)[1].replace('_', ' ')} time"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["speaker_profile_url"] = link_address(page=self.speaker_person, request=request)
        context["series"] = self.get_parent()
        context["slides"] = self.slides
        context["speaker_photo"] = self.speaker_photo
        return context

    @property
    def summary(self):
        return self.search_description or f"{self.speaker_name}: {self.title}"

    @property
    def share_image(self):
        return self.speaker_photo

    def structured_data(self, request):
        return schema.lecture_event(self, request)

    @path("calendar/", name="calendar")
    def calendar_feed(self, request):
        body = calendar.single_event_calendar(self, request)
        return calendar_response(body, f"{self.slug}.ics")


def calendar_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
