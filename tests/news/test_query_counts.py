"""The number of SQL queries of a news listing does not grow with the number of stories."""

import datetime

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from news.blocks import NewsTeaserBlock
from tests.factories import NewsCategoryFactory, NewsPageFactory, SiteImageFactory, jpeg_file

pytestmark = pytest.mark.django_db

URLS = [
    "/news/",
    "/news/?page=1",
    "/news/?tag=ai",
    "/news/?category=health-lab&tag=students&year=2025",
    "/news/feed/rss/",
    "/news/feed/atom/?tag=ai",
]
TAGS = [["AI", "students"], ["students"], ["AI", "research"], ["simulation", "students"]]


@pytest.fixture
def grow(news_index, department_news):
    """``grow(n)``: add stories until the section has n, each with its own picture."""
    categories = [department_news, NewsCategoryFactory(name="Health Lab", slug="health-lab")]
    stories = []

    def grow_to(total):
        while len(stories) < total:
            number = len(stories)
            stories.append(
                NewsPageFactory(
                    parent=news_index,
                    title=f"Story {number}",
                    date=datetime.date(2025, 12, 31) - datetime.timedelta(days=number * 3),
                    category=categories[number % 2],
                    tags=TAGS[number % len(TAGS)],
                    featured=number % 10 == 0,
                    hero_image=SiteImageFactory(file=jpeg_file(size=(96, 64))),
                )
            )

    return grow_to


def queries_of(action):
    action()  # the first time makes the image renditions
    # Cached renditions would hide a query per card: measure with empty caches.
    for cache in caches.all():
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        action()
    return len(queries)


def query_counts(client, home):
    def get(url):
        def action():
            assert client.get(url).status_code == 200

        return action

    def featured_block():
        block = NewsTeaserBlock()
        value = block.to_python({"heading": "Featured News & Stories", "count": 6, "tag": ""})
        html = block.render(value, context={"request": RequestFactory().get("/"), "page": home})
        assert html.count('class="card story-card"') >= 5

    counts = {url: queries_of(get(url)) for url in URLS}
    counts["featured block"] = queries_of(featured_block)
    return counts


def test_the_same_queries_for_5_stories_and_200(client, home, grow):
    grow(5)
    few = query_counts(client, home)
    grow(200)
    many = query_counts(client, home)
    print("queries with 5 and with 200 stories:", few)
    assert many == few
