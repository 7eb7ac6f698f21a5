"""The demo site, built from the client's About page through the same models editors use.

The whole tree, in the order it is built:

    Home                                   pages.HomePage
    ├── About Learning Health Sciences     pages.AboutPage (every section of the seed)
    │   ├── History                        pages.HistoryPage (timeline)
    │   ├── Roland (Red) Hiss Lectureship  pages.LectureshipPage
    │   │   └── two lectures               pages.LecturePage (one past, one upcoming)
    │   ├── Strategic Plan                 pages.StrategicPlanPage (the four goals)
    │   ├── DEI Initiatives                pages.DEIPage
    │   └── Alumni                         pages.AlumniPage
    │       └── Share your news            people.AlumniUpdateFormPage
    ├── News                               news.NewsIndexPage
    │   └── the seed's six stories, then generated ones (--news N)
    └── People                             people.PeopleIndexPage
        └── the seed's three people, then generated ones (--people N)

Every function creates what is missing and leaves what exists alone, so a second run
changes nothing and an editor's later changes survive.
"""

import datetime
import random
import uuid
from contextlib import contextmanager
from itertools import islice
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backends
from wagtail.search.signal_handlers import post_save_signal_handler as index_on_save
from wagtail.signal_handlers import disable_reference_index_auto_update

from news.models import NewsCategory, NewsIndexPage, NewsPage, NewsPagePerson
from pages import demo_images
from pages.models import (
    AboutPage,
    AlumniPage,
    AlumniSpotlight,
    DEIInitiative,
    DEIPage,
    HistoryMilestone,
    HistoryPage,
    HomePage,
    LecturePage,
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

GENERATED_BATCH = 500  # generated pages committed, and search-indexed, together
GENERATED_STORIES_END = datetime.date(2024, 12, 31)
GENERATED_ROLE_CYCLE = ["faculty", "staff", "student", "alumni", "alumni"]


@contextmanager
def indexed_in_bulk(model):
    """Collect generated pages of ``model`` and add them to the search index in one go.

    A page's save normally updates the search index twice (as a Page and as its own type) and
    the reference index once; for thousands of generated pages that is half the load time.
    Generated pages link to nothing, so the reference index has nothing to record for them.
    """
    added = []
    suspended = [
        sender for sender in (Page, model) if post_save.disconnect(index_on_save, sender=sender)
    ]
    try:
        with disable_reference_index_auto_update():
            yield added
    finally:
        for sender in suspended:
            post_save.connect(index_on_save, sender=sender)
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, added)


class DemoBuilder:
    """Builds the demo tree; ``report`` receives one line for everything it adds."""

    def __init__(self, report=print, progress=None):
        self.report = report
        self.progress = progress or (lambda iterable, total, label: iterable)

    # --- helpers -----------------------------------------------------------------------

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

    def add_in_batches(self, model, slugs, label, make):
        """``make(slug)`` a generated page for each slug, committed and indexed in batches."""
        remaining = iter(self.progress(slugs, len(slugs), label))
        while batch := list(islice(remaining, GENERATED_BATCH)):
            with transaction.atomic(), indexed_in_bulk(model) as added:
                added.extend(make(slug) for slug in batch)
        self.report(f"Added {len(slugs)} generated {label}")

    @staticmethod
    def block(block_type, value):
        return {"type": block_type, "value": value, "id": str(uuid.uuid4())}

    @staticmethod
    def items(values):
        return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]

    @staticmethod
    def link(page=None, url="", label=""):
        return {
            "label": label,
            "page": page.pk if page else None,
            "document": None,
            "link_url": url,
        }

    # --- the tree ----------------------------------------------------------------------

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
            dei = self.dei(about)
            self.strategic_plan(about, dei)
            news_index = self.news_index(home)
            people_index = self.people_index(home)
            roles, programs = self.people_vocabularies()
            people = self.seed_people(people_index, roles, programs)
            alumni = self.alumni(about, people)
            self.alumni_update_form(alumni, programs)
            self.seed_stories(news_index, self.news_categories(), people)
            self.about_body(about)
            self.home_body(home, about, news_index, people_index, alumni)
        if people_count:
            self.generated_people(people_index, roles, programs, people_count)
        if news_count:
            self.generated_stories(news_index, self.news_categories(), news_count)

    def home(self):
        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            home = HomePage(title="Learning Health Sciences", slug="home")
            root.add_child(instance=home)
            home.save_revision().publish()
            Site.objects.update_or_create(
                is_default_site=True, defaults={"root_page": home, "hostname": "localhost"}
            )
            self.report("Added the home page")
        self.site_address(home)
        if not home.hero_heading:
            home.hero_heading = "Revolutionizing learning, transforming health"
            home.intro = (
                "The Department of Learning Health Sciences advances the sciences that make "
                "learning effective, routine and sustainable, from individuals to systems that "
                "span states and nations."
            )
            home.hero_image = demo_images.demo_image(
                "Group discussion at a whiteboard",
                "Illustration of a group discussion: three people take notes at a table while "
                "a colleague draws a cycle on a whiteboard.",
                demo_images.paint_group_discussion,
            )
            home.save_revision().publish()
            self.report("Filled in the home page's welcome")
        return home

    def site_address(self, home):
        """Point Wagtail's default site at WAGTAILADMIN_BASE_URL, unless someone changed it."""
        site = Site.objects.filter(is_default_site=True).first()
        base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        if site is None or not base.hostname or (site.hostname, site.port) != ("localhost", 80):
            return
        site.hostname = base.hostname
        site.port = base.port or (443 if base.scheme == "https" else 80)
        site.site_name = "Department of Learning Health Sciences"
        site.save()
        self.report(f"Set the site's address to {settings.WAGTAILADMIN_BASE_URL}")

    def home_body(self, home, about, news_index, people_index, alumni):
        if home.body:
            return
        lectureship = LectureshipPage.objects.first()
        home.hero_link = about
        home.hero_link_label = "About the department"
        home.body = [
            self.block(
                "link_cards",
                {
                    "heading": "Explore the department",
                    "cards": self.items(
                        [
                            self.card(about, "Our mission, vision and the concept of learning."),
                            self.card(people_index, "Faculty, staff, students and alumni."),
                            self.card(alumni, "Meet alumni and share your news with us."),
                            self.card(
                                lectureship,
                                "Knowledge exchange between faculty and visiting scholars.",
                            ),
                        ]
                    ),
                },
            ),
            self.block(
                "news_teaser", {"heading": "Featured News & Stories", "count": 6, "tag": ""}
            ),
        ]
        home.save_revision().publish()
        self.report("Added section cards and featured news to the home page")

    def card(self, page, text, title=""):
        return {
            "title": title,
            "text": text,
            "image": None,
            "image_alt_text": "",
            "link": self.link(page),
        }

    def about(self, home):
        about, _ = self.child(
            home,
            AboutPage,
            "about",
            title="About Learning Health Sciences",
            eyebrow="Explore The Concept of Learning",
            intro="Join us in revolutionizing learning and transforming health.",
            show_in_menus=True,
            hero_image=demo_images.demo_image(
                "Collaborative group discussion",
                "A collaborative group discussion in a professional setting, with participants "
                "actively engaging in problem-solving at a whiteboard and taking notes at a table.",
                demo_images.paint_group_discussion,
            ),
            mission=(
                "<p>The Department of Learning Health Sciences (DLHS), a basic science department "
                "in the University of Michigan Medical School, focuses on revolutionizing "
                "learning and transforming health through the advancement of the sciences that "
                "make learning effective, routine, and sustainable—at scales from individuals "
                "to systems that span states and nations.</p>"
            ),
            vision=(
                "<p>The Department of Learning Health Sciences embraces a bold and transcendent "
                "vision of learning.</p>"
                "<p>Once exclusively associated with attaining knowledge and skills by "
                "individuals, entities that learn now can be individuals, groups, organizations, "
                "regions, states, and entire nations. Once restricted to a specific time and "
                "location, learning occurs continuously everywhere.</p>"
                "<p>Learning is no longer an activity with a single endpoint but a critical "
                "element of a virtuous continuous improvement cycle.</p>"
            ),
        )
        return about

    def about_body(self, about):
        """The seed's sections after the vision; added once the pages they link to exist."""
        if about.body:
            return
        history = HistoryPage.objects.first()
        lectureship = LectureshipPage.objects.first()
        alumni = AlumniPage.objects.first()
        dei = DEIPage.objects.first()
        plan = StrategicPlanPage.objects.first()
        about.body = [
            self.block(
                "cycle_diagram",
                {
                    "centre": "Health Problem of Interest to a Learning Community",
                    "stages": self.items(
                        [
                            {
                                "name": "Performance to Data",
                                "text": "Data are assembled from ongoing health care "
                                "encounters as they happen.",
                            },
                            {
                                "name": "Data to Knowledge",
                                "text": "The data are aggregated and analyzed to learn "
                                "from each encounter.",
                            },
                            {
                                "name": "Knowledge to Performance",
                                "text": "New knowledge is incorporated into practice to "
                                "improve health and health care.",
                            },
                        ]
                    ),
                    "description": (
                        "The Learning Health System loop is a cyclical framework with three main "
                        "sections. Each section uses data from ongoing health care encounters and "
                        "continuously aggregates, analyzes, and learns from each encounter, to "
                        "incorporate new knowledge into practice for improvements in health and "
                        "health care. The analyzing and learning process creates a natural "
                        "feedback loop."
                    ),
                },
            ),
            self.block(
                "link_cards",
                {
                    "heading": "",
                    "cards": self.items(
                        [
                            self.card(
                                alumni,
                                "Meet alumni from our graduate programs and stay up-to-date "
                                "with news from our department.",
                                title="Alumni",
                            ),
                            self.card(
                                history,
                                "Discover our work translating medical knowledge into better "
                                "health and clinical performance.",
                                title="History",
                            ),
                            self.card(
                                lectureship,
                                "Join in our knowledge exchange between current faculty and "
                                "visiting scholars.",
                                title="Roland (Red) Hiss Lectureship",
                            ),
                        ]
                    ),
                },
            ),
            self.block("heading", {"heading_text": "Our Learning Culture", "level": "h2"}),
            self.block(
                "paragraph",
                "<p>Learning is predicated on and sustained by a set of values that groups, "
                "organizations, and systems can share. In its broader sense, learning can be "
                "viewed as a field of trans-disciplinary scientific investigation.</p>"
                "<p>This field, known as the learning sciences, delves deep into the "
                "understanding of learning processes and their supporting infrastructures "
                "across various levels of scale. It is a rich intellectual tapestry that brings "
                "together behavioral, social, implementation, and organizational science; "
                "cognitive and information science; ethics and policy science, and other "
                "fields, creating a complex and comprehensive understanding of learning.</p>"
                "<p>In DLHS, the learning culture values an openness to new information and a "
                "readiness to change on that basis rapidly.</p>",
            ),
            self.block(
                "comparison_table",
                {
                    "intro": "",
                    "table": {
                        "caption": "How the DLHS vision of learning differs from prior "
                        "conceptualizations",
                        "columns": [
                            {"type": "text", "heading": "Prior conceptualizations of learning"},
                            {"type": "text", "heading": "The DLHS vision of learning"},
                        ],
                        "rows": [
                            {"values": pair}
                            for pair in [
                                [
                                    "Learning is focused on individuals",
                                    "Learning can occur in individuals, groups, organizations, "
                                    "systems, regions, states, nations (at any level of scale)",
                                ],
                                [
                                    "Learning occurs at a specific time and location",
                                    "Learning occurs everywhere and continuously",
                                ],
                                [
                                    "Learning is an activity with known endpoints",
                                    "Learning is a product of a virtuous cycle of continuous "
                                    "improvement",
                                ],
                                [
                                    "Learning occurs in bounded settings, which limits "
                                    "diffusion across wider groups",
                                    "Learning is supported by infrastructure for rapid and "
                                    "efficient sharing of knowledge across groups",
                                ],
                                [
                                    "Learning is viewed as a burden or kind of overhead",
                                    "Learning is embedded in routine practice as a culture "
                                    "unto itself",
                                ],
                            ]
                        ],
                    },
                },
            ),
            self.block("heading", {"heading_text": "Our Approach", "level": "h2"}),
            self.block(
                "paragraph",
                "<p>There is a critical question at the heart of the learning health sciences "
                "philosophy: How do we expedite the data-driven transformation of a system that "
                "encompasses over one-sixth of a nation's economy and is responsible for the "
                "health and welfare of the entire population? We believe the answer lies in "
                "Learning Health Systems.</p>",
            ),
            self.block(
                "video",
                {
                    "title": "Essence of Learning Health Systems",
                    "video": None,
                    "description": 'Learn more in our "Essence of Learning Health Systems" '
                    "webinar.",
                    "link": self.link(
                        url="https://medicine.umich.edu/dept/lhs",
                        label="Find the webinar on the department's website",
                    ),
                },
            ),
            self.block(
                "heading", {"heading_text": "Strategic Plan & DEI Initiatives", "level": "h2"}
            ),
            self.block(
                "paragraph",
                "<p>As a result of a robust, collaborative planning process, DLHS completed its "
                "first departmental strategic plan in 2017 and is now updating its goals. The "
                "department continues to be guided by the following goals:</p>",
            ),
            self.block(
                "goals",
                {
                    "heading": "",
                    "goals": self.items(
                        [{"title": title, "description": ""} for title in SEED_GOALS]
                    ),
                    "note": "All of these goals are of high and equal importance to the success "
                    "of DLHS.",
                },
            ),
            self.block(
                "link_cards",
                {
                    "heading": "",
                    "cards": self.items(
                        [
                            self.card(
                                dei,
                                "How the department promotes diversity, equity, and inclusion "
                                "within DLHS.",
                                title="Explore our DEI Initiatives",
                            ),
                            self.card(
                                plan,
                                "The four goals of the departmental strategic plan and the "
                                "progress on each.",
                                title="Read the strategic plan",
                            ),
                        ]
                    ),
                },
            ),
            self.block(
                "news_teaser", {"heading": "Featured News & Stories", "count": 6, "tag": ""}
            ),
        ]
        about.save_revision().publish()
        self.report(
            "Added the About page's sections: the LHS loop, learning culture, approach, "
            "strategic plan & DEI and featured news"
        )

    def history(self, about):
        history, _ = self.child(
            about,
            HistoryPage,
            "history",
            title="History",
            intro="Discover our work translating medical knowledge into better health and "
            "clinical performance.",
            # Only what the seed says; editors add the department's earlier history.
            milestones=[
                HistoryMilestone(
                    year=2017,
                    title="The first departmental strategic plan",
                    text="<p>A robust, collaborative planning process produces the "
                    "department's first strategic plan.</p>",
                ),
                HistoryMilestone(
                    year=2025,
                    title="Clinical Simulation Center accredited",
                    text="<p>The Clinical Simulation Center (CSC) receives a full 5-year "
                    "accreditation from the American College of Surgeons.</p>",
                ),
            ],
        )
        return history

    def lectureship(self, about):
        lectureship, _ = self.child(
            about,
            LectureshipPage,
            "hiss-lectureship",
            title="Roland (Red) Hiss Lectureship",
            intro="Join in our knowledge exchange between current faculty and visiting scholars.",
            hero_image=demo_images.demo_image(
                "Lecture hall",
                "Illustration of a lecture: a speaker at a lectern in front of a projected slide "
                "and rows of seats.",
                demo_images.paint_lecture_hall,
            ),
            # The seed says nothing about Dr. Hiss himself: the sample says so rather than invent.
            namesake="<p>The lectureship is named in honor of Roland (Red) Hiss. <em>Sample "
            "text: the department adds his biography here.</em></p>",
            purpose="<p>The lectureship is a knowledge exchange between current faculty and "
            "visiting scholars: a visiting scholar lectures, and the department's faculty, staff "
            "and students join the conversation.</p>",
            how_to_attend="<p>Each lecture's page gives its date, time and place, and its "
            "registration or online link when it has one. Add one lecture or the whole series "
            "to your calendar from this page.</p>",
        )
        today = timezone.localdate()
        speaker_photo = demo_images.demo_image(
            "Portrait placeholder: visiting scholar",
            "Placeholder silhouette in place of a visiting scholar's photograph.",
            demo_images.portrait_painter((0, 39, 76)),
            size=(800, 800),
        )
        self.child(
            lectureship,
            LecturePage,
            "learning-from-every-encounter",
            title="Learning from every encounter",
            speaker_name="Visiting scholar (sample lecture)",
            speaker_title="Professor of Health Informatics",
            speaker_affiliation="A visiting university",
            speaker_bio="<p>A sample past lecture: editors replace it with the series' own.</p>",
            speaker_photo=speaker_photo,
            date=datetime.date(today.year - 1, 10, 15),
            start_time=datetime.time(16, 0),
            end_time=datetime.time(17, 30),
            venue="Taubman Health Sciences Library",
            venue_address="1135 Catherine St, Ann Arbor, MI 48109",
            abstract="<p>How health systems turn the data of routine care into knowledge, and "
            "knowledge back into better practice.</p>",
        )
        self.child(
            lectureship,
            LecturePage,
            "scaling-learning-health-systems",
            title="Scaling learning health systems across states and nations",
            speaker_name="Visiting scholar (sample lecture)",
            speaker_title="Director of a learning health system network",
            speaker_affiliation="A partner institution",
            speaker_bio="<p>A sample upcoming lecture: editors replace it with the series' "
            "own.</p>",
            speaker_photo=speaker_photo,
            date=datetime.date(today.year + 1, 4, 16),
            start_time=datetime.time(16, 0),
            end_time=datetime.time(17, 30),
            venue="Taubman Health Sciences Library",
            venue_address="1135 Catherine St, Ann Arbor, MI 48109",
            online_url="https://umich.zoom.us/",
            abstract="<p>What it takes for learning to happen at the scale of whole states "
            "and nations.</p>",
        )
        return lectureship

    def dei(self, about):
        dei, _ = self.child(
            about,
            DEIPage,
            "dei",
            title="DEI Initiatives",
            intro="Promoting diversity, equity, and inclusion within DLHS is one of the "
            "department's four strategic goals.",
            initiatives=[
                DEIInitiative(
                    title="Diversity, equity and inclusion in the strategic plan",
                    description="Promote diversity, equity, and inclusion within DLHS: a goal "
                    "of high and equal importance to the department's success.",
                ),
            ],
        )
        return dei

    def strategic_plan(self, about, dei):
        plan, _ = self.child(
            about,
            StrategicPlanPage,
            "strategic-plan",
            title="Strategic Plan",
            intro="As a result of a robust, collaborative planning process, DLHS completed its "
            "first departmental strategic plan in 2017 and is now updating its goals.",
            plan_year=2017,
            goals_note="All of these goals are of high and equal importance to the success of "
            "DLHS.",
            dei_page=dei,
            goals=[StrategicGoal(title=title, status="ongoing") for title in SEED_GOALS],
        )
        return plan

    def alumni(self, about, people):
        alumni, _ = self.child(
            about,
            AlumniPage,
            "alumni",
            title="Alumni",
            intro="Meet alumni from our graduate programs and stay up-to-date with news from "
            "our department.",
            # The seed names no alumni (its people are students and faculty): labelled samples.
            spotlights=[
                AlumniSpotlight(
                    name="Sample spotlight: a HILS graduate",
                    headline="Health Infrastructures and Learning Systems (sample)",
                    story="A short story about a graduate: where they work now and what they "
                    "took from the program. Editors replace this sample with real spotlights, or "
                    "choose a person with an alumni profile.",
                ),
                AlumniSpotlight(
                    name="Sample spotlight: an MHPE graduate",
                    headline="Master of Health Professions Education (sample)",
                    story="A second sample: a graduate who leads education in a health system "
                    "and brings learning health system ideas to it.",
                ),
            ],
        )
        return alumni

    def alumni_update_form(self, alumni, programs):
        fields = [
            ("Your name", "singleline", True, ""),
            # "program" lists the Programs snippets, so a new program needs no form edit.
            ("Program", "program", True, ""),
            ("Graduation year", "year", True, ""),
            ("Your news", "multiline", True, ""),
            ("Link", "url", False, ""),
            (
                "I agree that the department may publish this update",
                "checkbox",
                True,
                "",
            ),
        ]
        self.child(
            alumni,
            AlumniUpdateFormPage,
            "share-your-news",
            title="Share your news",
            intro="<p>Tell us what you have been doing since you graduated: a new position, a "
            "publication, an award. We may share it with the department.</p>",
            thank_you_text="<p>Thank you! We read every update and will be in touch before "
            "we publish anything.</p>",
            to_address="dlhs-alumni@example.edu",
            from_address="noreply@example.edu",
            subject="An alumni update from the website",
            form_fields=[
                AlumniUpdateFormField(
                    label=label, field_type=kind, required=required, choices=choices
                )
                for label, kind, required, choices in fields
            ],
        )

    # --- news ----------------------------------------------------------------------------

    def news_index(self, home):
        index, _ = self.child(
            home,
            NewsIndexPage,
            "news",
            title="News & Stories",
            intro="News from the department, and stories about our work from Health Lab and "
            "Medical School News.",
            show_in_menus=True,
        )
        return index

    def news_categories(self):
        categories = {}
        for name, description in [
            ("Health Lab", "Stories from Michigan Medicine's Health Lab."),
            ("Department News", "News from the Department of Learning Health Sciences."),
            ("Medical School News", "News from the University of Michigan Medical School."),
        ]:
            category, created = NewsCategory.objects.get_or_create(
                slug=slugify(name), defaults={"name": name, "description": description}
            )
            if created:
                self.report(f"Added news category “{name}”")
            categories[category.slug] = category
        return categories

    def seed_stories(self, index, categories, people):
        for story in SEED_STORIES:
            image = None
            if story.get("image"):
                title, alt, painter = story["image"]
                image = demo_images.demo_image(title, alt, painter)

            def prepare(page, story=story):
                page.tags.add(*story["tags"])
                page.related_people = [
                    NewsPagePerson(person=people[slug]) for slug in story.get("people", ())
                ]

            self.child(
                index,
                NewsPage,
                story["slug"],
                prepare=prepare,
                title=story["title"],
                date=story["date"],
                category=categories[story["category"]],
                teaser=story["teaser"],
                hero_image=image,
                featured=True,
                source_url=story.get("source_url", ""),
                source_name=story.get("source_name", ""),
                body=[self.block("paragraph", f"<p>{story['teaser']}</p>")],
            )

    def generated_stories(self, index, categories, count):
        existing = set(
            NewsPage.objects.child_of(index)
            .filter(slug__startswith="sample-story-")
            .values_list("slug", flat=True)
        )
        wanted = [f"sample-story-{number:05d}" for number in range(1, count + 1)]
        missing = [slug for slug in wanted if slug not in existing]
        if not missing:
            return
        category_list = list(categories.values())
        now = timezone.now()
        self.add_in_batches(
            NewsPage,
            missing,
            "stories",
            lambda slug: self.generated_story(index, slug, category_list, now),
        )

    def generated_story(self, index, slug, category_list, now):
        number = int(slug.rsplit("-", 1)[1])
        topic = GENERATED_TOPICS[number % len(GENERATED_TOPICS)]
        page = NewsPage(
            slug=slug,
            title=f"{topic['title']} (sample story {number})",
            date=GENERATED_STORIES_END - datetime.timedelta(days=number // 3),
            category=category_list[number % len(category_list)],
            teaser=topic["teaser"],
            body=[self.block("paragraph", f"<p>{topic['teaser']}</p>")],
            live=True,
            first_published_at=now,
            last_published_at=now,
        )
        # Seeded by the story's number: the same tags whichever run makes the story.
        randomiser = random.Random(number)  # noqa: S311 - sample text, not security
        page.tags.add(*randomiser.sample(topic["tags"], k=min(2, len(topic["tags"]))))
        # Generated stories skip revisions: thousands of them would only slow the load.
        index.add_child(instance=page)
        return page

    # --- people --------------------------------------------------------------------------

    def people_index(self, home):
        index, _ = self.child(
            home,
            PeopleIndexPage,
            "people",
            title="People",
            intro="Faculty, staff, students and alumni of the Department of Learning Health "
            "Sciences.",
            show_in_menus=True,
        )
        return index

    def people_vocabularies(self):
        roles = {}
        for order, (name, plural) in enumerate(
            [
                ("Faculty", "Faculty"),
                ("Staff", "Staff"),
                ("Student", "Students"),
                ("Alumni", "Alumni"),
            ]
        ):
            role, created = PersonRole.objects.get_or_create(
                slug=slugify(name),
                defaults={"name": name, "plural_name": plural, "sort_order": order},
            )
            if created:
                self.report(f"Added role “{name}”")
            roles[role.slug] = role
        programs = {}
        for name, short, slug in [
            ("Health Infrastructures and Learning Systems (HILS) Master's", "HILS MS", "hils-ms"),
            ("Health Infrastructures and Learning Systems (HILS) PhD", "HILS PhD", "hils-phd"),
            ("Master of Health Professions Education", "MHPE", "mhpe"),
        ]:
            program, created = Program.objects.get_or_create(
                slug=slug, defaults={"name": name, "short_name": short}
            )
            if created:
                self.report(f"Added program “{short}”")
            programs[slug] = program
        return roles, programs

    def seed_people(self, index, roles, programs):
        people = {}
        for person in SEED_PEOPLE:
            photo = demo_images.demo_image(
                f"Portrait placeholder: {person['title']}",
                f"Placeholder silhouette in place of a photograph of {person['title']}.",
                demo_images.portrait_painter(person["colour"]),
                size=(800, 800),
            )

            def prepare(page, person=person):
                page.roles.set([roles[slug] for slug in person["roles"]])
                page.research_interests.add(*person.get("interests", ()))

            page, _ = self.child(
                index,
                PersonPage,
                person["slug"],
                prepare=prepare,
                title=person["title"],
                family_name=person["family_name"],
                degrees=person.get("degrees", ""),
                job_title=person["job_title"],
                short_bio=person["short_bio"],
                bio=f"<p>{person['short_bio']}</p>",
                photo=photo,
                program=programs.get(person.get("program", "")),
            )
            people[person["slug"]] = page
        return people

    def generated_people(self, index, roles, programs, count):
        existing = set(
            PersonPage.objects.child_of(index)
            .filter(slug__startswith="sample-person-")
            .values_list("slug", flat=True)
        )
        wanted = [f"sample-person-{number:04d}" for number in range(1, count + 1)]
        missing = [slug for slug in wanted if slug not in existing]
        if not missing:
            return
        now = timezone.now()
        self.add_in_batches(
            PersonPage,
            missing,
            "people",
            lambda slug: self.generated_person(index, slug, roles, programs, now),
        )

    def generated_person(self, index, slug, roles, programs, now):
        number = int(slug.rsplit("-", 1)[1])
        given = GIVEN_NAMES[number % len(GIVEN_NAMES)]
        family = FAMILY_NAMES[(number * 7) % len(FAMILY_NAMES)]
        role = GENERATED_ROLE_CYCLE[number % len(GENERATED_ROLE_CYCLE)]
        is_learner = role in {"student", "alumni"}
        program_list = list(programs.values())
        page = PersonPage(
            slug=slug,
            title=f"{given} {family}",
            family_name=family,
            job_title=SAMPLE_JOB_TITLES[role],
            short_bio=f"A sample {role} profile for trying out the directory.",
            program=program_list[number % len(program_list)] if is_learner else None,
            graduation_year=2010 + number % 15 if role == "alumni" else None,
            current_position="Health system analyst" if role == "alumni" else "",
            live=True,
            first_published_at=now,
            last_published_at=now,
        )
        page.roles.set([roles[role]])
        index.add_child(instance=page)
        return page


SEED_GOALS = [
    "Promote targeted growth and expansion of DLHS research.",
    "Achieve sustainability of the department's educational programs.",
    "Advance DLHS faculty and staff as leaders and innovators in a department that stands out "
    "nationwide for its unique mission and research expertise. Continue to develop and refine "
    "the department's identity as a basic science department.",
    "Promote diversity, equity, and inclusion within DLHS.",
]

HEALTH_LAB = {
    "source_name": "Health Lab",
    "source_url": "https://www.michiganmedicine.org/health-lab",
}

SEED_STORIES = [
    {
        "slug": "adults-dont-trust-health-care-to-use-ai-responsibly",
        "title": "Adults don’t trust health care to use AI responsibly and without harm",
        "date": datetime.date(2025, 10, 6),
        "category": "health-lab",
        "tags": ["AI", "research", "patient trust"],
        "teaser": "Research finds that adults surveyed had low trust in their health care system "
        "to use artificial intelligence responsibly and others had low trust in their health "
        "care systems to make sure an AI tool would not harm them.",
        "image": (
            "Laptop with stethoscope",
            "Laptop graphic with stethoscope",
            demo_images.paint_laptop_stethoscope,
        ),
        **HEALTH_LAB,
    },
    {
        "slug": "kudos-to-patrick-lewicki-on-lhs-publication",
        "title": "Kudos to HILS Master’s student Patrick Lewicki on LHS publication",
        "date": datetime.date(2025, 9, 22),
        "category": "department-news",
        "tags": ["students", "HILS", "publications", "learning health systems"],
        "teaser": "Faculty and staff in the Department of Learning Health Sciences and the "
        "Health Infrastructures and Learning Systems (HILS) program congratulate HILS Master’s "
        "student, Patrick Lewicki for his recent publication about LHS in low resource "
        "settings.",
        "people": ["patrick-lewicki"],
    },
    {
        "slug": "diagnostic-stewardship-optimizes-detection-of-appendicitis",
        "title": "Diagnostic stewardship optimizes detection of appendicitis",
        "date": datetime.date(2025, 8, 27),
        "category": "health-lab",
        "tags": ["research", "diagnostic stewardship", "emergency care"],
        "teaser": "University of Michigan researchers found that emergency departments vary "
        "widely in how they balance the need to diagnose appendicitis with the potential harms "
        "of overtesting.",
        "image": (
            "Child with stomach ache",
            "Little girl in pain with pink background touching stomach and seeing inside red",
            demo_images.paint_child_stomach_ache,
        ),
        **HEALTH_LAB,
    },
    {
        "slug": "helen-k-morgan-appointed-faculty-chair-elect-for-womens-careers",
        "title": "Helen K. Morgan, M.D., appointed faculty chair-elect for women’s careers",
        "date": datetime.date(2025, 7, 14),
        "category": "medical-school-news",
        "tags": ["faculty", "leadership", "women in medicine"],
        "teaser": "Helen K. Morgan, M.D., a clinical professor of obstetrics and gynecology and "
        "learning health sciences, has been appointed faculty chair-elect for women’s careers in "
        "the Medical School. The chair-elect is one of several new Medical School roles "
        "developed during the past year that focus on the advancement — and overall thriving — "
        "of women pursuing careers in academic medicine and science at Michigan Medicine. "
        "Morgan will become chair in January 2026, and after her term is complete, she will "
        "serve in an advisory role as post-chair in 2028-29",
        "source_name": "Medical School News",
        "source_url": "https://medicine.umich.edu/medschool/news",
        "people": ["helen-k-morgan"],
    },
    {
        "slug": "katie-lynch-named-cnay-2025-champion-for-change",
        "title": "HILS PhD student Katie Lynch named CNAY 2025 Champion for Change",
        "date": datetime.date(2025, 6, 30),
        "category": "department-news",
        "tags": ["students", "HILS", "awards"],
        "teaser": "The Department of Learning Health Sciences (DLHS) and the faculty and "
        "program staff of the Health Infrastructures and Learning Systems (HILS) congratulate "
        "PhD candidate, Katie Lynch on being named a Center for Native American Youth (CNAY) "
        "2025 Champion for Change.",
        "image": (
            "Champion for Change award",
            "Illustration of a gold medal on a blue ribbon, for Katie Lynch's CNAY 2025 "
            "Champion for Change award",
            demo_images.paint_award,
        ),
        "people": ["katie-lynch"],
    },
    {
        "slug": "clinical-simulation-center-full-accreditation-from-acs",
        "title": "Clinical Simulation Center (CSC) gets full 5-year accreditation from ACS",
        "date": datetime.date(2025, 6, 2),
        "category": "department-news",
        "tags": ["simulation", "accreditation", "education"],
        "teaser": "Congratulations to the Clinical Simulation Center (CSC) team on receiving a "
        "full 5-year accreditation from the American College of Surgeons.",
        "image": (
            "Simulation lab",
            "Illustration of a simulation lab: a training manikin on a hospital bed beside a "
            "patient monitor.",
            demo_images.paint_simulation_lab,
        ),
    },
]

SEED_PEOPLE = [
    {
        "slug": "helen-k-morgan",
        "title": "Helen K. Morgan",
        "family_name": "Morgan",
        "degrees": "M.D.",
        "roles": ["faculty"],
        "job_title": "Clinical Professor of Obstetrics and Gynecology and Learning Health Sciences",
        "short_bio": "Faculty chair-elect for women’s careers in the Medical School; she becomes "
        "chair in January 2026.",
        "interests": ["medical education", "women in medicine"],
        "colour": (31, 63, 102),
    },
    {
        "slug": "patrick-lewicki",
        "title": "Patrick Lewicki",
        "family_name": "Lewicki",
        "roles": ["student"],
        "program": "hils-ms",
        "job_title": "HILS Master’s student",
        "short_bio": "HILS Master’s student who published on learning health systems in low "
        "resource settings.",
        "interests": ["learning health systems", "low resource settings"],
        "colour": (0, 84, 140),
    },
    {
        "slug": "katie-lynch",
        "title": "Katie Lynch",
        "family_name": "Lynch",
        "roles": ["student"],
        "program": "hils-phd",
        "job_title": "HILS PhD candidate",
        "short_bio": "HILS PhD candidate, named a Center for Native American Youth (CNAY) 2025 "
        "Champion for Change.",
        "interests": ["Native American youth", "health equity"],
        "colour": (91, 42, 134),
    },
]

GENERATED_TOPICS = [
    {
        "title": "Alumni update: learning health systems in practice",
        "teaser": "A graduate of our programs describes building a learning health system.",
        "tags": ["alumni", "learning health systems", "HILS"],
    },
    {
        "title": "New study on data-driven improvement",
        "teaser": "Researchers report how routine care data can drive continuous improvement.",
        "tags": ["research", "AI", "data science"],
    },
    {
        "title": "Students present at a national meeting",
        "teaser": "Students share their work on learning systems with peers across the country.",
        "tags": ["students", "HILS", "education"],
    },
    {
        "title": "Simulation training reaches more learners",
        "teaser": "Simulation-based education expands to more clinical teams.",
        "tags": ["simulation", "education"],
    },
]

GIVEN_NAMES = [
    "Alex", "Amara", "Ben", "Chen", "Dana", "Elif", "Fatima", "Gabriel", "Hana", "Ivan",
    "Jamal", "Keiko", "Lucia", "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sanjay",
]  # fmt: skip
FAMILY_NAMES = [
    "Abbott", "Baker", "Castillo", "Dubois", "Eriksen", "Fernandez", "Gupta", "Haddad",
    "Ibrahim", "Jensen", "Kowalski", "Lee", "Mensah", "Nakamura", "Okafor", "Patel",
    "Quintero", "Rossi", "Santos", "Tanaka", "Usman", "Vargas", "Wojcik", "Yilmaz", "Zhang",
]  # fmt: skip
SAMPLE_JOB_TITLES = {
    "faculty": "Assistant Professor of Learning Health Sciences",
    "staff": "Program Coordinator",
    "student": "Graduate student",
    "alumni": "Graduate of the department",
}
