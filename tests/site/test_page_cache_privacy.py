"""Making content private empties the page cache at once, as publishing does.

An anonymous visitor must never get a cached copy of a page, listing, feed or home page that
shows a story after an editor has restricted it (or one of its ancestors) to signed-in users.
"""

import feedparser
import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from tests import factories

TITLE = "Grant renewed for the learning lab"


@pytest.fixture
def story(home):
    home.body = [("news_teaser", {"heading": "News", "count": 6})]
    home.save_revision().publish()
    news_index = factories.NewsIndexPageFactory(parent=home)
    return factories.NewsPageFactory(parent=news_index, title=TITLE)


def visible_to_anonymous_visitors(client, story):
    """Where an anonymous visitor can see the story, each read twice so the cache is used."""
    places = {}
    for name, url in (
        ("story", story.url),
        ("home", "/"),
        ("news", "/news/"),
        ("feed", "/news/feed/rss/"),
    ):
        client.get(url)
        response = client.get(url)
        if name == "feed":
            titles = [entry.title for entry in feedparser.parse(response.content).entries]
            places[name] = TITLE in titles
        elif name == "story":
            places[name] = response.status_code == 200
        else:
            places[name] = TITLE in response.content.decode()
    return places


EVERYWHERE = {"story": True, "home": True, "news": True, "feed": True}
NOWHERE = {"story": False, "home": False, "news": False, "feed": False}


@pytest.mark.django_db
class TestPrivacyEmptiesThePageCache:
    def test_making_a_story_private_in_the_admin_hides_it_from_cached_pages(
        self, story, admin_user
    ):
        visitor = Client()
        assert visible_to_anonymous_visitors(visitor, story) == EVERYWHERE
        assert visitor.get("/news/")["X-Page-Cache"] == "hit"

        editor = Client()
        editor.force_login(admin_user)
        response = editor.post(
            reverse("wagtailadmin_pages:set_privacy", args=[story.pk]),
            {"restriction_type": PageViewRestriction.LOGIN},
        )
        assert response.status_code == 200
        assert PageViewRestriction.objects.filter(page=story).exists()

        assert visible_to_anonymous_visitors(visitor, story) == NOWHERE
        assert visitor.get(story.url)["Location"].startswith("/_util/login/")

        # Public again, through the same dialogue: back everywhere at once.
        editor.post(
            reverse("wagtailadmin_pages:set_privacy", args=[story.pk]),
            {"restriction_type": PageViewRestriction.NONE},
        )
        assert visible_to_anonymous_visitors(visitor, story) == EVERYWHERE

    def test_a_restriction_on_a_parent_hides_its_stories_too(self, client, story):
        assert visible_to_anonymous_visitors(client, story) == EVERYWHERE

        restriction = PageViewRestriction.objects.create(
            page=story.get_parent(), restriction_type=PageViewRestriction.LOGIN
        )

        # The listing and its feed are behind the restriction now, and the home page's teaser
        # lists public stories only.
        assert client.get("/news/").status_code == 302
        assert client.get("/news/feed/rss/").status_code == 302
        assert client.get(story.url).status_code == 302
        home = client.get("/")
        assert home["X-Page-Cache"] == "miss"
        assert TITLE not in home.content.decode()

        restriction.delete()
        assert visible_to_anonymous_visitors(client, story) == EVERYWHERE

    def test_group_and_password_restrictions_change_the_cached_pages_too(self, client, story):
        for kind, extra in (
            (PageViewRestriction.GROUPS, {}),
            (PageViewRestriction.PASSWORD, {"password": "lab-members"}),
        ):
            assert visible_to_anonymous_visitors(client, story)["home"]
            restriction = PageViewRestriction.objects.create(
                page=story, restriction_type=kind, **extra
            )
            assert TITLE not in client.get("/").content.decode(), kind
            restriction.delete()

    def test_restricting_a_collection_empties_the_cache(self, client, home):
        collection = Collection.get_first_root_node().add_child(name="Committee papers")
        client.get("/")
        assert client.get("/")["X-Page-Cache"] == "hit"

        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=CollectionViewRestriction.LOGIN
        )
        assert client.get("/")["X-Page-Cache"] == "miss"

        assert client.get("/")["X-Page-Cache"] == "hit"
        restriction.delete()
        assert client.get("/")["X-Page-Cache"] == "miss"
