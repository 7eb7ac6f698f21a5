"""The department's page tree for tests, built with the factories."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from pages.models import DEIInitiative, HistoryMilestone, StrategicGoal
from tests.factories import (
    AboutPageFactory,
    AlumniPageFactory,
    DEIPageFactory,
    HistoryPageFactory,
    LectureFactory,
    LectureshipPageFactory,
    SiteImageFactory,
    StandardPageFactory,
    StrategicPlanPageFactory,
)


def department_tree(home):
    """Home → About → every section page, with a few children and a picture at the top."""
    picture = SiteImageFactory(description="Students at a whiteboard")
    about = AboutPageFactory(
        parent=home,
        eyebrow="Explore The Concept of Learning",
        intro="Join us.",
        hero_image=picture,
        mission="<p>Our mission text.</p>",
        vision="<p>Our vision text.</p>",
    )
    history = HistoryPageFactory(
        parent=about,
        milestones=[
            HistoryMilestone(year=2020, title="Third", sort_order=0),
            HistoryMilestone(year=2010, title="First", sort_order=1),
            HistoryMilestone(year=2015, title="Second", sort_order=2),
        ],
    )
    lectureship = LectureshipPageFactory(
        parent=about, namesake="<p>Namesake.</p>", how_to_attend="<p>Come along.</p>"
    )
    today = timezone.localdate()
    upcoming = LectureFactory(
        parent=lectureship,
        title="An upcoming lecture",
        slug="upcoming-lecture",
        start_date=today + datetime.timedelta(days=30),
        registration_url="https://example.edu/register",
        attendance="hybrid",
        join_url="https://example.edu/stream",
        image=SiteImageFactory(),
    )
    past = LectureFactory(
        parent=lectureship,
        title="A past lecture",
        slug="past-lecture",
        start_date=today - datetime.timedelta(days=400),
        recording_url="https://media.example.edu/recording",
        transcript="<p>What was said.</p>",
    )
    dei = DEIPageFactory(
        parent=about,
        initiatives=[
            DEIInitiative(title="Mentoring", description="Pairs.", link_url="https://example.edu")
        ],
    )
    plan = StrategicPlanPageFactory(
        parent=about,
        dei_page=dei,
        goals_note="All goals are equal.",
        goals=[
            StrategicGoal(title="Grow research", status="in_progress", progress_note="Two hires."),
            StrategicGoal(title="Sustain education"),
        ],
    )
    alumni = AlumniPageFactory(parent=about)
    standard = StandardPageFactory(parent=about, title="Contact", slug="contact")
    return SimpleNamespace(
        home=home,
        about=about,
        history=history,
        lectureship=lectureship,
        upcoming=upcoming,
        past=past,
        dei=dei,
        plan=plan,
        alumni=alumni,
        standard=standard,
        picture=picture,
    )
