"""The Roland (Red) Hiss Lectureship: its namesake and purpose, and its lectures, which are
events of the calendar in the lectureship's series, published under this page."""

from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from dlhs.fields import optional_reference
from events import calendar, schedule
from events.models import EventPage
from pages.models.base import TEXT_FEATURES, DepartmentPage


class LectureshipPage(RoutablePageMixin, DepartmentPage):
    """The Roland (Red) Hiss Lectureship: its namesake, how to attend, and its lectures.

    A lecture is an event (Add child page › Event) in the lectureship's series; it shows
    here and in the calendar at /events/.
    """

    namesake = RichTextField(
        blank=True, features=TEXT_FEATURES, help_text="Who Roland (Red) Hiss was."
    )
    purpose = RichTextField(blank=True, features=TEXT_FEATURES)
    how_to_attend = RichTextField(blank=True, features=TEXT_FEATURES)
    series = optional_reference(
        "events.EventSeries",
        related_name="lectureship_pages",
        help_text="The event series whose events this page lists as its lectures.",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("series"),
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
    subpage_types = ["events.EventPage"]

    class Meta:
        verbose_name = "lectureship page"

    def lectures(self):
        """The live, public events of the lectureship's series, wherever they are published."""
        if not self.series_id:
            return EventPage.objects.none()
        return EventPage.objects.filter(series_id=self.series_id).for_listing()

    def upcoming_lectures(self, now=None):
        return self.lectures().upcoming(now)

    def past_lectures_by_year(self, now=None):
        """[(“2025–26”, [lectures, latest first]), …], academic years (July–June) latest first."""
        return schedule.by_academic_year(self.lectures().past(now or timezone.now()))

    def upcoming_and_past_lectures(self, now=None):
        """(upcoming lectures soonest first, past ones latest first), in one read of the series:
        a series holds tens of lectures, and the page lists them all."""
        now = now or timezone.now()
        lectures = list(self.lectures().order_by("starts_at", "pk"))
        upcoming = [lecture for lecture in lectures if lecture.ends_at >= now]
        past = [lecture for lecture in reversed(lectures) if lecture.ends_at < now]
        return upcoming, past

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        upcoming, past = self.upcoming_and_past_lectures()
        context["upcoming_lectures"] = upcoming
        context["past_lectures_by_year"] = schedule.by_academic_year(past)
        return context

    @path("calendar/", name="calendar")
    def calendar_feed(self, request):
        lectures = self.lectures().order_by("starts_at", "pk")
        body = calendar.events_calendar(self.title, lectures, request)
        return calendar.calendar_response(body, self.slug)
