"""“Featured News & Stories”: the news teaser block of the home and about pages."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from news.blocks import NewsTeaserBlock
from news.models import NewsPage
from tests.factories import SiteImageFactory
from tests.news.helpers import card_links, card_titles

pytestmark = pytest.mark.django_db

D = datetime.date


def render_block(home, count=6, tag="", heading="Featured News & Stories"):
    block = NewsTeaserBlock()
    value = block.to_python({"heading": heading, "count": count, "tag": tag})
    request = RequestFactory().get("/")
    html = block.render(value, context={"request": request, "page": home})
    return BeautifulSoup(html, "html.parser")


class TestWhichStories:
    def test_featured_first_then_the_latest(self, add_story):
        add_story("Latest", date=D(2025, 9, 1))
        add_story("Featured old", date=D(2024, 1, 1), featured=True)
        add_story("Featured new", date=D(2025, 1, 1), featured=True)
        add_story("Older", date=D(2025, 5, 1))
        titles = [story.title for story in NewsPage.objects.featured(count=3)]
        assert titles == ["Featured new", "Featured old", "Latest"]

    def test_the_latest_when_none_is_featured(self, add_story):
        for month in range(1, 8):
            add_story(f"Story {month}", date=D(2025, month, 1))
        titles = [story.title for story in NewsPage.objects.featured(count=6)]
        assert titles == [f"Story {month}" for month in range(7, 1, -1)]

    def test_never_drafts_or_private_stories(self, add_story):
        add_story("Draft", featured=True, live=False)
        private = add_story("Private", featured=True)
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
        add_story("Public")
        assert [story.title for story in NewsPage.objects.featured()] == ["Public"]

    def test_only_one_tag_when_asked(self, add_story):
        add_story("Alumni story", tags=["alumni"], date=D(2025, 1, 1))
        add_story("Featured, other tag", tags=["AI"], featured=True)
        assert [story.title for story in NewsPage.objects.featured(tag="alumni")] == [
            "Alumni story"
        ]


class TestBlock:
    def test_cards_with_category_image_teaser_and_date(self, home, add_story, health_lab):
        image = SiteImageFactory(description="A gold medal")
        add_story(
            "Champion for Change",
            date=D(2025, 6, 30),
            featured=True,
            hero_image=image,
            teaser="Named a 2025 Champion for Change.",
        )
        add_story(
            "Told elsewhere",
            date=D(2025, 6, 1),
            featured=True,
            category=health_lab,
            source_url="https://www.michiganmedicine.org/health-lab/x",
            source_name="Health Lab",
        )
        page = render_block(home)
        assert page.h2.get_text() == "Featured News & Stories"
        assert card_titles(page) == ["Champion for Change", "Told elsewhere"]
        first, second = page.select(".story-card")
        assert first.select_one(".card__title").name == "h3"
        assert first.select_one(".label").get_text() == "Department News"
        assert second.select_one(".label").get_text() == "Health Lab"
        assert first.select_one("time")["datetime"] == "2025-06-30"
        assert first.select_one(".card__text").get_text() == "Named a 2025 Champion for Change."
        assert first.select_one("picture img")["alt"] == "A gold medal"
        assert first.select_one("picture img")["loading"] == "lazy"
        assert second.select_one("picture") is None
        assert card_links(page)[1] == "https://www.michiganmedicine.org/health-lab/x"

    def test_see_all_news(self, home, add_story):
        add_story("A story")
        link = render_block(home).select_one(".news-teaser__more a")
        assert (link.get_text(), link["href"]) == ("See all news", "/news/")

    def test_see_all_news_of_the_blocks_tag(self, home, add_story):
        add_story("Alumni story", tags=["alumni"])
        page = render_block(home, tag="alumni")
        assert page.select_one(".news-teaser__more a")["href"] == "/news/?tag=alumni"

    def test_the_blocks_tag_may_be_given_by_name(self, client, home, add_story):
        add_story("An LHS story", tags=["learning health systems"])
        add_story("Other story", tags=["AI"])
        page = render_block(home, tag="Learning health systems")
        assert card_titles(page) == ["An LHS story"]
        href = page.select_one(".news-teaser__more a")["href"]
        assert href == "/news/?tag=learning-health-systems"
        assert client.get(href).status_code == 200

    def test_limited_to_its_count(self, home, add_story):
        for day in range(1, 6):
            add_story(f"Story {day}", date=D(2025, 1, day))
        assert card_titles(render_block(home, count=2)) == ["Story 5", "Story 4"]

    def test_without_stories(self, home, news_index):
        page = render_block(home)
        assert card_titles(page) == []
        assert "No stories yet" in page.get_text()
        assert page.select_one(".news-teaser__more a")["href"] == "/news/"

    def test_on_the_home_pages_body(self, home, add_story):
        add_story("On the home page", featured=True)
        home.body = [("news_teaser", {"heading": "Featured News & Stories", "count": 6})]
        home.save()
        request = RequestFactory().get("/")
        html = home.body.render_as_block(context={"request": request, "page": home})
        assert card_titles(BeautifulSoup(html, "html.parser")) == ["On the home page"]
