"""What each department page shows visitors."""

import pytest
from bs4 import BeautifulSoup

from pages.models import AlumniSpotlight, DEIInitiative, HistoryMilestone
from tests.factories import (
    AboutPageFactory,
    AlumniPageFactory,
    DEIPageFactory,
    HistoryPageFactory,
    PeopleIndexPageFactory,
    PersonPageFactory,
    SiteImageFactory,
    StandardPageFactory,
)
from tests.pages.builders import department_tree
from tests.query_counts import render_queries

pytestmark = pytest.mark.django_db


def get(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(node):
    return " ".join(node.get_text(" ").split())


@pytest.fixture
def tree(home):
    return department_tree(home)


def test_home_page_welcome_leads_to_its_chosen_page(client, home, tree):
    home.hero_heading = "Revolutionizing learning, transforming health"
    home.intro = "The department advances the sciences of learning."
    home.hero_image = tree.picture
    home.hero_link = tree.about
    home.hero_link_label = "About the department"
    home.save()
    hero = get(client, home).find(class_="hero")
    assert hero.h1.get_text() == "Revolutionizing learning, transforming health"
    assert "sciences of learning" in hero.find(class_="hero__intro").get_text()
    button = hero.find("a", class_="button")
    assert (button["href"], button.get_text()) == (tree.about.url, "About the department")
    # The first picture is the largest on screen: loaded at once, described by its alt text.
    img = hero.find("img")
    assert img["loading"] == "eager"
    assert img["alt"] == "Students at a whiteboard"


def test_home_page_without_a_live_link_has_no_button(client, home, tree):
    home.hero_link = tree.about
    home.save()
    tree.about.unpublish()
    hero = get(client, home).find(class_="hero")
    assert hero.h1.get_text() == home.title
    assert hero.find("a", class_="button") is None


def test_about_page_shows_eyebrow_mission_and_vision(client, tree):
    page = get(client, tree.about)
    hero = page.find(class_="hero")
    assert hero.find(class_="eyebrow").get_text() == "Explore The Concept of Learning"
    assert hero.h1.get_text() == tree.about.title
    sections = {
        section.h2.get_text(): text(section) for section in page.select(".mission-vision section")
    }
    assert "Our mission text." in sections["Our Mission"]
    assert "Our vision text." in sections["Our Vision"]


def test_history_timeline_is_in_order_of_year(client, tree):
    assert [m.year for m in tree.history.timeline()] == [2010, 2015, 2020]
    items = get(client, tree.history).select(".timeline > li")
    assert [item.h3.get_text() for item in items] == ["First", "Second", "Third"]
    assert [item.time["datetime"] for item in items] == ["2010", "2015", "2020"]


def test_milestones_of_one_year_keep_the_editors_order(home):
    history = HistoryPageFactory(
        parent=AboutPageFactory(parent=home),
        milestones=[
            HistoryMilestone(year=2017, title="B", sort_order=0),
            HistoryMilestone(year=2017, title="A", sort_order=1),
        ],
    )
    assert [m.title for m in history.timeline()] == ["B", "A"]


def test_milestone_year_must_be_plausible(home):
    from django.core.exceptions import ValidationError

    milestone = HistoryMilestone(year=17, title="Typo")
    with pytest.raises(ValidationError) as error:
        milestone.clean()
    assert "year" in error.value.message_dict


def test_strategic_plan_numbers_its_goals_and_links_to_dei(client, tree):
    page = get(client, tree.plan)
    assert "Strategic plan · 2017" in page.find(class_="eyebrow").get_text()
    goals = page.select("ol.goal-list > li")
    assert [goal.h3.get_text() for goal in goals] == ["Grow research", "Sustain education"]
    assert text(goals[0].find(class_="status")) == "Status: In progress"
    assert "Progress: Two hires." in text(goals[0])
    assert goals[1].find(class_="status") is None
    assert page.find(class_="goals__note").get_text() == "All goals are equal."
    link = page.find("a", string="Explore our DEI Initiatives")
    assert link["href"] == tree.dei.url


def test_strategic_plan_hides_the_dei_link_when_that_page_is_not_live(client, tree):
    tree.dei.unpublish()
    page = get(client, tree.plan)
    assert page.find("a", string="Explore our DEI Initiatives") is None


def test_dei_page_lists_initiatives_with_their_links(client, home, tree):
    standard = StandardPageFactory(parent=tree.dei, title="Mentoring in detail")
    DEIInitiative.objects.create(
        page=tree.dei, title="Pathways", description="Into the field.", link_page=standard
    )
    DEIInitiative.objects.create(page=tree.dei, title="Unlinked", description="Just words.")
    page = get(client, tree.dei)
    cards = page.select(".initiative-list > li")
    titles = [card.h3 for card in cards]
    assert [title.get_text() for title in titles] == ["Mentoring", "Pathways", "Unlinked"]
    assert titles[0].a["href"] == "https://example.edu"
    assert titles[1].a["href"] == standard.url
    assert titles[2].a is None


def test_dei_initiative_links_one_place_only(home):
    from django.core.exceptions import ValidationError

    dei = DEIPageFactory(parent=AboutPageFactory(parent=home))
    initiative = dei.initiatives.model(
        page=dei, title="Both", description="", link_page=home, link_url="https://example.edu"
    )
    with pytest.raises(ValidationError):
        initiative.clean()


def test_alumni_spotlights_show_people_and_stories(client, home):
    people = PeopleIndexPageFactory(parent=home)
    photo = SiteImageFactory(description="Portrait of Grace Graduate")
    person = PersonPageFactory(parent=people, title="Grace Graduate", photo=photo)
    alumni = AlumniPageFactory(
        parent=AboutPageFactory(parent=home),
        intro="Meet alumni from our graduate programs.",
        spotlights=[
            AlumniSpotlight(person=person, headline="HILS PhD 2021", story="Leads a lab."),
            AlumniSpotlight(name="Sam Story", story="Teaches.", link_url="https://example.org"),
            AlumniSpotlight(name="No Link", story="Quiet."),
        ],
    )
    page = get(client, alumni)
    assert "Meet alumni" in page.find(class_="hero__intro").get_text()
    cards = page.select(".spotlight-list > li")
    assert [card.h3.get_text(strip=True) for card in cards] == [
        "Grace Graduate",
        "Sam Story",
        "No Link",
    ]
    assert cards[0].h3.a["href"] == person.url
    assert cards[0].img["alt"] == "Portrait of Grace Graduate"
    assert "HILS PhD 2021" in text(cards[0])
    assert cards[1].h3.a["href"] == "https://example.org"
    assert cards[2].h3.a is None


def test_alumni_spotlight_needs_a_person_or_a_name():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        AlumniSpotlight(story="Anonymous.").clean()
    assert "name" in error.value.message_dict


def test_alumni_spotlights_query_count_does_not_grow(client, home):
    alumni = AlumniPageFactory(parent=AboutPageFactory(parent=home))

    def add(count):
        for number in range(count):
            AlumniSpotlight.objects.create(
                page=alumni, name=f"Graduate {number}", story="Story.", image=SiteImageFactory()
            )

    def queries(expected_cards):
        response, sql = render_queries(client, alumni.url)
        cards = BeautifulSoup(response.content, "html.parser").select(".spotlight-list img")
        assert len(cards) == expected_cards
        return len(sql)

    add(2)
    with_two = queries(2)
    add(10)
    assert queries(12) == with_two


def test_standard_page_renders_its_body(client, tree):
    tree.standard.body = [
        ("heading", {"heading_text": "Reach us", "level": "h2"}),
        ("paragraph", "<p>By e-mail.</p>"),
    ]
    tree.standard.save()
    page = get(client, tree.standard)
    assert page.h1.get_text() == "Contact"
    stream = page.find(class_="stream")
    assert stream.h2.get_text() == "Reach us"
    assert stream.find(class_="rich-text").get_text() == "By e-mail."


def test_links_to_unpublished_pages_are_left_out(client, home, tree):
    hidden = StandardPageFactory(parent=tree.dei, title="Not yet public")
    DEIInitiative.objects.create(page=tree.dei, title="Drafting", description=".", link_page=hidden)
    people = PeopleIndexPageFactory(parent=home)
    person = PersonPageFactory(parent=people, title="Private Person")
    AlumniSpotlight.objects.create(page=tree.alumni, person=person, story="Story.")
    hidden.unpublish()
    person.unpublish()

    dei = get(client, tree.dei)
    assert dei.find("h3", string="Drafting").a is None
    alumni = get(client, tree.alumni)
    assert alumni.find("h3", string="Private Person").a is None
