"""Factories for every content model; each page factory needs ``parent=`` (a live page)."""

import datetime
import io

import factory
import wagtail_factories
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from PIL import Image as PILImage

from dlhs.models import SiteImage
from events.models import EventAudience, EventIndexPage, EventKind, EventPage, EventSeries
from news.models import NewsCategory, NewsIndexPage, NewsPage, NewsPagePerson
from pages.models import (
    AboutPage,
    AlumniPage,
    DEIPage,
    HistoryMilestone,
    HistoryPage,
    LectureshipPage,
    StandardPage,
    StrategicGoal,
    StrategicPlanPage,
)
from people.models import PeopleIndexPage, PersonPage, PersonRole, Program


def jpeg_file(name="picture.jpg", size=(640, 480), colour=(0, 39, 76)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="JPEG")
    return ImageFile(io.BytesIO(buffer.getvalue()), name=name)


class SiteImageFactory(DjangoModelFactory):
    class Meta:
        model = SiteImage

    title = factory.Sequence(lambda n: f"Picture {n}")
    description = factory.Sequence(lambda n: f"A blue rectangle, picture {n}")
    file = factory.LazyFunction(jpeg_file)
    collection = factory.LazyFunction(
        lambda: wagtail_factories.CollectionFactory._meta.model.get_first_root_node()
    )


class PageFactory(wagtail_factories.PageFactory):
    """Creates live pages; pass ``parent=``."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Page {n}")
    live = True
    first_published_at = factory.LazyFunction(timezone.now)
    last_published_at = factory.LazyFunction(timezone.now)


class AboutPageFactory(PageFactory):
    class Meta:
        model = AboutPage

    title = "About"
    slug = "about"
    mission = "<p>Our mission.</p>"
    vision = "<p>Our vision.</p>"


class StandardPageFactory(PageFactory):
    class Meta:
        model = StandardPage

    intro = "An ordinary page."


class HistoryPageFactory(PageFactory):
    class Meta:
        model = HistoryPage

    title = "History"
    slug = "history"


class HistoryMilestoneFactory(DjangoModelFactory):
    class Meta:
        model = HistoryMilestone

    year = 2015
    title = factory.Sequence(lambda n: f"Milestone {n}")


class LectureshipPageFactory(PageFactory):
    class Meta:
        model = LectureshipPage

    title = "Roland (Red) Hiss Lectureship"
    slug = "hiss-lectureship"
    series = factory.SubFactory(
        "tests.factories.EventSeriesFactory",
        name="Roland (Red) Hiss Lectureship",
        slug="hiss-lectureship",
    )


class StrategicPlanPageFactory(PageFactory):
    class Meta:
        model = StrategicPlanPage

    title = "Strategic Plan"
    slug = "strategic-plan"
    plan_year = 2017


class StrategicGoalFactory(DjangoModelFactory):
    class Meta:
        model = StrategicGoal

    title = factory.Sequence(lambda n: f"Goal {n}")


class DEIPageFactory(PageFactory):
    class Meta:
        model = DEIPage

    title = "DEI Initiatives"
    slug = "dei"


class AlumniPageFactory(PageFactory):
    class Meta:
        model = AlumniPage

    title = "Alumni"
    slug = "alumni"


class NewsCategoryFactory(DjangoModelFactory):
    class Meta:
        model = NewsCategory
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class NewsIndexPageFactory(PageFactory):
    class Meta:
        model = NewsIndexPage

    title = "News"
    slug = "news"


class NewsPageFactory(PageFactory):
    """A story; ``tags=["alumni", ...]`` sets its tags."""

    class Meta:
        model = NewsPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Story {n}")
    date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    teaser = "Something happened in the department."
    category = factory.SubFactory(NewsCategoryFactory, name="Department News")

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)
            if create:
                self.save()


class NewsPagePersonFactory(DjangoModelFactory):
    class Meta:
        model = NewsPagePerson


class PersonRoleFactory(DjangoModelFactory):
    class Meta:
        model = PersonRole
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Role {n}")
    plural_name = factory.LazyAttribute(lambda o: f"{o.name}s")
    slug = factory.LazyAttribute(lambda o: o.name.lower())


class ProgramFactory(DjangoModelFactory):
    class Meta:
        model = Program
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Program {n}")
    short_name = factory.Sequence(lambda n: f"P{n}")
    slug = factory.Sequence(lambda n: f"program-{n}")


class PeopleIndexPageFactory(PageFactory):
    class Meta:
        model = PeopleIndexPage

    title = "People"
    slug = "people"


class PersonPageFactory(PageFactory):
    """A profile; ``roles=[role, ...]`` sets its roles (default: none)."""

    class Meta:
        model = PersonPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Person {n} Example")
    family_name = factory.Sequence(lambda n: f"Example{n:04d}")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if extracted:
            self.roles.set(extracted)
            if create:
                self.save()


class EventKindFactory(DjangoModelFactory):
    class Meta:
        model = EventKind
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Kind {n}")
    slug = factory.LazyAttribute(lambda kind: slugify(kind.name))


class EventAudienceFactory(DjangoModelFactory):
    class Meta:
        model = EventAudience
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Audience {n}")
    slug = factory.LazyAttribute(lambda audience: slugify(audience.name))


class EventSeriesFactory(DjangoModelFactory):
    class Meta:
        model = EventSeries
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Series {n}")
    slug = factory.LazyAttribute(lambda series: slugify(series.name))


class EventIndexPageFactory(PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Events"
    slug = "events"
    intro = "What is on at the department."


class EventPageFactory(PageFactory):
    """An event; ``audiences=[...]`` sets its audiences."""

    class Meta:
        model = EventPage
        skip_postgeneration_save = True

    kind = factory.SubFactory(EventKindFactory, name="Seminar", slug="seminar")
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=7))
    start_time = datetime.time(12, 0)
    end_time = datetime.time(13, 0)
    place = "Taubman Health Sciences Library"
    address = "1135 Catherine St, Ann Arbor, MI 48109"
    summary = "A sample event of the department."

    @factory.post_generation
    def audiences(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.audiences.set(extracted)
            obj.save()


class LectureFactory(EventPageFactory):
    """A lecture of the Hiss Lectureship: an event of its series, kind "Lecture"; give
    ``parent=`` the lectureship page (or the calendar)."""

    title = factory.Sequence(lambda n: f"Lecture {n}")
    kind = factory.SubFactory(EventKindFactory, name="Lecture", slug="lecture")
    series = factory.SubFactory(
        EventSeriesFactory, name="Roland (Red) Hiss Lectureship", slug="hiss-lectureship"
    )
    start_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    start_time = datetime.time(16, 0)
    end_time = datetime.time(17, 30)
    summary = "A lecture of the Hiss Lectureship."
