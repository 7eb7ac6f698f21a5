"""load_demo_content builds every section of the client's About page, once."""

import ast
import io
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Page

from events.models import EventPage
from pages.demo.copy import about as about_copy
from pages.demo.copy import history, home, strategic_plan
from pages.demo.copy import lectureship as lectureship_copy
from pages.demo.stream import raw_stream
from pages.models import AboutPage, HistoryPage, LectureshipPage

pytestmark = pytest.mark.django_db


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
    assert f"Added about page “{about_copy.PAGE['title']}”" in demo_site
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


def html_words(html):
    return words(BeautifulSoup(html, "html.parser"))


def test_about_page_shows_every_section_of_the_seed(client, demo_site):
    about = AboutPage.objects.get()
    response = client.get(about.url)
    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    main = page.find("main")
    content = words(main)

    assert main.h1.get_text() == about_copy.PAGE["title"]
    assert about_copy.PAGE["eyebrow"] in content
    assert about_copy.PAGE["intro"] in content
    assert main.find("img")["alt"] == about_copy.HERO_IMAGE["alt"]

    mission = main.find("h2", string="Our Mission").parent
    assert html_words(about_copy.PAGE["mission"]) in words(mission)
    vision = main.find("h2", string="Our Vision").parent
    assert html_words(about_copy.PAGE["vision"]) in words(vision)

    # The Learning Health System loop: the centre title, its description, its stages.
    loop_copy = about_copy.LEARNING_HEALTH_SYSTEM_LOOP
    svg = main.find("svg")
    assert svg.title.get_text() == loop_copy["centre"]
    loop = svg.parent
    assert loop_copy["description"] in words(loop.figcaption)
    stages = loop.figcaption.find("ol").find_all("li")
    assert [stage.strong.get_text() for stage in stages] == [
        stage["name"] for stage in loop_copy["stages"]
    ]

    # The teasers lead to the pages below About, with the sentence that opens each page.
    cards = {
        card.select_one(".card__title").get_text(strip=True): card for card in main.select(".card")
    }
    for teaser in about_copy.SECTION_CARDS:
        assert teaser["text"] in words(cards[teaser["title"]])
    history_card = main.find("a", string=history.PAGE["title"])
    assert history_card["href"] == HistoryPage.objects.get().url

    # Every heading and paragraph of the body, in the copy's order.
    headings = [words(h2) for h2 in main.select("h2.block-heading")]
    assert headings == [
        value["heading_text"] for block, value in about_copy.BODY if block == "heading"
    ]
    for block, value in about_copy.BODY:
        if block == "paragraph":
            assert html_words(value) in content

    table = main.find("table")
    assert [th.get_text() for th in table.thead.find_all("th")] == about_copy.COMPARISON["headings"]
    rows = [[words(cell) for cell in row.find_all(["th", "td"])] for row in table.tbody("tr")]
    assert rows == about_copy.COMPARISON["rows"]

    assert about_copy.WEBINAR["title"] in words(main.find(class_="video"))

    goals = [words(li) for li in main.select("ol.goal-list > li")]
    assert goals == strategic_plan.GOALS
    assert strategic_plan.PAGE["goals_note"] in content
    for card in about_copy.PLAN_AND_DEI["cards"]:
        assert main.find("a", string=card["title"])


def test_every_demo_department_page_renders(client, demo_site):
    response = client.get(Page.objects.get(depth=2).url)
    assert response.status_code == 200
    assert home.WELCOME["hero_heading"] in response.content.decode()
    about = AboutPage.objects.get()
    for page in [about, *about.get_children().live().specific()]:
        assert client.get(page.url).status_code == 200, page.url

    lectureship = LectureshipPage.objects.get()
    assert lectureship.upcoming_lectures().count() == 1
    assert len(lectureship.past_lectures_by_year()) == 1
    lectures = EventPage.objects.child_of(lectureship)
    # The lectures are events of the lectureship's series, of the kind "Lecture".
    assert len(lectures) == len(lectureship_copy.LECTURES)
    assert {(lecture.series.slug, lecture.kind.slug) for lecture in lectures} == {
        ("hiss-lectureship", "lecture")
    }
    # Sample lectures say they are samples: no real speaker is invented.
    speakers = [speaker.name for lecture in lectures for speaker in lecture.speakers.all()]
    assert speakers and all("(sample lecture)" in name for name in speakers)
    assert set(lectureship.lectures()) == set(lectures)
    for page in [lectureship, *lectures]:
        assert client.get(page.url).status_code == 200, page.url
        assert client.get(page.url + "calendar/").status_code == 200


def test_copy_with_a_field_the_block_lacks_is_refused():
    stream_block = AboutPage._meta.get_field("body").stream_block
    with pytest.raises(ValueError, match="headline"):
        raw_stream(stream_block, [("heading", {"headline": "Our Approach"})], pages={})


def test_copy_names_pages_and_leaves_out_wrappers_and_defaults():
    stream_block = AboutPage._meta.get_field("body").stream_block
    history_page = HistoryPage(pk=42)
    card = {"text": "Our history.", "link": {"page": "history"}}

    [cards] = raw_stream(
        stream_block, [("link_cards", {"cards": [card]})], {"history": history_page}
    )

    [item] = cards["value"]["cards"]
    assert item["type"] == "item" and item["id"]
    assert item["value"]["link"]["page"] == 42
    assert item["value"]["text"] == "Our history."
    assert item["value"]["image"] is None


def test_only_the_command_imports_the_demo_package():
    """Demo content sits above every app: no app module imports it."""
    project = Path(__file__).resolve().parents[2]
    command = project / "pages/management/commands/load_demo_content.py"
    importers = []
    for app in ("dlhs", "people", "news", "pages"):
        for module in (project / app).rglob("*.py"):
            if module == command or (project / "pages/demo") in module.parents:
                continue
            tree = ast.parse(module.read_text())
            names = [
                alias.name if isinstance(node, ast.Import) else f"{node.module}.{alias.name}"
                for node in ast.walk(tree)
                if isinstance(node, ast.Import | ast.ImportFrom)
                for alias in node.names
            ]
            if any(name == "pages.demo" or name.startswith("pages.demo.") for name in names):
                importers.append(str(module.relative_to(project)))
    assert importers == []


def test_story_sources_are_paused_and_the_seed_stories_come_from_them(client, demo_site):
    from news.models import NewsPage, StorySource
    from pages.demo.copy import news as news_copy

    sources = {source.name: source for source in StorySource.objects.all()}
    assert set(sources) == {fields["name"] for fields in news_copy.STORY_SOURCES}
    assert not any(source.active for source in sources.values())
    for story in news_copy.STORIES:
        page = NewsPage.objects.get(slug=story["slug"])
        source_name = story.get("source_name")
        if source_name in sources:
            assert page.imported_from.source == sources[source_name]
            assert sources[source_name].category == page.category
        else:
            assert not hasattr(page, "imported_from")
