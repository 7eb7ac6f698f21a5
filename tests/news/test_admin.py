"""What editors do in the admin: categories, and writing a story."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from news.models import NewsCategory, NewsPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return user


def html(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


class TestCategories:
    def test_listed_with_their_number_of_stories(self, client, editor, add_story, health_lab):
        add_story("One", category=health_lab)
        add_story("Draft", category=health_lab, live=False)
        add_story("Other")
        page = html(client.get(reverse("wagtailsnippets_news_newscategory:list")))
        headings = [th.get_text(" ", strip=True) for th in page.select("table thead th")]
        stories = headings.index("Stories")
        counts = {
            row.select_one("td a").get_text(strip=True): row.select("td")[stories].get_text(
                strip=True
            )
            for row in page.select("table tbody tr")
        }
        # Drafts count: a category with drafts in it is in use.
        assert counts == {"Department News": "1", "Health Lab": "2"}
        assert list(counts) == ["Department News", "Health Lab"]

    def test_an_editor_adds_a_category(self, client, editor):
        url = reverse("wagtailsnippets_news_newscategory:add")
        form = html(client.get(url))
        # While a category is new, its name fills in the slug.
        assert "w-sync" in form.select_one("input[name=name]")["data-controller"]
        assert form.select_one("input[name=slug]")["data-controller"] == "w-slug"
        response = client.post(
            url, {"name": "Alumni News", "slug": "alumni-news", "description": "From alumni."}
        )
        assert response.status_code == 302
        assert NewsCategory.objects.filter(slug="alumni-news", name="Alumni News").exists()

    def test_renaming_a_category_leaves_its_address_alone(self, client, editor, health_lab):
        url = reverse("wagtailsnippets_news_newscategory:edit", args=[health_lab.pk])
        name = html(client.get(url)).select_one("input[name=name]")
        assert "w-sync#apply" not in name.get("data-action", "")

    def test_a_slug_must_be_a_slug(self, client, editor):
        url = reverse("wagtailsnippets_news_newscategory:add")
        response = client.post(url, {"name": "Bad", "slug": "not a slug!"})
        assert response.status_code == 200
        assert not NewsCategory.objects.filter(name="Bad").exists()


class TestWritingAStory:
    def test_the_form_explains_its_fields(self, client, editor, news_index):
        url = reverse("wagtailadmin_pages:add", args=["news", "newspage", news_index.pk])
        text = html(client.get(url)).get_text(" ")
        assert "First published elsewhere" in text
        assert "Show first in “Featured News & Stories”" in text
        assert "Each links to the stories sharing it" in text

    def test_an_editor_publishes_a_tagged_story(self, client, editor, news_index, health_lab):
        url = reverse("wagtailadmin_pages:add", args=["news", "newspage", news_index.pk])
        data = nested_form_data(
            {
                "title": "A new study",
                "slug": "a-new-study",
                "date": "2025-10-01",
                "category": health_lab.pk,
                "tags": "AI, learning health systems",
                "teaser": "Researchers report.",
                "featured": "on",
                "source_url": "https://www.michiganmedicine.org/health-lab/study",
                "source_name": "Health Lab",
                "body": streamfield([]),
                "related_people": inline_formset([]),
                "comments": inline_formset([]),
                "action-publish": "publish",
            }
        )
        response = client.post(url, data)
        assert response.status_code == 302
        story = NewsPage.objects.get(slug="a-new-study")
        assert story.live and story.featured
        assert story.date == datetime.date(2025, 10, 1)
        assert sorted(story.tags.slugs()) == ["ai", "learning-health-systems"]
        assert client.get("/news/?tag=learning-health-systems").status_code == 200

    @pytest.mark.parametrize("action", ["action-publish", None])
    def test_a_picture_without_alt_text_is_saved_in_a_draft_but_not_published(
        self, client, editor, news_index, action
    ):
        from tests.factories import SiteImageFactory

        picture = SiteImageFactory(title="Imported poster", description="")
        url = reverse("wagtailadmin_pages:add", args=["news", "newspage", news_index.pk])
        fields = {
            "title": "Posters in the atrium",
            "slug": "posters",
            "date": "2025-10-01",
            "teaser": "Posters on show.",
            "hero_image": picture.pk,
            "body": streamfield([]),
            "related_people": inline_formset([]),
            "comments": inline_formset([]),
        }
        if action:
            fields[action] = "publish"
        response = client.post(url, nested_form_data(fields))
        if action:
            assert response.status_code == 200
            assert "no alt text yet" in response.content.decode()
            assert not NewsPage.objects.filter(slug="posters").exists()
        else:
            assert response.status_code == 302
            assert not NewsPage.objects.get(slug="posters").live
