"""load_demo_content builds every section of the client's About page, once."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page

from pages.models import AboutPage, HistoryPage, LecturePage, LectureshipPage

pytestmark = pytest.mark.django_db

SEED_GOALS = [
    "Promote targeted growth and expansion of DLHS research.",
    "Achieve sustainability of the department's educational programs.",
    "Advance DLHS faculty and staff as leaders and innovators",
    "Promote diversity, equity, and inclusion within DLHS.",
]


def load(**options):
    out = io.StringIO()
    call_command("load_demo_content", news=0, people=0, stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def demo_site(db):
    return load()


def words(node):
    return " ".join(node.get_text(" ").split())


def test_second_run_changes_nothing_and_keeps_editors_changes(demo_site):
    assert "Added about page “About Learning Health Sciences”" in demo_site
    about = AboutPage.objects.get()
    about.intro = "Edited by an editor."
    about.save_revision().publish()
    pages = Page.objects.count()
    revisions = [page.latest_revision_id for page in Page.objects.order_by("pk")]

    second = load()

    assert Page.objects.count() == pages
    assert [page.latest_revision_id for page in Page.objects.order_by("pk")] == revisions
    assert second.strip() == "Demo content is already in place; nothing changed."
    assert AboutPage.objects.get().intro == "Edited by an editor."


def test_about_page_shows_every_section_of_the_seed(client, demo_site):
    about = AboutPage.objects.get()
    response = client.get(about.url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    main = page.find("main")
    content = words(main)

    assert main.h1.get_text() == "About Learning Health Sciences"
    assert "Explore The Concept of Learning" in content
    assert "Join us in revolutionizing learning and transforming health." in content
    assert main.find("img")["alt"].startswith("A collaborative group discussion")

    mission = main.find("h2", string="Our Mission").parent
    assert "a basic science department in the University of Michigan Medical School" in words(
        mission
    )
    vision = main.find("h2", string="Our Vision").parent
    assert "embraces a bold and transcendent vision of learning" in words(vision)
    assert "virtuous continuous improvement cycle" in words(vision)

    # The Learning Health System loop: the centre title, its description, its three stages.
    svg = main.find("svg")
    assert svg.title.get_text() == "Health Problem of Interest to a Learning Community"
    loop = svg.parent
    assert "The Learning Health System loop is a cyclical framework" in words(loop.figcaption)
    assert len(loop.figcaption.find("ol").find_all("li")) == 3

    # The three teasers.
    teaser_titles = [title.get_text(strip=True) for title in main.select(".card__title")]
    for title in ("Alumni", "History", "Roland (Red) Hiss Lectureship"):
        assert title in teaser_titles
    history_card = main.find("a", string="History")
    assert history_card["href"] == HistoryPage.objects.get().url

    assert main.find("h2", string="Our Learning Culture")
    assert "the learning culture values an openness to new information" in content
    table = main.find("table")
    assert [th.get_text() for th in table.thead.find_all("th")] == [
        "Prior conceptualizations of learning",
        "The DLHS vision of learning",
    ]
    rows = table.tbody.find_all("tr")
    assert len(rows) == 5
    assert words(rows[4]) == (
        "Learning is viewed as a burden or kind of overhead "
        "Learning is embedded in routine practice as a culture unto itself"
    )

    assert main.find("h2", string="Our Approach")
    assert "We believe the answer lies in Learning Health Systems." in content
    assert "Essence of Learning Health Systems" in words(main.find(class_="video"))

    assert main.find("h2", string="Strategic Plan & DEI Initiatives")
    assert "completed its first departmental strategic plan in 2017" in content
    goals = [words(li) for li in main.select("ol.goal-list > li")]
    assert len(goals) == 4
    for expected, goal in zip(SEED_GOALS, goals, strict=True):
        assert goal.startswith(expected)
    assert "All of these goals are of high and equal importance to the success of DLHS." in content
    assert main.find("a", string="Explore our DEI Initiatives")


def test_every_demo_department_page_renders(client, demo_site):
    home = Page.objects.get(depth=2)
    response = client.get(home.url)
    assert response.status_code == 200
    assert b"Revolutionizing learning, transforming health" in response.content
    about = AboutPage.objects.get()
    for page in [about, *about.get_children().live().specific()]:
        assert client.get(page.url).status_code == 200, page.url

    lectureship = LectureshipPage.objects.get()
    assert lectureship.upcoming_lectures().count() == 1
    assert len(lectureship.past_lectures_by_year()) == 1
    lectures = LecturePage.objects.all()
    # Sample lectures say they are samples: no real speaker is invented.
    assert all("(sample lecture)" in lecture.speaker_name for lecture in lectures)
    for page in [lectureship, *lectures]:
        assert client.get(page.url).status_code == 200, page.url
        assert client.get(page.url + "calendar/").status_code == 200
