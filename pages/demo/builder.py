"""The demo site, built from the client's About page through the same models editors use.

The whole tree, in the order it is built (the copy of each section is in ``pages.demo.copy``):

    Home                                   pages.HomePage                 copy/home.py
    ├── About Learning Health Sciences     pages.AboutPage                copy/about.py
    │   ├── History                        pages.HistoryPage (timeline)   copy/history.py
    │   ├── Roland (Red) Hiss Lectureship  pages.LectureshipPage          copy/lectureship.py
    │   │   └── two lectures               events.EventPage in the Hiss series (past, upcoming)
    │   ├── DEI Initiatives                pages.DEIPage                  copy/dei.py
    │   ├── Strategic Plan                 pages.StrategicPlanPage        copy/strategic_plan.py
    │   └── Alumni                         pages.AlumniPage               copy/alumni.py
    │       └── Share your news            people.AlumniUpdateFormPage
    ├── News                               news.NewsIndexPage             copy/news.py
    ├── Events                             events.EventIndexPage          copy/events.py
    │   └── sample events: a webinar with its recording, a cancelled and a rescheduled one,
    │       one of the past academic year; series (Hiss Lectureship, LHS Collaboratory)
    │   └── the seed's six stories, then generated ones (--news N, pages/demo/bulk.py)
    └── People                             people.PeopleIndexPage         copy/people.py
        └── the seed's three people, then generated ones (--people N, pages/demo/bulk.py)

Every function creates what is missing and leaves what exists alone, so a second run
changes nothing and an editor's later changes survive.
"""

import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.documents.models import Document
from wagtail.models import Page, Site

from events.models import (
    EventAudience,
    EventIndexPage,
    EventKind,
    EventPage,
    EventSeries,
    EventSpeaker,
    SeriesScheduleChange,
)
from news.models import (
    ImportedFeedItem,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPagePerson,
    StorySource,
)
from pages.demo import bulk, copy, images
from pages.demo.stream import raw_stream
from pages.models import (
    AboutPage,
    AlumniPage,
    AlumniSpotlight,
    DEIInitiative,
    DEIPage,
    HistoryMilestone,
    HistoryPage,
    HomePage,
    LectureshipPage,
    StrategicGoal,
    StrategicPlanPage,
)
from people.models import (
    AlumniUpdateFormField,
    AlumniUpdateFormPage,
    PeopleIndexPage,
    PersonPage,
    PersonRole,
    Program,
)


class DemoBuilder:
    """Builds the demo tree; ``report`` receives one line for everything it adds."""

    def __init__(self, report=print, progress=None):
        self.report = report
        self.progress = progress or (lambda iterable, total, label: iterable)
        # The demo's pages by the names the copy uses for links ("about", "alumni", ...).
        self.pages = {}

    def child(self, parent, model, slug, prepare=None, **fields):
        """The child of ``parent`` with this slug, created and published if missing.

        ``prepare`` gets the unsaved page to set what a constructor cannot: tags, many-to-many.
        """
        existing = parent.get_children().filter(slug=slug).specific().first()
        if existing is not None:
            return existing, False
        page = model(slug=slug, **fields)
        if prepare:
            prepare(page)
        parent.add_child(instance=page)
        page.save_revision().publish()
        self.report(f"Added {model._meta.verbose_name} “{page.title}” at {page.url_path}")
        return page, True

    def section(self, name, parent, model, **fields):
        page, _ = self.child(parent, model, **fields)
        self.pages[name] = page
        return page

    def body(self, page, items):
        return raw_stream(page._meta.get_field("body").stream_block, items, self.pages)

    def build(self, news_count=0, people_count=0):
        """The department's pages in one transaction, then generated ones in batches.

        Each batch of generated pages commits on its own, so a long load that is interrupted
        keeps what it made and the next run adds only the rest.
        """
        with transaction.atomic():
            home = self.home()
            about = self.about(home)
            self.history(about)
            self.lectureship(about)
            self.dei(about)
            self.strategic_plan(about)
            news_index = self.news_index(home)
            self.events(home)
            people_index = self.people_index(home)
            roles, programs = self.people_vocabularies()
            people = self.seed_people(people_index, roles, programs)
            self.alumni(about)
            self.seed_stories(news_index, self.news_categories(), people)
            self.story_sources(news_index, self.news_categories())
            self.about_body(about)
            self.home_body(home)
        generator = bulk.Generator(report=self.report, progress=self.progress)
        if people_count:
            generator.people(people_index, roles, programs, people_count)
        if news_count:
            generator.stories(news_index, self.news_categories(), news_count)

    # --- home and about ------------------------------------------------------------------

    def home(self):
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            home = HomePage(**copy.home.PAGE)
            root.add_child(instance=home)
            home.save_revision().publish()
            Site.objects.update_or_create(
                is_default_site=True, defaults={"root_page": home, "hostname": "localhost"}
            )
            self.report("Added the home page")
        self.site_address()
        if not home.hero_heading:
            for field, value in copy.home.WELCOME.items():
                setattr(home, field, value)
            home.hero_image = images.demo_picture(copy.home.HERO_IMAGE)
            home.save_revision().publish()
            self.report("Filled in the home page's welcome")
        return home

    def site_address(self):
        """Point Wagtail's default site at WAGTAILADMIN_BASE_URL, unless someone changed it."""
        site = Site.objects.filter(is_default_site=True).first()
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        if site is None or not base.hostname or (site.hostname, site.port) != ("localhost", 80):
            return
        site.hostname = base.hostname
        site.port = base.port or (443 if base.scheme == "https" else 80)
        site.site_name = copy.home.SITE_NAME
        site.save()
        self.report(f"Set the site's address to {settings.WAGTAILADMIN_BASE_URL}")

    def home_body(self, home):
        if home.body:
            return
        home.hero_link = self.pages[copy.home.HERO_LINK["page"]]
        home.hero_link_label = copy.home.HERO_LINK["label"]
        home.body = self.body(home, copy.home.BODY)
        home.save_revision().publish()
        self.report("Added section cards and featured news to the home page")

    def about(self, home):
        return self.section(
            "about",
            home,
            AboutPage,
            **copy.about.PAGE,
            hero_image=images.demo_picture(copy.about.HERO_IMAGE),
        )

    def about_body(self, about):
        """The seed's sections after the vision; added once the pages they link to exist."""
        if about.body:
            return
        about.body = self.body(about, copy.about.BODY)
        about.save_revision().publish()
        self.report(
            "Added the About page's sections: the LHS loop, learning culture, approach, "
            "strategic plan & DEI and featured news"
        )

    # --- the pages below about -----------------------------------------------------------

    def history(self, about):
        milestones = [HistoryMilestone(**milestone) for milestone in copy.history.MILESTONES]
        return self.section(
            "history", about, HistoryPage, **copy.history.PAGE, milestones=milestones
        )

    def lectureship(self, about):
        series = self.event_series(
            next(
                dict(fields)
                for fields in copy.events.SERIES
                if fields["slug"] == copy.lectureship.SERIES_SLUG
            )
        )
        kind, _ = EventKind.objects.get_or_create(
            slug=slugify(copy.lectureship.KIND), defaults={"name": copy.lectureship.KIND}
        )
        lectureship = self.section(
            "lectureship",
            about,
            LectureshipPage,
            **copy.lectureship.PAGE,
            series=series,
            hero_image=images.demo_picture(copy.lectureship.HERO_IMAGE),
        )
        this_year = timezone.localdate().year
        speaker_photo = images.demo_picture(copy.lectureship.SPEAKER_PHOTO)
        for lecture in copy.lectureship.LECTURES:
            fields = dict(lecture)
            years_from_now, month, day = fields.pop("when")
            speakers = fields.pop("speakers")
            body = self.body(EventPage, fields.pop("body"))

            def prepare(page, speakers=speakers):
                page.speakers = [EventSpeaker(**speaker) for speaker in speakers]

            self.child(
                lectureship,
                EventPage,
                prepare=prepare,
                **fields,
                body=body,
                kind=kind,
                series=series,
                start_date=datetime.date(this_year + years_from_now, month, day),
                image=speaker_photo,
            )
        return lectureship

    def dei(self, about):
        initiatives = [DEIInitiative(**initiative) for initiative in copy.dei.INITIATIVES]
        return self.section("dei", about, DEIPage, **copy.dei.PAGE, initiatives=initiatives)

    def strategic_plan(self, about):
        plan = copy.strategic_plan
        goals = [StrategicGoal(title=title, status=plan.GOAL_STATUS) for title in plan.GOALS]
        return self.section(
            "strategic_plan",
            about,
            StrategicPlanPage,
            **plan.PAGE,
            dei_page=self.pages["dei"],
            goals=goals,
        )

    def alumni(self, about):
        spotlights = [AlumniSpotlight(**spotlight) for spotlight in copy.alumni.SPOTLIGHTS]
        alumni = self.section(
            "alumni", about, AlumniPage, **copy.alumni.PAGE, spotlights=spotlights
        )
        form_fields = [AlumniUpdateFormField(**field) for field in copy.alumni.UPDATE_FORM_FIELDS]
        self.child(alumni, AlumniUpdateFormPage, **copy.alumni.UPDATE_FORM, form_fields=form_fields)
        return alumni

    # --- events --------------------------------------------------------------------------

    def events(self, home):
        index = self.section("events", home, EventIndexPage, **copy.events.INDEX)
        kinds = {
            slugify(name): EventKind.objects.get_or_create(slug=slugify(name), name=name)[0]
            for name in copy.events.KINDS
        }
        audiences = {
            slugify(name): EventAudience.objects.get_or_create(slug=slugify(name), name=name)[0]
            for name in copy.events.AUDIENCES
        }
        for fields in copy.events.SERIES:
            self.event_series(dict(fields))
        today = timezone.localdate()
        made = {}
        # Events another one links to (a rescheduled event's new date) are built first.
        for event in sorted(copy.events.EVENTS, key=lambda event: "rescheduled_to" in event):
            fields = dict(event)
            days = fields.pop("days")
            audience_slugs = fields.pop("audiences")
            speakers = fields.pop("speakers", [])
            with_recording = fields.pop("recording", False)
            if "rescheduled_to" in fields:
                fields["rescheduled_to"] = made[fields["rescheduled_to"]]
            if with_recording:
                fields.update(self.demo_recording(fields["slug"]))
            kind = kinds[fields.pop("kind")]

            def prepare(page, audience_slugs=audience_slugs, speakers=speakers):
                page.audiences = [audiences[slug] for slug in audience_slugs]
                page.speakers = [EventSpeaker(**speaker) for speaker in speakers]

            page, _ = self.child(
                index,
                EventPage,
                prepare=prepare,
                **fields,
                kind=kind,
                start_date=today + datetime.timedelta(days=days),
            )
            made[page.slug] = page
        return index

    def event_series(self, fields):
        months = fields.pop("months", None)
        if months:
            today = timezone.localdate()
            year = today.year if today.month >= 7 else today.year - 1
            (first_month, first_day), (last_month, last_day) = months
            fields["first_date"] = datetime.date(year, first_month, first_day)
            fields["last_date"] = datetime.date(year + 1, last_month, last_day)
        series, created = EventSeries.objects.get_or_create(slug=fields["slug"], defaults=fields)
        if created:
            self.report(f"Added event series “{series.name}”")
            if series.is_recurring:
                # One sample exception: the December session falls in the holidays.
                december = next((o for o in series.occurrences() if o.starts_at.month == 12), None)
                if december is not None:
                    SeriesScheduleChange.objects.create(
                        series=series,
                        original_date=december.starts_at.date(),
                        cancelled=True,
                        note="No session over the holidays (sample exception).",
                    )
        return series

    def demo_recording(self, slug):
        """A placeholder video and its WebVTT captions, with the sample transcript."""

        def document(name, content):
            existing = Document.objects.filter(title=name).first()
            return existing or Document.objects.create(
                title=name, file=ContentFile(content, name=name)
            )

        return {
            "recording_file": document(f"{slug}.mp4", b"Sample placeholder, not a real video."),
            "captions": document(f"{slug}.vtt", copy.events.CAPTIONS),
            "transcript": copy.events.TRANSCRIPT,
        }

    # --- news ----------------------------------------------------------------------------

    def news_index(self, home):
        return self.section("news", home, NewsIndexPage, **copy.news.INDEX)

    def news_categories(self):
        categories = {}
        for fields in copy.news.CATEGORIES:
            category, created = NewsCategory.objects.get_or_create(
                slug=slugify(fields["name"]), defaults=fields
            )
            if created:
                self.report(f"Added news category “{category.name}”")
            categories[category.slug] = category
        return categories

    def seed_stories(self, index, categories, people):
        for story in copy.news.STORIES:
            fields = dict(story)
            image = fields.pop("image", None)
            tags = fields.pop("tags")
            about_people = fields.pop("people", ())
            category = categories[fields.pop("category")]

            def prepare(page, tags=tags, about_people=about_people):
                page.tags.add(*tags)
                page.related_people = [NewsPagePerson(person=people[slug]) for slug in about_people]

            self.child(
                index,
                NewsPage,
                prepare=prepare,
                **fields,
                category=category,
                hero_image=images.demo_picture(image) if image else None,
                featured=True,
                body=[bulk.paragraph(story["teaser"])],
            )

    def story_sources(self, index, categories):
        """The Health Lab and Medical School News feeds, paused, with the seed's stories of
        theirs recorded as imported from them."""
        for fields in copy.news.STORY_SOURCES:
            fields = dict(fields, category=categories[fields["category"]])
            source, created = StorySource.objects.get_or_create(
                name=fields.pop("name"), defaults=dict(fields, active=False)
            )
            if created:
                self.report(f"Added story source “{source.name}” (paused)")
            for story in NewsPage.objects.child_of(index).filter(
                source_name=source.name, imported_from__isnull=True
            ):
                ImportedFeedItem.objects.create(
                    source=source,
                    guid=f"demo-seed:{story.slug}",
                    title=story.title,
                    story=story,
                    imported_at=timezone.now(),
                )

    # --- people --------------------------------------------------------------------------

    def people_index(self, home):
        return self.section("people", home, PeopleIndexPage, **copy.people.INDEX)

    def people_vocabularies(self):
        roles = {}
        for order, (name, plural) in enumerate(copy.people.ROLES):
            role, created = PersonRole.objects.get_or_create(
                slug=slugify(name),
                defaults={"name": name, "plural_name": plural, "sort_order": order},
            )
            if created:
                self.report(f"Added role “{name}”")
            roles[role.slug] = role
        programs = {}
        for fields in copy.people.PROGRAMS:
            program, created = Program.objects.get_or_create(slug=fields["slug"], defaults=fields)
            if created:
                self.report(f"Added program “{program.short_name}”")
            programs[program.slug] = program
        return roles, programs

    def seed_people(self, index, roles, programs):
        people = {}
        portrait = copy.people.PORTRAIT
        for person in copy.people.PEOPLE:
            fields = dict(person)
            role_slugs = fields.pop("roles")
            interests = fields.pop("interests", ())
            colour = fields.pop("colour")
            program = programs.get(fields.pop("program", ""))
            name = person["title"]
            photo = images.demo_picture(
                {
                    "title": portrait["title"].format(name=name),
                    "alt": portrait["alt"].format(name=name),
                    "portrait": colour,
                }
            )

            def prepare(page, role_slugs=role_slugs, interests=interests):
                page.roles.set([roles[slug] for slug in role_slugs])
                page.research_interests.add(*interests)

            page, _ = self.child(
                index,
                PersonPage,
                prepare=prepare,
                **fields,
                bio=f"<p>{person['short_bio']}</p>",
                photo=photo,
                program=program,
            )
            people[person["slug"]] = page
        return people
