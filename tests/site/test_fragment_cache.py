"""Fragments every page shares, and search results, cached until published content changes."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from dlhs.cache import bump_generation, cached_fragment, cached_fragments
from dlhs.models import SiteSettings
from tests import factories


class Builds:
    """A build function that counts its calls."""

    def __init__(self, value="built"):
        self.calls, self.value = 0, value

    def __call__(self):
        self.calls += 1
        return f"{self.value} {self.calls}"


@pytest.mark.django_db
def test_a_fragment_is_built_once_until_content_changes(django_capture_on_commit_callbacks):
    build = Builds()
    assert cached_fragment("menu", build, "host-a") == "built 1"
    assert cached_fragment("menu", build, "host-a") == "built 1"
    assert cached_fragment("menu", build, "host-b") == "built 2"  # varies by what it names

    with django_capture_on_commit_callbacks(execute=True):
        bump_generation()

    assert cached_fragment("menu", build, "host-a") == "built 3"


@pytest.mark.django_db
def test_a_fragment_costs_one_read_and_a_rebuilt_one_replaces_its_entry(cache_reads):
    from django.core.cache import cache

    build = Builds()
    cached_fragment("menu", build, "host-a")
    cache_reads.clear()
    assert cached_fragment("menu", build, "host-a") == "built 1"
    assert cache_reads == ["get_many"]  # the fragment and the generation together

    bump_generation()
    assert cached_fragment("menu", build, "host-a") == "built 2"
    assert sum(":fragment:menu:" in key for key in cache._cache) == 1


def test_with_caching_off_every_fragment_is_built_afresh(settings):
    settings.PAGE_CACHE_SECONDS = 0
    build = Builds()
    cached_fragment("menu", build)
    cached_fragment("menu", build)
    assert build.calls == 2


class BuildsMany:
    """A build function for many keys that records what it was asked to build."""

    def __init__(self, gone=()):
        self.asked, self.gone = [], set(gone)

    def __call__(self, keys):
        self.asked.append(list(keys))
        return {key: f"card {key}" for key in keys if key not in self.gone}


@pytest.mark.django_db
def test_many_fragments_cost_one_read_and_only_the_missing_are_built(
    cache_reads, django_capture_on_commit_callbacks
):
    build = BuildsMany()
    assert cached_fragments("card", [1, 2], build, "site") == {1: "card 1", 2: "card 2"}
    cache_reads.clear()
    assert cached_fragments("card", [2, 3, 1], build, "site") == {
        1: "card 1",
        2: "card 2",
        3: "card 3",
    }
    assert build.asked == [[1, 2], [3]]
    assert cache_reads == ["get_many"]  # every card and the generation together

    with django_capture_on_commit_callbacks(execute=True):
        bump_generation()
    cached_fragments("card", [1, 3], build, "site")
    assert build.asked[-1] == [1, 3]


@pytest.mark.django_db
def test_a_key_its_builder_leaves_out_is_left_out(settings):
    build = BuildsMany(gone={2})
    assert cached_fragments("card", [1, 2], build) == {1: "card 1"}
    assert cached_fragments("card", [1, 2], build) == {1: "card 1"}
    assert build.asked == [[1, 2], [2]]  # what went away is asked for again, never kept

    settings.PAGE_CACHE_SECONDS = 0
    cached_fragments("card", [1], build)
    assert build.asked[-1] == [1]  # caching off: everything built afresh


def test_the_template_tag_keeps_the_rendered_html():
    template = Template(
        '{% load fragment_cache %}{% fragment "greeting" host %}Hello {{ name }}{% endfragment %}'
    )
    assert template.render(Context({"host": "a", "name": "Ada"})) == "Hello Ada"
    assert template.render(Context({"host": "a", "name": "Grace"})) == "Hello Ada"
    assert template.render(Context({"host": "b", "name": "Grace"})) == "Hello Grace"


@pytest.mark.django_db
class TestSharedFragmentsOnPages:
    @pytest.fixture
    def news(self, home):
        index = factories.NewsIndexPageFactory(parent=home)
        factories.NewsPageFactory(parent=index, title="First story")
        home.body = [("news_teaser", {"heading": "Featured", "count": 3, "tag": ""})]
        home.save_revision().publish()
        return index

    def test_the_featured_stories_are_shared_and_fresh_after_a_publish(self, client, home, news):
        # A parameter no page reads: rendered every time, never stored as a page.
        with CaptureQueriesContext(connection) as cold:
            assert "First story" in client.get("/?probe=1").content.decode()
        with CaptureQueriesContext(connection) as warm:
            client.get("/?probe=2")
        assert len(warm) < len(cold)

        factories.NewsPageFactory(parent=news, title="Second story").save_revision().publish()

        assert "Second story" in client.get("/?probe=3").content.decode()

    def test_news_facets_are_shared_and_fresh_after_a_publish(self, client, home, news):
        with CaptureQueriesContext(connection) as cold:
            client.get("/news/?probe=1")
        with CaptureQueriesContext(connection) as warm:
            client.get("/news/?probe=2")
        assert len(warm) <= len(cold) - 3  # tags, categories and years

        factories.NewsPageFactory(
            parent=news, title="Lab story", category=factories.NewsCategoryFactory(name="Lab")
        ).save_revision().publish()
        assert "Lab" in client.get("/news/?probe=3").content.decode()

    def test_the_site_and_its_settings_are_shared_and_fresh_after_a_change(self, client, home):
        client.get("/?probe=1")
        with CaptureQueriesContext(connection) as warm:
            client.get("/?probe=2")
        tables = " ".join(query["sql"] for query in warm.captured_queries)
        assert "wagtailcore_site" not in tables
        assert "dlhs_sitesettings" not in tables

        site_settings = SiteSettings.for_site(home.get_site())
        site_settings.department_name = "Department of Renamed Sciences"
        site_settings.save()
        assert "Department of Renamed Sciences" in client.get("/?probe=3").content.decode()


@pytest.mark.django_db
class TestSearchResultsCache:
    @pytest.fixture
    def stories(self, home):
        index = factories.NewsIndexPageFactory(parent=home)
        for number in range(3):
            factories.NewsPageFactory(parent=index, title=f"Learning story {number}")
        return index

    def test_the_same_query_is_ranked_once_whatever_its_case(self, client, stories):
        with CaptureQueriesContext(connection) as cold:
            first = client.get("/search/", {"q": "learning"})
        with CaptureQueriesContext(connection) as warm:
            second = client.get("/search/", {"q": "LEARNING!"})
        assert len(warm) <= len(cold) - 4  # the three counts and the ranking
        assert first.context["total"] == second.context["total"] == 3
        assert [page.pk for page in first.context["page_obj"].object_list] == [
            page.pk for page in second.context["page_obj"].object_list
        ]

    def test_a_publish_retires_the_cached_results(self, client, stories):
        assert client.get("/search/", {"q": "learning"}).context["total"] == 3

        factories.NewsPageFactory(
            parent=stories, title="Learning story 4"
        ).save_revision().publish()

        assert client.get("/search/", {"q": "learning"}).context["total"] == 4

    def test_with_caching_off_search_ranks_every_time(self, client, stories, settings):
        settings.SEARCH_CACHE_SECONDS = 0
        client.get("/search/", {"q": "learning"})
        with CaptureQueriesContext(connection) as again:
            client.get("/search/", {"q": "learning"})
        assert len(again) >= 5
