"""Routing below the home page (dlhs/routing.py) answers as Wagtail's own routing would, in
a fixed number of queries whatever the depth; page view restrictions are read once per
request (dlhs/restrictions.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from dlhs import restrictions
from dlhs.routing import route_ancestors
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    NewsIndexPageFactory,
    NewsPageFactory,
    PeopleIndexPageFactory,
    PersonPageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def tree(home):
    news = NewsIndexPageFactory(parent=home, slug="news")
    story = NewsPageFactory(parent=news, slug="a-story", title="A story")
    people = PeopleIndexPageFactory(parent=home, slug="people")
    person = PersonPageFactory(parent=people, slug="ada", title="Ada Example")
    events = EventIndexPageFactory(parent=home, slug="events")
    event = EventPageFactory(parent=events, slug="a-talk", title="A talk")
    about = StandardPageFactory(parent=home, slug="about", title="About")
    deep = StandardPageFactory(parent=about, slug="deeper", title="Deeper")
    deepest = StandardPageFactory(parent=deep, slug="deepest", title="Deepest")
    return {
        "news": news,
        "story": story,
        "person": person,
        "event": event,
        "about": about,
        "deep": deep,
        "deepest": deepest,
    }


def routed(client, address):
    response = client.get(address)
    page = response.context["page"] if response.status_code == 200 and response.context else None
    return response.status_code, page


def test_each_page_is_found_at_its_address(client, tree):
    # One tree for all addresses: building it is most of this module's time.
    for address, title in [
        ("/news/a-story/", "A story"),
        ("/people/ada/", "Ada Example"),
        ("/events/a-talk/", "A talk"),
        ("/about/", "About"),
        ("/about/deeper/", "Deeper"),
        ("/about/deeper/deepest/", "Deepest"),
    ]:
        status, page = routed(client, address)
        assert status == 200, address
        assert page.title == title
        assert type(page) is type(Page.objects.get(title=title).specific)


def test_sub_routes_of_routable_pages_still_answer(client, tree):
    assert client.get("/news/feed/rss/").status_code == 200
    assert client.get("/news/feed/rss/")["Content-Type"].startswith("application/rss+xml")
    assert client.get("/people/ada/vcard/")["Content-Type"].startswith("text/vcard")
    assert client.get("/events/a-talk/calendar/")["Content-Type"].startswith("text/calendar")


def test_an_address_with_no_page_is_404(client, tree):
    for address in ("/news/no-such-story/", "/news/a-story/no-such-route/", "/nowhere/"):
        assert client.get(address).status_code == 404, address
    assert client.get("/about/deepest/").status_code == 404  # a level left out


def test_a_page_below_the_home_page_is_found_without_reading_the_home_page_again(client, tree):
    """Wagtail reads the site's root page in its specific form for every address; the walk
    starts from the plain page the site's query read, and the home page's own row is read
    only for the home page itself."""
    for address in ("/about/", "/news/a-story/", "/people/ada/vcard/"):
        with CaptureQueriesContext(connection) as queries:
            client.get(address)
        assert not [query for query in queries if "pages_homepage" in query["sql"]], address
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/").status_code == 200
    assert [query for query in queries if "pages_homepage" in query["sql"]]


def test_wagtail_s_own_addresses_and_page_urls_are_unchanged(client, tree):
    """dlhs.views.serve_page takes Wagtail's page view's place, pattern and name."""
    assert tree["story"].url == "/news/a-story/"
    assert client.get("/_util/login/").status_code == 200  # Wagtail's front-end sign-in
    assert client.get("/about/deeper/deepest/").status_code == 200


def test_a_very_long_address_is_a_404_in_a_few_queries(client, tree):
    address = "/about/deeper/deepest/" + "x/" * 1000
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 404
    assert len(queries) < 20


def test_a_draft_is_404_and_a_live_page_below_a_draft_is_still_served(client, tree):
    """As in Wagtail's routing: only the page served must be live."""
    deep = tree["deep"]
    deep.live = False
    deep.save()
    assert client.get("/about/deeper/").status_code == 404
    assert client.get("/about/deeper/deepest/").status_code == 200


def test_a_sub_route_wins_over_a_child_with_the_same_slug(client, tree):
    """Wagtail asks a routable page for its routes before its children."""
    NewsPageFactory(parent=tree["news"], slug="feed", title="A story called feed")
    status, page = routed(client, "/news/feed/")
    assert (status, page.title) == (200, "A story called feed")  # no route at feed/ itself
    assert client.get("/news/feed/rss/")["Content-Type"].startswith("application/rss+xml")


def test_a_moved_page_answers_at_its_new_address_and_the_old_one_redirects(client, tree):
    tree["deepest"].move(tree["about"], pos="last-child")
    assert client.get("/about/deepest/").status_code == 200
    old = client.get("/about/deeper/deepest/")  # no page there now: the move's redirect
    assert (old.status_code, old["Location"]) == (301, "/about/deepest/")


def test_routing_costs_the_same_queries_at_every_depth(client, tree):
    """The breadcrumbs reuse the pages routing read, so they cost nothing either."""
    counts = {}
    for address in ("/about/", "/about/deeper/", "/about/deeper/deepest/"):
        client.get(address)  # warm Wagtail's per-process caches (content types, site roots)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        counts[address] = len(queries)
    assert len(set(counts.values())) == 1, counts


def test_the_breadcrumbs_come_from_the_pages_routing_read(client, tree):
    response = client.get("/about/deeper/deepest/")
    walked = route_ancestors(response.context["page"])
    assert [page.pk for page in walked if page.depth >= 2] == [
        tree["about"].get_parent().pk,
        tree["about"].pk,
        tree["deep"].pk,
    ]
    html = response.content.decode()
    assert 'href="/about/"' in html and 'href="/about/deeper/"' in html


def test_a_private_section_is_left_out_of_listings_from_the_next_request(client, tree):
    assert "A story" in client.get("/news/").content.decode()
    PageViewRestriction.objects.create(page=tree["story"], restriction_type="login")
    assert "A story" not in client.get("/news/").content.decode()
    PageViewRestriction.objects.all().delete()
    assert "A story" in client.get("/news/").content.decode()


def test_restrictions_are_read_once_per_request(client, tree):
    PageViewRestriction.objects.create(page=tree["deep"], restriction_type="login")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/news/a-story/").status_code == 200
    # One read for every listing, the menu and the page's own check: serving a page off the
    # private section reads no restrictions of its own (Wagtail's two queries).
    reads = [query["sql"] for query in queries if "wagtailcore_pageviewrestriction" in query["sql"]]
    assert len(reads) == 1, reads


def test_restrictions_are_read_once_until_they_change(client, tree, settings):
    settings.PAGE_CACHE_SECONDS = 300  # and with it the fragment cache
    client.get("/news/a-story/?probe=1")  # a parameter no page reads: never a cached page
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/about/deeper/?probe=2").status_code == 200
    reads = [query["sql"] for query in queries if "wagtailcore_pageviewrestriction" in query["sql"]]
    assert reads == []  # the list read by the first request, in the fragment cache

    PageViewRestriction.objects.create(page=tree["news"], restriction_type="login")
    assert client.get("/news/a-story/?probe=3").status_code == 302
    assert "A story" not in client.get("/?probe=4").content.decode()


@pytest.mark.parametrize("restricted", ["news", "story"])
def test_a_private_page_still_asks_for_a_sign_in(client, tree, restricted):
    PageViewRestriction.objects.create(page=tree[restricted], restriction_type="login")

    response = client.get("/news/a-story/")

    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.get("/about/deeper/").status_code == 200


def test_an_alias_of_a_private_page_is_private_too(client, tree, home):
    PageViewRestriction.objects.create(page=tree["deep"], restriction_type="login")
    tree["deep"].create_alias(parent=home, update_slug="deeper-alias")

    response = client.get("/deeper-alias/")

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_outside_a_request_every_listing_reads_afresh(tree):
    """A command or the task worker never keeps a list of restrictions."""
    assert Page.objects.live().public().filter(pk=tree["story"].pk).exists()
    PageViewRestriction.objects.create(page=tree["news"], restriction_type="login")
    assert not Page.objects.live().public().filter(pk=tree["story"].pk).exists()
    assert not restrictions.pages_that_matter.in_request()


def test_a_restriction_made_during_a_request_is_seen_by_the_rest_of_it(tree):
    restrictions.pages_that_matter.start()
    try:
        assert Page.objects.live().public().filter(pk=tree["story"].pk).exists()
        PageViewRestriction.objects.create(page=tree["news"], restriction_type="login")
        assert not Page.objects.live().public().filter(pk=tree["story"].pk).exists()
    finally:
        restrictions.pages_that_matter.finish()


def test_the_page_served_is_read_with_the_relations_its_type_shows(client, tree):
    from tests.factories import NewsCategoryFactory, SiteImageFactory

    story = tree["story"]
    story.category = NewsCategoryFactory(name="Health Lab")
    story.hero_image = SiteImageFactory(description="A poster session")
    story.save_revision().publish()

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/news/a-story/")

    assert response.status_code == 200 and "Health Lab" in response.content.decode()
    separate = [
        query["sql"]
        for query in queries
        if query["sql"].startswith(('SELECT "news_newscategory"', 'SELECT "dlhs_siteimage"'))
    ]
    assert separate == []


def test_a_department_page_is_read_with_its_picture(client, tree):
    from tests.factories import SiteImageFactory

    about = tree["about"]
    about.hero_image = SiteImageFactory(description="The atrium")
    about.save_revision().publish()

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/about/")

    assert response.status_code == 200 and 'alt="The atrium"' in response.content.decode()
    assert not [query for query in queries if query["sql"].startswith('SELECT "dlhs_siteimage"')]
