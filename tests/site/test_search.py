"""Site search: kinds with counts, promoted results, pagination and hostile queries."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from tests import factories


@pytest.fixture
def searchable(home):
    about = factories.AboutPageFactory(parent=home, mission="<p>Learning at every scale.</p>")
    factories.StandardPageFactory(
        parent=about, title="Learning culture", intro="Openness to new information."
    )
    news = factories.NewsIndexPageFactory(parent=home)
    for number in range(3):
        factories.NewsPageFactory(
            parent=news,
            title=f"Learning health systems story {number}",
            teaser="A story about learning health systems in practice.",
        )
    factories.NewsPageFactory(parent=news, title="Simulation news", teaser="Simulation only.")
    factories.NewsPageFactory(
        parent=news, title="Draft about learning", teaser="learning", live=False
    )
    people = factories.PeopleIndexPageFactory(parent=home)
    factories.PersonPageFactory(
        parent=people, title="Ada Learning", family_name="Learning", short_bio="Studies learning."
    )
    return {"about": about, "news": news, "people": people}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def result_titles(response):
    return [link.get_text(strip=True) for link in soup(response).select(".search-results h3 a")]


def facet_counts(response):
    counts = {}
    for link in soup(response).select(".facet-bar a"):
        label = link.contents[0].strip()
        count = link.select_one(".count")
        if count:
            counts[label] = int(count.get_text().strip("()"))
    return counts


@pytest.mark.django_db
class TestSearch:
    def test_finds_live_pages_of_every_kind_and_counts_them(self, client, searchable):
        response = client.get("/search/", {"q": "learning"})

        assert response.status_code == 200
        titles = result_titles(response)
        assert "Draft about learning" not in titles
        assert "Ada Learning" in titles
        assert "Learning culture" in titles
        assert facet_counts(response) == {"News": 3, "People": 1, "Events": 0, "Pages": 2}

    def test_filter_by_kind(self, client, searchable):
        response = client.get("/search/", {"q": "learning", "type": "news"})

        titles = result_titles(response)
        assert len(titles) == 3
        assert all(title.startswith("Learning health systems story") for title in titles)
        current = soup(response).select_one('.facet-bar a[aria-current="page"]')
        assert current.contents[0].strip() == "News"

    def test_unknown_kind_searches_everything(self, client, searchable):
        response = client.get("/search/", {"q": "learning", "type": "<script>"})

        assert response.status_code == 200
        assert len(result_titles(response)) == 6
        assert "<script>" not in response.content.decode()

    def test_results_show_the_matching_context_highlighted(self, client, searchable):
        response = client.get("/search/", {"q": "openness"})

        excerpt = soup(response).select_one(".search-results .card__text")
        assert excerpt.select_one("mark").get_text() == "Openness"
        assert "to new information" in excerpt.get_text()

    def test_results_are_paginated(self, client, home):
        news = factories.NewsIndexPageFactory(parent=home)
        for number in range(23):
            factories.NewsPageFactory(parent=news, title=f"Learning {number}", teaser="learning")

        first = client.get("/search/", {"q": "learning"})
        third = client.get("/search/", {"q": "learning", "page": 3})

        assert len(result_titles(first)) == 10
        assert len(result_titles(third)) == 3
        assert client.get("/search/", {"q": "learning", "page": 4}).status_code == 404
        assert client.get("/search/", {"q": "learning", "page": "x"}).status_code == 404
        # A kind's pages are counted from its own total.
        news_third = client.get("/search/", {"q": "learning", "type": "news", "page": 3})
        assert len(result_titles(news_third)) == 3
        assert (
            client.get("/search/", {"q": "learning", "type": "news", "page": 4}).status_code == 404
        )
        assert client.get("/search/", {"q": "learning", "type": "people"}).status_code == 200
        assert (
            client.get("/search/", {"q": "learning", "type": "people", "page": 2}).status_code
            == 404
        )
        next_link = soup(first).select_one('.pagination a[rel="next"]')["href"]
        assert "q=learning" in next_link and "page=2" in next_link

    def test_promoted_results_come_first(self, client, searchable):
        query = Query.objects.create(query_string="alumni")
        SearchPromotion.objects.create(
            query=query, page=searchable["about"], description="Start here.", sort_order=0
        )

        response = client.get("/search/", {"q": "Alumni"})

        promoted = soup(response).select_one(".promoted")
        assert promoted.select_one("a").get_text() == "About"
        assert "Start here." in promoted.get_text()

    def test_searching_does_not_store_queries(self, client, searchable):
        client.get("/search/", {"q": "something nobody promoted"})

        assert not Query.objects.filter(query_string="something nobody promoted").exists()

    def test_empty_query_explains_what_to_do(self, client, searchable):
        response = client.get("/search/")

        assert response.status_code == 200
        assert "Type a word or a name above" in response.content.decode()
        assert not result_titles(response)

    def test_no_hits_has_a_helpful_state(self, client, searchable):
        response = client.get("/search/", {"q": "zzyzx"})

        html = response.content.decode()
        assert "Nothing matched “zzyzx”" in html
        assert 'href="/people/"' in html

    def test_search_pages_are_not_indexed(self, client, searchable):
        response = client.get("/search/", {"q": "learning"})

        assert soup(response).select_one('meta[name="robots"]')["content"] == "noindex, follow"

    @pytest.mark.parametrize(
        "hostile",
        [
            '"unclosed phrase',
            "learning AND OR NOT (",
            "-learning +health ~ ^ * :",
            "x" * 10_000,
            "learning\x00health",
            "\x00",
            "' OR 1=1; DROP TABLE wagtailcore_page; --",
            "<script>alert(1)</script>",
            "NEAR(learning health, 2)",
            "***",
            "learning " * 500,
        ],
    )
    def test_hostile_queries_never_fail(self, client, searchable, hostile):
        response = client.get("/search/", {"q": hostile})

        assert response.status_code == 200
        assert "<script>alert(1)</script>" not in response.content.decode()

    @pytest.mark.parametrize(
        "query", ["q=zzyzx&q=learning", "q=learning&type=people&type=news", "q=a&page=1&page=2"]
    )
    def test_repeated_parameters_are_a_bad_request(self, client, searchable, query):
        assert client.get(f"/search/?{query}").status_code == 400

    def test_only_get_and_head(self, client, searchable):
        assert client.post("/search/", {"q": "learning"}).status_code == 405


@pytest.mark.django_db
class TestSearchThrottle:
    def test_a_visitor_who_searches_too_often_gets_a_friendly_429(
        self, client, searchable, settings
    ):
        settings.SEARCH_RATE_LIMIT = 3
        for number in range(3):
            assert client.get("/search/", {"q": f"learning {number}"}).status_code == 200

        refused = client.get("/search/", {"q": "learning"})

        assert refused.status_code == 429
        assert refused["Retry-After"] == "60"
        assert "search again in a minute" in soup(refused).h1.get_text()
        # Others are not held back, and neither is the search form itself.
        assert (
            client.get("/search/", {"q": "learning"}, REMOTE_ADDR="198.51.100.7").status_code == 200
        )
        assert client.get("/search/").status_code == 200

    def test_the_limit_is_generous_enough_for_people(self, client, searchable):
        for number in range(30):
            assert client.get("/search/", {"q": f"learning {number}"}).status_code == 200

    def test_behind_a_proxy_the_visitor_address_counts(self, client, searchable, settings):
        settings.SEARCH_RATE_LIMIT = 2
        settings.TRUSTED_PROXY_COUNT = 1
        for _ in range(2):
            client.get("/search/", {"q": "learning"}, HTTP_X_FORWARDED_FOR="203.0.113.5")

        assert (
            client.get("/search/", {"q": "x"}, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code
            == 429
        )
        assert (
            client.get("/search/", {"q": "x"}, HTTP_X_FORWARDED_FOR="203.0.113.6").status_code
            == 200
        )


@pytest.mark.django_db
def test_one_full_text_count_serves_every_kind(client, searchable, settings):
    settings.PAGE_CACHE_SECONDS = 0  # no kept counts: each search asks the index afresh
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/search/", {"q": "learning", "type": "news"})
    assert response.status_code == 200
    assert facet_counts(response) == {"News": 3, "People": 1, "Events": 0, "Pages": 2}
    full_text = [query for query in queries if "indexentry" in query["sql"].lower()]
    # The counts of every kind in one pass, and the ranking of the page shown.
    assert len(full_text) == 2, [query["sql"][:200] for query in full_text]


@pytest.mark.django_db
def test_a_kind_counts_the_subclasses_of_its_page_types(client, searchable, settings):
    settings.SEARCH_RESULT_KINDS = [("all", "Everything", ["wagtailcore.Page"])]
    response = client.get("/search/", {"q": "learning"})
    assert facet_counts(response) == {"Everything": 6, "Pages": 0}
