"""Every page type: where it may live, that editors can create it, and that it serves."""

from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from events.models import EventIndexPage, EventPage
from news.models import NewsIndexPage
from pages.models import (
    AboutPage,
    AlumniPage,
    DEIPage,
    HistoryPage,
    HomePage,
    LectureshipPage,
    StandardPage,
    StrategicPlanPage,
)
from people.models import AlumniUpdateFormPage, PeopleIndexPage
from tests.factories import AboutPageFactory, EventKindFactory, LectureshipPageFactory
from tests.pages.builders import department_tree


def page_data(**fields):
    """Admin form data for a page: an empty body and empty comments unless given."""
    fields.setdefault("body", streamfield([]))
    fields.setdefault("comments", inline_formset([]))
    return nested_form_data(fields)


def lecture_data(start_time, end_time):
    """Admin form data for a lecture: an event of kind "Lecture" on 16 April 2031."""
    kind = EventKindFactory(name="Lecture", slug="lecture")
    speaker = {"person": "", "name": "Ada Visitor", "affiliation": "", "role": ""}
    return nested_form_data(
        {
            "title": "Learning at scale",
            "kind": kind.pk,
            "series": "",
            "start_date": "2031-04-16",
            "start_time": start_time,
            "end_date": "",
            "end_time": end_time,
            "time_zone": "America/Detroit",
            "attendance": "in_person",
            "place": "Taubman Health Sciences Library",
            "room": "",
            "address": "",
            "join_url": "",
            "registration_url": "",
            "no_registration_needed": "on",
            "status": "scheduled",
            "status_note": "",
            "rescheduled_to": "",
            "speakers": inline_formset([speaker]),
            "summary": "How systems learn.",
            "image": "",
            "body": streamfield([]),
            "recording_url": "",
            "recording_file": "",
            "captions": "",
            "transcript": rich_text(""),
            "documents": inline_formset([]),
            "comments": inline_formset([]),
        }
    )


class TestPageTreeRules(WagtailPageTestCase):
    def test_home_page_lives_at_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertCanNotCreateAt(AboutPage, HomePage)

    def test_home_page_children(self):
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                AboutPage,
                StandardPage,
                LectureshipPage,
                AlumniPage,
                NewsIndexPage,
                EventIndexPage,
                PeopleIndexPage,
            },
        )

    def test_about_page_holds_the_section_pages(self):
        self.assertAllowedParentPageTypes(AboutPage, {HomePage})
        self.assertAllowedSubpageTypes(
            AboutPage,
            {HistoryPage, LectureshipPage, StrategicPlanPage, DEIPage, AlumniPage, StandardPage},
        )

    def test_section_pages_live_under_about(self):
        for model in (HistoryPage, StrategicPlanPage, DEIPage):
            with self.subTest(model=model.__name__):
                self.assertAllowedParentPageTypes(model, {AboutPage})
                self.assertCanNotCreateAt(HomePage, model)
                self.assertCanNotCreateAt(StandardPage, model)
        self.assertAllowedParentPageTypes(LectureshipPage, {AboutPage, HomePage})
        self.assertAllowedParentPageTypes(AlumniPage, {AboutPage, HomePage})

    def test_lectures_are_events_in_the_lectureship_or_the_calendar(self):
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage, LectureshipPage})
        self.assertAllowedSubpageTypes(LectureshipPage, {EventPage})
        self.assertAllowedSubpageTypes(EventPage, set())
        self.assertCanNotCreateAt(AboutPage, EventPage)

    def test_leaf_pages_have_no_children(self):
        self.assertAllowedSubpageTypes(HistoryPage, set())
        self.assertAllowedSubpageTypes(StrategicPlanPage, set())

    def test_standard_pages_nest_under_content_pages(self):
        self.assertAllowedParentPageTypes(
            StandardPage, {HomePage, AboutPage, StandardPage, DEIPage, AlumniPage}
        )
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertAllowedSubpageTypes(DEIPage, {StandardPage})
        self.assertAllowedSubpageTypes(AlumniPage, {AlumniUpdateFormPage, StandardPage})
        self.assertCanNotCreateAt(LectureshipPage, StandardPage)
        self.assertCanNotCreateAt(HistoryPage, StandardPage)


class TestOnlyOneOfEach(WagtailPageTestCase):
    """max_count = 1 where the department has exactly one such page."""

    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.tree = department_tree(cls.home)

    def test_single_pages_cannot_be_added_twice(self):
        for model, parent in [
            (HomePage, Page.get_first_root_node()),
            (AboutPage, self.home),
            (HistoryPage, self.tree.about),
            (LectureshipPage, self.tree.about),
            (LectureshipPage, self.home),
            (StrategicPlanPage, self.tree.about),
            (DEIPage, self.tree.about),
            (AlumniPage, self.home),
        ]:
            with self.subTest(model=model.__name__, parent=type(parent).__name__):
                self.assertEqual(model.max_count, 1)
                self.assertFalse(model.can_create_at(parent))

    def test_many_lectures_and_standard_pages(self):
        self.assertTrue(EventPage.can_create_at(self.tree.lectureship))
        self.assertTrue(StandardPage.can_create_at(self.tree.about))
        self.assertTrue(StandardPage.can_create_at(self.tree.standard))


class TestEditorsCanCreateEachPageType(WagtailPageTestCase):
    """Each page type is created through the admin's own form, under an allowed parent."""

    @classmethod
    def setUpTestData(cls):
        cls.home = HomePage.objects.get()
        cls.editor = cls.create_superuser("editor")

    def setUp(self):
        self.client.force_login(self.editor)

    def about(self):
        return AboutPageFactory(parent=self.home)

    def test_home_page(self):
        self.home.delete()  # the migration made one; only one may exist
        self.assertCanCreate(
            Page.get_first_root_node(),
            HomePage,
            page_data(
                title="Learning Health Sciences",
                hero_heading="Revolutionizing learning",
                intro="Welcome.",
                hero_link_label="",
            ),
        )

    def test_about_page(self):
        self.assertCanCreate(
            self.home,
            AboutPage,
            page_data(
                title="About",
                eyebrow="Explore",
                intro="Who we are.",
                mission=rich_text("<p>Mission.</p>", features=["bold", "italic", "link"]),
                vision=rich_text("<p>Vision.</p>"),
            ),
        )

    def test_standard_page(self):
        self.assertCanCreate(
            self.about(),
            StandardPage,
            page_data(
                title="Education",
                intro="Programs.",
                body=streamfield([("paragraph", rich_text("<p>Text.</p>"))]),
            ),
        )

    def test_history_page(self):
        self.assertCanCreate(
            self.about(),
            HistoryPage,
            page_data(
                title="History",
                intro="",
                milestones=inline_formset(
                    [{"year": "2017", "title": "A plan", "text": rich_text("<p>Plan.</p>")}],
                    min=1,
                ),
            ),
        )
        page = HistoryPage.objects.get()
        self.assertEqual([m.year for m in page.timeline()], [2017])

    def test_lectureship_and_lecture(self):
        self.assertCanCreate(
            self.about(),
            LectureshipPage,
            page_data(
                title="Roland (Red) Hiss Lectureship",
                intro="",
                namesake=rich_text("<p>Namesake.</p>"),
                purpose=rich_text("<p>Purpose.</p>"),
                how_to_attend=rich_text("<p>How.</p>"),
            ),
        )
        lectureship = LectureshipPage.objects.get()
        self.assertCanCreate(lectureship, EventPage, lecture_data("16:00", "17:30"))
        lecture = EventPage.objects.get()
        self.assertEqual(lecture.get_parent().specific, lectureship)
        self.assertEqual(lecture.local_start.isoformat(), "2031-04-16T16:00:00-04:00")

    def test_lecture_ending_before_it_starts_is_refused(self):
        lectureship = LectureshipPageFactory(parent=self.about())
        with self.assertRaisesRegex(AssertionError, "end after it starts"):
            self.assertCanCreate(lectureship, EventPage, lecture_data("16:00", "15:00"))
        self.assertFalse(EventPage.objects.exists())

    def test_strategic_plan_page(self):
        self.assertCanCreate(
            self.about(),
            StrategicPlanPage,
            page_data(
                title="Strategic Plan",
                intro="",
                plan_year="2017",
                goals_note="Equal.",
                goals=inline_formset(
                    [
                        {"title": "Grow research", "description": "", "status": "ongoing"},
                        {"title": "Sustain education", "description": "", "status": ""},
                    ],
                    min=1,
                ),
            ),
        )
        plan = StrategicPlanPage.objects.get()
        self.assertEqual(
            [goal.title for goal in plan.goals.all()], ["Grow research", "Sustain education"]
        )

    def test_dei_page(self):
        self.assertCanCreate(
            self.about(),
            DEIPage,
            page_data(
                title="DEI Initiatives",
                intro="",
                initiatives=inline_formset(
                    [{"title": "Mentoring", "description": "Pairs.", "link_url": ""}]
                ),
            ),
        )

    def test_alumni_page(self):
        self.assertCanCreate(
            self.about(),
            AlumniPage,
            page_data(
                title="Alumni",
                intro="",
                news_tag="alumni",
                spotlights=inline_formset(
                    [{"name": "A graduate", "headline": "", "story": "Story.", "link_url": ""}]
                ),
            ),
        )


class TestEveryPageServes(WagtailPageTestCase):
    """Routable, renderable for visitors, and previewable for editors."""

    @classmethod
    def setUpTestData(cls):
        cls.tree = department_tree(HomePage.objects.get())

    def pages(self):
        tree = self.tree
        return [
            tree.home,
            tree.about,
            tree.history,
            tree.lectureship,
            tree.upcoming,
            tree.past,
            tree.plan,
            tree.dei,
            tree.alumni,
            tree.standard,
        ]

    def test_routable(self):
        for page in self.pages():
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRoutable(page)
        self.assertPageIsRoutable(self.tree.lectureship, "calendar/")
        self.assertPageIsRoutable(self.tree.upcoming, "calendar/")

    def test_renderable(self):
        for page in self.pages():
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRenderable(page)
        self.assertPageIsRenderable(self.tree.upcoming, "calendar/")

    def test_previewable(self):
        editor = self.create_superuser("editor")
        for page in self.pages():
            with self.subTest(page=type(page).__name__):
                self.client.force_login(editor)  # the assertion logs out when it is done
                edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
                data = querydict_from_html(
                    self.client.get(edit_url).content.decode(), form_id="page-edit-form"
                )
                # The body's editor is drawn by JavaScript, so its (empty) count is not in the
                # HTML form; the rest of the form data is what the edit view rendered.
                if "body-count" not in data and hasattr(page, "body"):
                    data["body-count"] = "0"
                self.assertPageIsPreviewable(page, post_data=data, user=editor)

    def test_one_h1_on_every_page(self):
        for page in self.pages():
            with self.subTest(page=type(page).__name__):
                html = self.client.get(page.url).content.decode()
                self.assertEqual(html.count("<h1"), 1)
