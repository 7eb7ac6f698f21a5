"""The news listing at /news/: order, filters, bad input, pagination and facets."""

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.models import PageViewRestriction

from tests.factories import NewsCategoryFactory
from tests.news.helpers import card_titles, soup

pytestmark = pytest.mark.django_db

D = datetime.date


def facet(page, heading_id):
    """{label: count} of one facet of the listing's sidebar."""
    section = page.find(id=heading_id).find_parent("section")
    choices = {}
    for link in section.select("a"):
        label = next(link.strings).strip()
        choices[label] = int(link.select_one(".count").get_text().strip("()").split()[0])
    return choices


def selected(page, heading_id):
    section = page.find(id=heading_id).find_parent("section")
    return [next(link.strings).strip() for link in section.select("a[aria-current]")]


@pytest.fixture
def archive(add_story, health_lab, department_news):
    """Five live stories over two years and two categories, and stories nobody may see."""
    add_story("AI at work", date=D(2025, 3, 1), tags=["AI", "research"], category=health_lab)
    add_story("Students win", date=D(2025, 2, 1), tags=["students"])
    add_story("AI in class", date=D(2025, 1, 1), tags=["AI", "students"])
    add_story("Old AI news", date=D(2024, 5, 1), tags=["AI"], category=health_lab)
    add_story("Simulation", date=D(2024, 4, 1), tags=["simulation"], category=None)
    add_story("Draft", date=D(2025, 4, 1), tags=["AI", "drafts only"], live=False)
    private = add_story("Private", date=D(2025, 4, 2), tags=["AI", "secret"])
    PageViewRestriction.objects.create(page=private, restriction_type="login")


class TestOrderAndVisibility:
    def test_live_public_stories_newest_first(self, client, archive):
        page = soup(client.get("/news/"))
        assert card_titles(page) == [
            "AI at work",
            "Students win",
            "AI in class",
            "Old AI news",
            "Simulation",
        ]

    def test_stories_method_gives_the_same_order(self, news_index, archive):
        titles = [story.title for story in news_index.stories()]
        assert titles == ["AI at work", "Students win", "AI in class", "Old AI news", "Simulation"]

    def test_a_section_without_stories_says_so(self, client, news_index):
        page = soup(client.get("/news/"))
        assert card_titles(page) == []
        assert "no stories yet" in page.select_one(".empty-state").get_text()


class TestFilters:
    def test_tag(self, client, archive):
        page = soup(client.get("/news/?tag=ai"))
        assert card_titles(page) == ["AI at work", "AI in class", "Old AI news"]
        assert page.h1.get_text() == "Stories tagged “AI”"
        assert page.title.get_text().startswith("Stories tagged “AI” – News |")

    def test_tag_slug_is_not_case_sensitive(self, client, archive):
        assert card_titles(soup(client.get("/news/?tag=AI"))) == card_titles(
            soup(client.get("/news/?tag=ai"))
        )

    def test_category(self, client, archive):
        page = soup(client.get("/news/?category=health-lab"))
        assert card_titles(page) == ["AI at work", "Old AI news"]
        assert page.h1.get_text() == "Stories in Health Lab"

    def test_year(self, client, archive):
        page = soup(client.get("/news/?year=2024"))
        assert card_titles(page) == ["Old AI news", "Simulation"]
        assert page.h1.get_text() == "Stories from 2024"

    def test_filters_combine(self, client, archive):
        assert card_titles(soup(client.get("/news/?tag=ai&year=2025"))) == [
            "AI at work",
            "AI in class",
        ]
        page = soup(client.get("/news/?tag=ai&category=health-lab&year=2024"))
        assert card_titles(page) == ["Old AI news"]
        assert page.h1.get_text() == "Stories in Health Lab tagged “AI” from 2024"

    def test_filters_combine_with_a_page_number(self, client, archive):
        assert card_titles(soup(client.get("/news/?tag=ai&page=1"))) == [
            "AI at work",
            "AI in class",
            "Old AI news",
        ]
        assert client.get("/news/?tag=ai&page=2").status_code == 404

    def test_filters_that_match_nothing_together_show_the_empty_state(self, client, archive):
        page = soup(client.get("/news/?tag=simulation&category=health-lab"))
        assert card_titles(page) == []
        empty = page.select_one(".empty-state")
        assert "No stories match these filters" in empty.get_text()
        assert empty.a["href"] == "/news/"

    def test_empty_values_mean_no_filter(self, client, archive):
        assert len(card_titles(soup(client.get("/news/?tag=&category=&year=")))) == 5

    def test_other_parameters_are_ignored(self, client, archive):
        assert len(card_titles(soup(client.get("/news/?utm_source=mail&tag=ai")))) == 3

    def test_active_filters_can_be_removed_one_by_one(self, client, archive):
        page = soup(client.get("/news/?tag=ai&category=health-lab&page=1"))
        links = page.select(".active-filters li a")
        labels = [link.get_text(" ", strip=True) for link in links]
        assert labels == ["Remove filter: Category: Health Lab ×", "Remove filter: Tag: AI ×"]
        # Each link drops its own filter and the page number, and keeps the others.
        assert [link["href"] for link in links] == ["?tag=ai", "?category=health-lab"]
        assert page.select_one(".active-filters p a")["href"] == "/news/"

    def test_the_listing_head_links_the_feeds_of_the_current_filter(self, client, archive):
        page = soup(client.get("/news/?tag=ai&year=2025"))
        feeds = {link["type"]: link["href"] for link in page.select('head link[rel="alternate"]')}
        # A year archive has no feed of its own: the tag's feed is the one to follow.
        assert feeds == {
            "application/rss+xml": "/news/feed/rss/?tag=ai",
            "application/atom+xml": "/news/feed/atom/?tag=ai",
        }

    def test_canonical_url_keeps_only_the_filters_and_page(self, client, add_story):
        for number in range(13):
            add_story(f"Story {number}", tags=["AI"])
        response = client.get("/news/?page=2&utm_source=mail&tag=AI")
        assert response.context["canonical_url"] == "http://localhost/news/?tag=ai&page=2"


class TestBadFilterValues:
    @pytest.mark.parametrize(
        "query",
        [
            "tag=nothing-tagged-so",
            "tag=drafts-only",  # only a draft has it
            "tag=secret",  # only a private story has it
            "category=no-such-category",
            "year=1999",
            "year=2026",
        ],
    )
    def test_a_filter_naming_nothing_in_the_archive_is_not_found(self, client, archive, query):
        assert client.get(f"/news/?{query}").status_code == 404

    def test_a_category_without_live_stories_is_not_found(self, client, archive):
        NewsCategoryFactory(name="Alumni News", slug="alumni-news")
        assert client.get("/news/?category=alumni-news").status_code == 404

    @pytest.mark.parametrize(
        "query",
        [
            "year=abc",
            "year=99999",
            "year=0000",  # not "no year": that would list everything under a year's address
            "year=0999",
            "year=-2025",
            "year=20.5",
            "year=%D9%A2%D9%A0%D9%A2%D9%A5",  # ٢٠٢٥: digits, but not ASCII ones
            "year=" + "9" * 5000,
            "tag=%00",
            "tag=ai%00",
            "category=health-lab%00",
            "tag=two%20words",
            "tag=%3Cscript%3E",
            "tag=" + "a" * 101,
            "category=" + "x" * 10_000,
        ],
    )
    def test_malformed_values_are_not_found(self, client, archive, query):
        assert client.get(f"/news/?{query}").status_code == 404

    @pytest.mark.parametrize(
        "query",
        ["tag=ai&tag=students", "category=a&category=b", "year=2024&year=2025", "page=1&page=2"],
    )
    def test_a_repeated_parameter_is_a_bad_request(self, client, archive, query):
        assert client.get(f"/news/?{query}").status_code == 400


class TestPagination:
    @pytest.fixture
    def thirteen(self, add_story):
        return [
            add_story(f"Story {n:02d}", date=D(2025, 1, 1) + datetime.timedelta(days=n))
            for n in range(13)
        ]

    def test_twelve_stories_a_page(self, client, thirteen):
        first = soup(client.get("/news/"))
        assert card_titles(first) == [f"Story {n:02d}" for n in range(12, 0, -1)]
        second = soup(client.get("/news/?page=2"))
        assert card_titles(second) == ["Story 00"]
        assert "13 stories, showing 13–13" in second.select_one(".news-listing__summary").text

    @pytest.mark.parametrize("number", ["0", "-1", "3", "abc", "1.5", "", "9" * 30, "%00", "2%00"])
    def test_page_numbers_out_of_range_or_not_numbers_are_not_found(self, client, thirteen, number):
        assert client.get(f"/news/?page={number}").status_code == 404

    def test_a_last_page_exactly_full(self, client, add_story):
        for n in range(24):
            add_story(f"Story {n:02d}", date=D(2025, 1, 1) + datetime.timedelta(days=n))
        assert len(card_titles(soup(client.get("/news/?page=2")))) == 12
        assert client.get("/news/?page=3").status_code == 404

    def test_page_links_keep_the_filters(self, client, add_story):
        for n in range(13):
            add_story(f"Story {n:02d}", tags=["AI"])
        add_story("Untagged")
        page = soup(client.get("/news/?tag=ai&utm_source=mail"))
        nav = page.select_one('nav.pagination[aria-label="News pages"]')
        assert nav.select_one('a[rel="next"]')["href"] == "?tag=ai&utm_source=mail&page=2"
        second = soup(client.get("/news/?tag=ai&page=2"))
        assert card_titles(second) and "Untagged" not in card_titles(second)

    def test_facet_links_go_back_to_the_first_page(self, client, add_story):
        for n in range(13):
            add_story(f"Story {n:02d}", tags=["AI"])
        page = soup(client.get("/news/?page=2"))
        tag_link = page.find(id="facet-tags").find_parent("section").select_one("a")
        assert tag_link["href"] == "?tag=ai"


class TestFacets:
    def test_counts_of_the_whole_archive(self, client, archive):
        page = soup(client.get("/news/"))
        assert facet(page, "facet-tags") == {
            "AI": 3,
            "research": 1,
            "simulation": 1,
            "students": 2,
        }
        assert facet(page, "facet-categories") == {"Department News": 2, "Health Lab": 2}
        assert facet(page, "facet-years") == {"2025": 3, "2024": 2}
        assert list(facet(page, "facet-years")) == ["2025", "2024"]

    def test_each_facet_counts_within_the_other_filters(self, client, archive):
        page = soup(client.get("/news/?tag=ai&year=2025"))
        # Tags: the stories of 2025, whatever their tag; AI stays chosen.
        assert facet(page, "facet-tags") == {"AI": 2, "research": 1, "students": 2}
        assert selected(page, "facet-tags") == ["AI"]
        # Categories and years: AI stories, in 2025 / in any year.
        assert facet(page, "facet-categories") == {"Department News": 1, "Health Lab": 1}
        assert facet(page, "facet-years") == {"2025": 2, "2024": 1}
        assert selected(page, "facet-years") == ["2025"]

    def test_a_chosen_filter_stays_listed_when_nothing_matches(self, client, archive):
        page = soup(client.get("/news/?tag=simulation&category=health-lab"))
        assert selected(page, "facet-tags") == ["simulation"]
        assert facet(page, "facet-tags")["simulation"] == 0
        assert selected(page, "facet-categories") == ["Health Lab"]

    def test_choosing_a_chosen_filter_again_removes_it(self, client, archive):
        page = soup(client.get("/news/?tag=ai&category=health-lab"))
        chosen = page.find(id="facet-tags").find_parent("section").select_one("a[aria-current]")
        assert chosen["href"] == "?category=health-lab"

    def test_facet_links_keep_the_other_filters(self, client, archive):
        page = soup(client.get("/news/?category=health-lab"))
        links = {
            next(a.strings).strip(): a["href"]
            for a in page.find(id="facet-tags").find_parent("section").select("a")
        }
        assert links == {
            "AI": "?category=health-lab&tag=ai",
            "research": "?category=health-lab&tag=research",
        }


def test_a_bad_request_gets_the_styled_error_page(client, archive):
    response = client.get("/news/?tag=ai&tag=students")
    assert response.status_code == 400
    page = BeautifulSoup(response.content, "html.parser")
    assert page.h1.get_text() == "We can’t make sense of that address"
    assert page.select_one('link[rel="stylesheet"]')["href"] == "/static/css/site.css"
