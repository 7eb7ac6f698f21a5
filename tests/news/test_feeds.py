"""RSS 2.0 and Atom feeds, read with feedparser as a feed reader would."""

import datetime
import zoneinfo

import feedparser
import pytest

pytestmark = pytest.mark.django_db

D = datetime.date
DETROIT = zoneinfo.ZoneInfo("America/Detroit")
FEEDS = [
    ("/news/feed/rss/", "rss20", "application/rss+xml; charset=utf-8"),
    ("/news/feed/atom/", "atom10", "application/atom+xml; charset=utf-8"),
]


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    return response, parsed


@pytest.fixture(params=FEEDS, ids=["rss", "atom"])
def feed_kind(request):
    """(path, feedparser version, content type) of each kind of feed."""
    return request.param


@pytest.fixture
def path(feed_kind):
    return feed_kind[0]


@pytest.fixture
def stories(add_story, health_lab):
    add_story("AI & you <now>", date=D(2025, 3, 1), tags=["AI", "research"], category=health_lab)
    elsewhere = add_story(
        "Told elsewhere",
        date=D(2025, 2, 1),
        tags=["AI"],
        category=health_lab,
        source_url="https://www.michiganmedicine.org/health-lab/told",
        source_name="Health Lab",
        teaser="A story from Health Lab.",
    )
    add_story("Students", date=D(2025, 1, 1), tags=["students"])
    add_story("Draft", date=D(2025, 4, 1), tags=["AI"], live=False)
    return {"elsewhere": elsewhere}


class TestFeeds:
    def test_all_news(self, client, stories, feed_kind):
        path, version, content_type = feed_kind
        response, feed = read(client, path)
        assert response["Content-Type"] == content_type
        assert feed.version == version
        assert [entry.title for entry in feed.entries] == [
            "AI & you <now>",
            "Told elsewhere",
            "Students",
        ]
        assert feed.feed.title == "News – Department of Learning Health Sciences"
        assert feed.feed.link == "http://testserver/news/"

    def test_links_are_absolute_and_lead_to_this_site(self, client, stories, path):
        _, feed = read(client, path)
        links = [entry.link for entry in feed.entries]
        # A story first published elsewhere still links to its page here; the description
        # says where it first appeared.
        assert links[1] == "http://testserver" + stories["elsewhere"].url
        assert all(link.startswith("http://testserver/news/") for link in links)
        assert "First published at" in feed.entries[1].summary
        assert "https://www.michiganmedicine.org/health-lab/told" in feed.entries[1].summary
        assert "First published at" not in feed.entries[0].summary

    def test_dates_are_the_story_dates(self, client, stories, path):
        _, feed = read(client, path)
        published = [
            datetime.datetime(*entry.published_parsed[:6], tzinfo=datetime.UTC)
            for entry in feed.entries
        ]
        expected = [datetime.datetime(2025, month, 1, tzinfo=DETROIT) for month in (3, 2, 1)]
        assert published == expected
        if feed.version == "atom10":  # RSS 2.0 has no updated date
            assert [entry.updated_parsed for entry in feed.entries] == [
                entry.published_parsed for entry in feed.entries
            ]

    def test_category_and_tags_are_feed_categories(self, client, stories, path):
        _, feed = read(client, path)
        assert [tag.term for tag in feed.entries[0].tags] == ["Health Lab", "AI", "research"]

    def test_ids_stay_the_same_when_a_story_moves(self, client, stories, news_index, path):
        _, before = read(client, path)
        story = news_index.get_children().get(title="Students").specific
        story.slug = "students-renamed"
        story.save_revision().publish()  # as an editor renames it (and the page cache empties)
        _, after = read(client, path)
        assert [entry.id for entry in after.entries] == [entry.id for entry in before.entries]
        assert after.entries[2].link.endswith("/students-renamed/")

    def test_per_tag(self, client, stories, path):
        _, feed = read(client, f"{path}?tag=ai")
        assert [entry.title for entry in feed.entries] == ["AI & you <now>", "Told elsewhere"]
        assert feed.feed.link == "http://testserver/news/?tag=ai"
        assert "tagged “AI”" in feed.feed.title

    def test_per_category(self, client, stories, path):
        _, feed = read(client, f"{path}?category=department-news")
        assert [entry.title for entry in feed.entries] == ["Students"]
        assert feed.feed.link == "http://testserver/news/?category=department-news"

    def test_twenty_latest_stories(self, client, add_story, path):
        for day in range(1, 23):
            add_story(f"Story {day:02d}", date=D(2025, 1, day))
        _, feed = read(client, path)
        assert len(feed.entries) == 20
        assert feed.entries[0].title == "Story 22"
        assert feed.entries[-1].title == "Story 03"

    def test_an_empty_section_gives_a_valid_empty_feed(self, client, news_index, path):
        _, feed = read(client, path)
        assert feed.entries == []

    @pytest.mark.parametrize(
        "query", ["tag=nothing", "category=nothing", "tag=%00", "tag=" + "a" * 200]
    )
    def test_unknown_tag_or_category_is_not_found(self, client, stories, path, query):
        assert client.get(f"{path}?{query}").status_code == 404

    def test_repeated_filter_is_a_bad_request(self, client, stories, path):
        assert client.get(f"{path}?tag=ai&tag=students").status_code == 400


def test_atom_feed_names_its_author_and_itself(client, stories):
    _, feed = read(client, "/news/feed/atom/?tag=ai&utm_source=x")
    assert feed.feed.author == "Department of Learning Health Sciences"
    self_link = next(link.href for link in feed.feed.links if link.rel == "self")
    assert self_link == "http://testserver/news/feed/atom/?tag=ai"


def test_rss_guid_is_not_a_permalink(client, stories):
    _, feed = read(client, "/news/feed/rss/")
    assert all(entry.id.startswith("urn:uuid:") for entry in feed.entries)
    assert all(entry.guidislink is False for entry in feed.entries)
