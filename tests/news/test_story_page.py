"""A story's page: what it shows, related stories, people, and stories told elsewhere."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    querydict_from_html,
    streamfield,
)

from news.models import NewsIndexPage, NewsPage
from pages.models import HomePage
from tests.factories import (
    NewsCategoryFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    NewsPagePersonFactory,
    PeopleIndexPageFactory,
    PersonPageFactory,
    SiteImageFactory,
)
from tests.news.helpers import card_links, card_titles, soup

D = datetime.date


@pytest.mark.django_db
class TestStoryPage:
    def test_date_category_tags_and_teaser(self, client, add_story, health_lab):
        story = add_story(
            "Kudos",
            date=D(2025, 9, 22),
            category=health_lab,
            tags=["students", "HILS"],
            teaser="Congratulations to a student.",
        )
        page = soup(client.get(story.url))
        assert page.h1.get_text() == "Kudos"
        assert page.select_one(".story__meta time")["datetime"] == "2025-09-22"
        assert page.select_one(".story__meta time").get_text() == "September 22, 2025"
        label = page.select_one(".story__meta a.label")
        assert (label.get_text(), label["href"]) == ("Health Lab", "/news/?category=health-lab")
        tags = {a.get_text(): a["href"] for a in page.select(".story__tags a")}
        assert tags == {"students": "/news/?tag=students", "HILS": "/news/?tag=hils"}
        assert page.select_one(".lede").get_text() == "Congratulations to a student."
        assert page.select_one(".story__source") is None

    def test_tag_links_lead_to_the_filtered_listing(self, client, add_story):
        story = add_story("Kudos", tags=["learning health systems"])
        href = soup(client.get(story.url)).select_one(".story__tags a")["href"]
        assert card_titles(soup(client.get(href))) == ["Kudos"]

    def test_hero_image_is_a_responsive_picture_loaded_at_once(self, client, add_story):
        image = SiteImageFactory(description="A laptop with a stethoscope")
        story = add_story("With a picture", hero_image=image)
        picture = soup(client.get(story.url)).select_one(".story__hero picture")
        types = [source["type"] for source in picture.select("source")]
        assert types == ["image/avif", "image/webp"]
        assert picture.img["alt"] == "A laptop with a stethoscope"
        assert picture.img["loading"] == "eager"
        assert len(picture.img["srcset"].split(",")) == 3

    def test_feeds_of_all_news_are_linked(self, client, add_story):
        story = add_story("Kudos")
        links = soup(client.get(story.url)).select('head link[rel="alternate"]')
        assert {link["href"] for link in links} == {"/news/feed/rss/", "/news/feed/atom/"}

    def test_people_in_the_story_link_to_their_profiles(self, client, home, add_story):
        people = PeopleIndexPageFactory(parent=home)
        katie = PersonPageFactory(parent=people, title="Katie Lynch")
        draft = PersonPageFactory(parent=people, title="Not Yet", live=False)
        patrick = PersonPageFactory(parent=people, title="Patrick Lewicki")
        story = add_story("Kudos")
        for order, person in enumerate([patrick, draft, katie]):
            NewsPagePersonFactory(page=story, person=person, sort_order=order)
        links = soup(client.get(story.url)).select(".story__people a")
        assert [(a.get_text(), a["href"]) for a in links] == [
            ("Patrick Lewicki", patrick.url),
            ("Katie Lynch", katie.url),
        ]

    def test_people_are_read_for_their_names_and_addresses_only(self, client, home, add_story):
        people = PeopleIndexPageFactory(parent=home)
        story = add_story("Kudos")
        NewsPagePersonFactory(page=story, person=PersonPageFactory(parent=people), sort_order=0)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(story.url).status_code == 200

        (people_query,) = [
            query["sql"]
            for query in queries.captured_queries
            if ' FROM "people_personpage" ' in query["sql"]
        ]
        columns = people_query.split(" FROM ")[0]
        assert '"wagtailcore_page"."title"' in columns
        assert '"wagtailcore_page"."url_path"' in columns
        assert '"people_personpage"."photo_id"' not in columns  # nor the rest of the profile


@pytest.mark.django_db
class TestPublishedElsewhere:
    @pytest.fixture
    def story(self, add_story, health_lab):
        return add_story(
            "Adults don’t trust AI",
            category=health_lab,
            source_url="https://www.michiganmedicine.org/health-lab/ai-trust",
            source_name="Health Lab",
        )

    def test_the_page_says_where_it_was_first_published(self, client, story):
        page = soup(client.get(story.url))
        source = page.select_one(".story__source")
        assert source.get_text(" ", strip=True) == "First published at Health Lab ."
        assert source.a["href"] == "https://www.michiganmedicine.org/health-lab/ai-trust"
        read_on = page.select_one(".story__read-on a")
        assert read_on["href"] == "https://www.michiganmedicine.org/health-lab/ai-trust"
        assert "Read the full story on Health Lab" in read_on.get_text()

    def test_the_listing_links_out_and_says_so(self, client, story, add_story):
        own = add_story("Our own story", date=story.date - datetime.timedelta(days=1))
        page = soup(client.get("/news/"))
        assert card_links(page) == ["https://www.michiganmedicine.org/health-lab/ai-trust", own.url]
        first, second = page.select(".story-card")
        assert (
            first.select_one(".card__title a").get_text() == "Adults don’t trust AI (on Health Lab)"
        )
        assert (
            first.select_one(".story-card__source").get_text(" ", strip=True) == "On Health Lab ↗"
        )
        assert second.select_one(".story-card__source") is None

    def test_without_a_name_the_site_address_is_shown(self, add_story):
        story = add_story("Elsewhere", source_url="https://www.example.org/news/1")
        assert story.source_label == "example.org"

    def test_a_name_needs_an_address(self, news_index):
        story = NewsPage(title="Nameless", teaser="…", source_name="Health Lab")
        with pytest.raises(ValidationError) as error:
            story.clean()
        assert "source_url" in error.value.message_dict


@pytest.mark.django_db
class TestRelatedStories:
    def test_sharing_tags_newest_first_at_most_three(self, add_story):
        story = add_story("This one", date=D(2025, 5, 1), tags=["AI", "students"])
        add_story("Oldest AI", date=D(2024, 1, 1), tags=["AI"])
        add_story("Students", date=D(2025, 1, 1), tags=["students"])
        add_story("Newest AI", date=D(2025, 6, 1), tags=["AI", "students"])
        add_story("AI again", date=D(2025, 2, 1), tags=["AI"])
        add_story("Unrelated", date=D(2025, 7, 1), tags=["simulation"])
        add_story("No tags", date=D(2025, 7, 2))
        titles = [related.title for related in story.related_stories()]
        assert titles == ["Newest AI", "AI again", "Students"]

    def test_drafts_and_private_stories_are_left_out(self, add_story):
        story = add_story("This one", tags=["AI"])
        add_story("Draft", tags=["AI"], live=False)
        private = add_story("Private", tags=["AI"])
        PageViewRestriction.objects.create(page=private, restriction_type="login")
        shown = add_story("Shown", tags=["AI"])
        assert list(story.related_stories()) == [shown]

    def test_a_story_without_tags_has_none(self, add_story):
        story = add_story("This one")
        add_story("Other", tags=["AI"])
        assert list(story.related_stories()) == []

    def test_the_page_shows_them_as_cards(self, client, add_story):
        story = add_story("This one", date=D(2025, 5, 1), tags=["AI"])
        add_story("Other AI", date=D(2025, 4, 1), tags=["AI"])
        page = soup(client.get(story.url))
        section = page.find(id="related-stories").find_parent("section")
        assert card_titles(section) == ["Other AI"]
        assert section.select_one(".card__title").name == "h3"

    def test_no_section_without_related_stories(self, client, add_story):
        story = add_story("Alone", tags=["AI"])
        assert soup(client.get(story.url)).find(id="related-stories") is None


class TestPageTypes(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        home = HomePage.objects.get()
        cls.news_index = NewsIndexPageFactory(parent=home)
        category = NewsCategoryFactory(name="Health Lab", slug="health-lab")
        cls.story = NewsPageFactory(parent=cls.news_index, category=category, tags=["AI"])
        cls.editor = cls.create_superuser("editor")

    def test_where_they_live(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())
        self.assertCanCreateAt(NewsIndexPage, NewsPage)
        self.assertCanNotCreateAt(HomePage, NewsPage)

    def test_only_one_news_section(self):
        self.assertFalse(NewsIndexPage.can_create_at(HomePage.objects.get()))

    def edit_form_data(self, page):
        self.client.force_login(self.editor)
        html = self.client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content
        data = querydict_from_html(html.decode(), form_id="page-edit-form")
        # The body's editor is drawn by JavaScript, so its count is not in the HTML form.
        if "body-count" not in data and hasattr(page, "body"):
            data["body-count"] = "0"
        return data

    def test_routable_renderable_previewable(self):
        for page in (self.news_index, self.story):
            self.assertPageIsRoutable(page)
            self.assertPageIsRenderable(page)
            self.assertPageIsPreviewable(page, post_data=self.edit_form_data(page))
        self.assertPageIsRoutable(self.news_index, "feed/rss/")
        self.assertPageIsRenderable(self.news_index, "feed/atom/")

    def test_a_new_story_can_be_previewed_before_it_is_saved(self):
        self.client.force_login(self.editor)
        data = nested_form_data(
            {
                "title": "Not saved yet",
                "slug": "not-saved-yet",
                "date": "2025-10-01",
                "tags": "AI, brand new tag",
                "teaser": "A preview.",
                "body": streamfield([]),
                "related_people": inline_formset([]),
                "comments": inline_formset([]),
            }
        )
        url = reverse(
            "wagtailadmin_pages:preview_on_add",
            args=["news", "newspage", self.news_index.pk],
        )
        self.assertEqual(
            self.client.post(url, data).json(), {"is_valid": True, "is_available": True}
        )
        html = self.client.get(url).content.decode()
        self.assertIn("Not saved yet", html)
        # Related stories come from the saved tags the preview shares with live stories.
        self.assertIn(self.story.title, html)
