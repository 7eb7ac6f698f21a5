"""Every page type's <head>, read as search engines and link previews read it."""

import json
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.utils.text import slugify

from events.models import EventPage
from pages.demo.copy import lectureship, news, people
from tests.site.page_types import PAGE_TYPES

# The schema.org types this site emits, and what each must carry.
REQUIRED_PROPERTIES = {
    "CollegeOrUniversity": {"name", "url"},
    "BreadcrumbList": {"itemListElement"},
    "NewsArticle": {"headline", "datePublished", "author", "publisher", "url"},
    # performer only where there are speakers (a reunion has none): tests/events/test_schema.py
    "Event": {
        "name",
        "startDate",
        "endDate",
        "location",
        "organizer",
        "eventStatus",
        "eventAttendanceMode",
    },
    "Person": {"name", "url"},
}


@pytest.fixture
def demo_pages(demo_site):
    """The demo tree built once for the module (tests/site/conftest.py): each page type's path."""
    return PAGE_TYPES


def copy_of(entries, path):
    """The demo copy of the page at ``path``: the entry whose slug ends the address."""
    slug = path.rstrip("/").rsplit("/", 1)[-1]
    return next(entry for entry in entries if entry["slug"] == slug)


def read_head(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    soup = BeautifulSoup(response.content, "html.parser")
    head = soup.head

    def meta(**attrs):
        tag = head.find("meta", attrs=attrs)
        return tag["content"] if tag else None

    items = [
        json.loads(script.string) for script in head.select('script[type="application/ld+json"]')
    ]
    return {
        "lang": soup.html.get("lang"),
        "title": head.title.string.strip(),
        "description": meta(name="description"),
        "canonical": head.find("link", rel="canonical")["href"],
        "og": {
            key: meta(property=f"og:{key}")
            for key in ("title", "type", "url", "description", "site_name", "image")
        },
        "twitter_card": meta(name="twitter:card"),
        "json_ld": items,
    }


def test_every_page_type_has_complete_metadata(client, demo_pages, subtests):
    for name, path in demo_pages.items():
        with subtests.test(page=name):
            head = read_head(client, path)

            assert head["lang"] == "en"
            assert (
                head["title"].endswith("Department of Learning Health Sciences") or name == "home"
            )
            assert head["description"], "no meta description"
            assert len(head["description"]) <= 160
            canonical = urlsplit(head["canonical"])
            # A listing's own filters (a past academic year) belong to its address.
            address = canonical.path + (f"?{canonical.query}" if canonical.query else "")
            assert canonical.scheme in ("http", "https") and address == path
            assert head["og"]["url"] == head["canonical"]
            assert head["og"]["title"] and head["og"]["site_name"]
            assert head["og"]["description"] == head["description"]
            assert head["twitter_card"] in ("summary", "summary_large_image")
            if head["og"]["image"]:
                assert head["og"]["image"].startswith("http")
                assert head["twitter_card"] == "summary_large_image"


def test_every_page_type_has_valid_structured_data(client, demo_pages, subtests):
    expected = {
        "home": {"CollegeOrUniversity"},
        "lecture": {"Event", "BreadcrumbList"},
        "event": {"Event", "BreadcrumbList"},
        "cancelled event": {"Event", "BreadcrumbList"},
        "rescheduled event": {"Event", "BreadcrumbList"},
        "story": {"NewsArticle", "BreadcrumbList"},
        "profile": {"Person", "BreadcrumbList"},
    }
    for name, path in demo_pages.items():
        with subtests.test(page=name):
            items = read_head(client, path)["json_ld"]

            types = {item["@type"] for item in items}
            assert types == expected.get(name, {"BreadcrumbList"})
            for item in items:
                assert item["@context"] == "https://schema.org"
                missing = REQUIRED_PROPERTIES[item["@type"]] - item.keys()
                assert not missing, f"{item['@type']} lacks {missing}"


def test_breadcrumbs_run_from_home_to_the_page(client, demo_pages):
    items = read_head(client, demo_pages["lecture"])["json_ld"]
    crumbs = next(item for item in items if item["@type"] == "BreadcrumbList")["itemListElement"]

    assert [crumb["position"] for crumb in crumbs] == [1, 2, 3, 4]
    assert [urlsplit(crumb["item"]).path for crumb in crumbs] == [
        "/",
        "/about/",
        "/about/hiss-lectureship/",
        demo_pages["lecture"],
    ]


def test_a_lecture_is_an_event_in_its_own_time_zone(client, demo_pages):
    lecture = EventPage.objects.live().get(url_path__endswith=demo_pages["lecture"])
    items = read_head(client, demo_pages["lecture"])["json_ld"]
    event = next(item for item in items if item["@type"] == "Event")

    assert event["startDate"] == lecture.local_start.isoformat()
    assert event["startDate"][-6:] in ("-04:00", "-05:00")  # Detroit, summer or winter
    assert event["location"]["@type"] == "Place"
    assert [performer["name"] for performer in event["performer"]] == [
        speaker.name for speaker in lecture.speakers.all()
    ]
    assert event["superEvent"]["name"] == lectureship.PAGE["title"]
    assert event["superEvent"]["url"].endswith("/events/series/hiss-lectureship/")


def test_a_story_is_a_news_article(client, demo_pages):
    items = read_head(client, demo_pages["story"])["json_ld"]
    article = next(item for item in items if item["@type"] == "NewsArticle")

    story = copy_of(news.STORIES, demo_pages["story"])
    category = next(c for c in news.CATEGORIES if slugify(c["name"]) == story["category"])
    assert article["headline"] == story["title"]
    assert article["datePublished"] == story["date"].isoformat()
    assert article["articleSection"] == category["name"]
    assert set(story["tags"]) <= set(article["keywords"])
    assert article["image"][0].startswith("http")
    assert article["isBasedOn"].startswith("https://")
    assert read_head(client, demo_pages["story"])["og"]["type"] == "article"


def test_a_profile_is_a_person(client, demo_pages):
    head = read_head(client, demo_pages["profile"])
    person = next(item for item in head["json_ld"] if item["@type"] == "Person")

    assert person["name"] == copy_of(people.PEOPLE, demo_pages["profile"])["title"]
    assert head["og"]["type"] == "profile"
