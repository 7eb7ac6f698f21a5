"""The department's own pages: home, about and the sections below it."""

import datetime
import itertools
import zoneinfo
from urllib.parse import urlencode

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from pages import calendar, schema
from pages.blocks import BaseStreamBlock

INLINE_FEATURES = ["bold", "italic", "link"]
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


def image_field(help_text=""):
    return models.ForeignKey(
        settings.WAGTAILIMAGES_IMAGE_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=help_text,
    )


class SectionPage(Page):
    """Fields every department page shares: a short introduction and a lead image."""

    intro = models.TextField(
        blank=True,
        help_text="One or two sentences under the title; also the summary in listings.",
    )
    hero_image = image_field("The picture at the top of the page (uses the image's alt text).")
    body = StreamField(BaseStreamBlock(), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True

    @property
    def summary(self):
        return self.search_description or self.intro

    @property
    def share_image(self):
        return self.hero_image


class HomePage(SectionPage):
    """The site root: a welcome, ways into each section and the latest news."""

    hero_heading = models.CharField(
        max_length=255, blank=True, help_text="The big line at the top; the title if empty."
    )
    hero_link = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Where the button in the welcome leads.",
    )
    hero_link_label = models.CharField(max_length=60, blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("hero_heading"),
                FieldPanel("intro"),
                FieldPanel("hero_image"),
                FieldRowPanel([PageChooserPanel("hero_link"), FieldPanel("hero_link_label")]),
            ],
            heading="Welcome",
        ),
        FieldPanel("body"),
    ]

    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = "home page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        link = self.hero_link
        if link and link.live:
            context["hero_link_url"] = link.get_url(request=request)
            context["hero_link_text"] = self.hero_link_label or link.title
        return context


class AboutPage(SectionPage):
    """Who the department is: mission, vision and the story told in the body."""

    eyebrow = models.CharField(
        max_length=120, blank=True, help_text="A short line above the title, e.g. a theme."
    )
    mission = RichTextField(blank=True, features=INLINE_FEATURES)
    vision = RichTextField(blank=True, features=TEXT_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("eyebrow"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [FieldPanel("mission"), FieldPanel("vision")], heading="Mission and vision"
        ),
        FieldPanel("body"),
    ]
    search_fields = SectionPage.search_fields + [
        index.SearchField("mission"),
        index.SearchField("vision"),
    ]

    max_count = 1
    parent_page_types = ["pages.HomePage"]
    subpage_types = [
        "pages.HistoryPage",
        "pages.LectureshipPage",
        "pages.StrategicPlanPage",
        "pages.DEIPage",
        "pages.AlumniPage",
        "pages.StandardPage",
    ]

    class Meta:
        verbose_name = "about page"


class StandardPage(SectionPage):
    """Any other content page: Education, Research, Contact and the like."""

    parent_page_types = [
        "pages.HomePage",
        "pages.AboutPage",
        "pages.StandardPage",
        "pages.DEIPage",
        "pages.AlumniPage",
    ]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = "standard page"


class HistoryPage(SectionPage):
    """The department's history: an introduction and a timeline of milestones."""

    content_panels = SectionPage.content_panels + [
        InlinePanel("milestones", heading="Timeline", label="Milestone", min_num=1),
    ]
    search_fields = SectionPage.search_fields + [
        index.RelatedFields("milestones", [index.SearchField("title"), index.SearchField("text")]),
    ]

    max_count = 1
    parent_page_types = ["pages.AboutPage"]
    subpage_types = []

    class Meta:
        verbose_name = "history page"

    def timeline(self):
        return (
            self.milestones.select_related("image")
            .prefetch_related("image__renditions")
            .order_by("year", "sort_order")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["milestones"] = list(self.timeline())
        return context


class HistoryMilestone(Orderable):
    """One entry in the history timeline; entries are shown in order of year."""

    page = ParentalKey(HistoryPage, on_delete=models.CASCADE, related_name="milestones")
    year = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=255)
    text = RichTextField(blank=True, features=INLINE_FEATURES)
    image = image_field()

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("title")]),
        FieldPanel("text"),
        FieldPanel("image"),
    ]

    def clean(self):
        super().clean()
        if self.year is not None and not 1800 <= self.year <= 2200:
            raise ValidationError({"year": "Enter a year such as 1998."})


class LectureshipPage(RoutablePageMixin, SectionPage):
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
    search_fields = SectionPage.search_fields + [
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
    speaker_person = models.ForeignKey(
        "people.PersonPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
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
    slides = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

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
        person = self.speaker_person
        context["speaker_profile_url"] = (
            person.get_url(request=request) if person and person.live else ""
        )
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


class StrategicPlanPage(SectionPage):
    """The department's strategic plan: the year it was made and its numbered goals."""

    plan_year = models.PositiveSmallIntegerField(help_text="The year the plan was completed.")
    goals_note = models.TextField(
        blank=True, help_text="A sentence shown after the goals, e.g. how they are weighed."
    )
    dei_page = models.ForeignKey(
        "pages.DEIPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="DEI initiatives page",
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("plan_year"),
        FieldPanel("hero_image"),
        InlinePanel("goals", heading="Goals", label="Goal", min_num=1),
        FieldPanel("goals_note"),
        PageChooserPanel("dei_page", "pages.DEIPage"),
        FieldPanel("body"),
    ]
    search_fields = SectionPage.search_fields + [
        index.RelatedFields(
            "goals", [index.SearchField("title"), index.SearchField("description")]
        ),
    ]

    max_count = 1
    parent_page_types = ["pages.AboutPage"]
    subpage_types = []

    class Meta:
        verbose_name = "strategic plan page"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["goals"] = list(self.goals.all())
        dei_page = self.dei_page
        context["dei_page_url"] = (
            dei_page.get_url(request=request) if dei_page and dei_page.live else ""
        )
        return context


class StrategicGoal(Orderable):
    """A goal of the strategic plan, numbered in the order editors give."""

    STATUS_CHOICES = [
        ("", "No status"),
        ("planned", "Planned"),
        ("in_progress", "In progress"),
        ("ongoing", "Ongoing"),
        ("achieved", "Achieved"),
    ]

    page = ParentalKey(StrategicPlanPage, on_delete=models.CASCADE, related_name="goals")
    title = models.TextField()
    description = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=STATUS_CHOICES, blank=True)
    progress_note = models.TextField(blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([FieldPanel("status"), FieldPanel("progress_note")]),
    ]


class DEIPage(SectionPage):
    """Diversity, equity and inclusion: the department's initiatives."""

    content_panels = SectionPage.content_panels + [
        InlinePanel("initiatives", heading="Initiatives", label="Initiative"),
    ]
    search_fields = SectionPage.search_fields + [
        index.RelatedFields(
            "initiatives", [index.SearchField("title"), index.SearchField("description")]
        ),
    ]

    max_count = 1
    parent_page_types = ["pages.AboutPage"]
    subpage_types = ["pages.StandardPage"]

    class Meta:
        verbose_name = "DEI page"

    def initiative_list(self):
        return list(self.initiatives.select_related("link_page"))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["initiatives"] = self.initiative_list()
        return context


class DEIInitiative(Orderable):
    """One initiative on the DEI page, optionally linking to where it is described in full."""

    page = ParentalKey(DEIPage, on_delete=models.CASCADE, related_name="initiatives")
    title = models.CharField(max_length=255)
    description = models.TextField()
    link_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    link_url = models.URLField(blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("description"),
        FieldRowPanel([PageChooserPanel("link_page"), FieldPanel("link_url")]),
    ]

    def clean(self):
        super().clean()
        if self.link_page_id and self.link_url:
            raise ValidationError({"link_url": "Link to a page or a web address, not both."})

    @property
    def url(self):
        if self.link_page_id:
            return self.link_page.url if self.link_page.live else ""
        return self.link_url


class AlumniPage(SectionPage):
    """Where alumni come back: spotlights, the directory, alumni news and a way to share theirs."""

    news_tag = models.SlugField(
        default="alumni", help_text="Stories with this tag appear here as alumni news."
    )

    content_panels = SectionPage.content_panels + [
        InlinePanel("spotlights", heading="Alumni spotlights", label="Spotlight"),
        FieldPanel("news_tag"),
    ]

    max_count = 1
    parent_page_types = ["pages.AboutPage", "pages.HomePage"]
    subpage_types = ["people.AlumniUpdateFormPage", "pages.StandardPage"]

    class Meta:
        verbose_name = "alumni page"

    def spotlight_list(self):
        return list(
            self.spotlights.select_related(
                "image", "person", "person__photo", "person__program"
            ).prefetch_related("image__renditions", "person__photo__renditions")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # people and news are looked up, not imported: both already point at pages.
        PersonPage = apps.get_model("people", "PersonPage")
        NewsPage = apps.get_model("news", "NewsPage")
        NewsIndexPage = apps.get_model("news", "NewsIndexPage")
        AlumniUpdateFormPage = apps.get_model("people", "AlumniUpdateFormPage")
        news_index = NewsIndexPage.objects.live().public().first()
        news_url = news_index.get_url(request) if news_index else ""
        tag_query = urlencode({"tag": self.news_tag})
        context.update(
            spotlights=self.spotlight_list(),
            alumni_directory=PersonPage.objects.alumni_directory(),
            alumni_news=list(NewsPage.objects.for_listing().filter(tags__slug=self.news_tag)[:5]),
            alumni_news_links={
                "listing": f"{news_url}?{tag_query}",
                "rss": f"{news_url}feed/rss/?{tag_query}",
                "atom": f"{news_url}feed/atom/?{tag_query}",
            }
            if news_url
            else {},
            share_news_page=AlumniUpdateFormPage.objects.child_of(self).live().public().first(),
        )
        return context


class AlumniSpotlight(Orderable):
    """An alumnus or alumna in the spotlight: a person with a profile, or a short story."""

    page = ParentalKey(AlumniPage, on_delete=models.CASCADE, related_name="spotlights")
    person = models.ForeignKey(
        "people.PersonPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Choose a person with a profile, or fill in the name below.",
    )
    name = models.CharField(max_length=255, blank=True)
    headline = models.CharField(max_length=255, blank=True, help_text="e.g. HILS PhD 2021")
    story = models.TextField()
    image = image_field()
    link_url = models.URLField(blank=True, help_text="Read more elsewhere (optional).")

    panels = [
        PageChooserPanel("person", "people.PersonPage"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("headline")]),
        FieldPanel("story"),
        FieldPanel("image"),
        FieldPanel("link_url"),
    ]

    def clean(self):
        super().clean()
        if not self.person_id and not self.name:
            raise ValidationError({"name": "Choose a person or give a name."})

    @property
    def display_name(self):
        return self.name or (self.person.title if self.person_id else "")

    @property
    def display_image(self):
        if self.image_id:
            return self.image
        return self.person.photo if self.person_id else None

    @property
    def url(self):
        if self.link_url:
            return self.link_url
        return self.person.url if self.person_id and self.person.live else ""
