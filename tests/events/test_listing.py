"""The calendar page: upcoming first, filters, past academic years, pagination, bad input."""

import datetime

import pytest
from django.core.cache import cache, caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dlhs.cache import fragment_key
from events.models import EventPage
from tests.events.helpers import card_titles, soup
from tests.factories import EventAudienceFactory, EventKindFactory, EventSeriesFactory

pytestmark = pytest.mark.django_db


def test_upcoming_events_come_first_soonest_first_and_past_ones_stay_off(client, add_event):
    add_event("Next month", days=30)
    add_event("Tomorrow", days=1)
    add_event("Last week", days=-7)
    assert card_titles(soup(client.get("/events/"))) == ["Tomorrow", "Next month"]


def test_filters_by_kind_series_and_audience(
    client, add_event, webinar, collaboratory, alumni, public
):
    add_event("A webinar", kind=webinar, audiences=[public])
    add_event("A session", series=collaboratory, audiences=[alumni, public])
    add_event("A seminar")
    assert card_titles(soup(client.get("/events/?kind=webinar"))) == ["A webinar"]
    assert card_titles(soup(client.get("/events/?series=lhs-collaboratory"))) == ["A session"]
    assert card_titles(soup(client.get("/events/?audience=alumni"))) == ["A session"]
    assert card_titles(soup(client.get("/events/?audience=public&kind=webinar"))) == ["A webinar"]


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("kind=reunion", 404),  # no such kind
        ("kind=../etc", 404),  # not a slug
        ("series=nothing", 404),
        ("audience=martians", 404),
        ("year=20x4", 404),
        ("year=1999", 404),  # no events that year
        ("kind=seminar&kind=webinar", 400),
        ("page=2&page=3", 400),
        ("page=99", 404),
        ("page=abc", 404),
        ("page=" + "9" * 30, 404),
    ],
)
def test_bad_filters_are_a_clear_4xx(client, add_event, webinar, query, status):
    add_event("A webinar", kind=webinar)
    add_event("A seminar")
    assert client.get(f"/events/?{query}").status_code == status


def test_a_kind_without_events_is_not_offered_nor_accepted(client, add_event):
    EventKindFactory(name="Reunion", slug="reunion")
    add_event("A seminar")
    page = soup(client.get("/events/"))
    assert "Reunion" not in page.select_one(".event-filters").get_text()
    assert client.get("/events/?kind=reunion").status_code == 404


def test_past_events_by_academic_year_july_to_june(client, add_event):
    today = datetime.date.today()
    this_year = today.year if today.month >= 7 else today.year - 1
    add_event("Last June", start_date=datetime.date(this_year, 6, 30))
    add_event("Last July", start_date=datetime.date(this_year - 1, 7, 1))
    add_event("Two years ago", start_date=datetime.date(this_year - 1, 6, 1))
    page = soup(client.get("/events/"))
    years = [a.get_text(strip=True) for a in page.select("#facet-year + ul a")]
    assert years == [
        f"{this_year - 1}–{str(this_year)[-2:]}",
        f"{this_year - 2}–{str(this_year - 1)[-2:]}",
    ]
    past = soup(client.get(f"/events/?year={this_year - 1}"))
    assert card_titles(past) == ["Last June", "Last July"]


def test_pagination_keeps_the_filters_and_404s_beyond_the_last_page(client, add_event, settings):
    for number in range(25):
        add_event(f"Event {number:02}", days=number + 1)
    first = soup(client.get("/events/?kind=seminar"))
    assert len(card_titles(first)) == 20
    assert first.select_one('a[rel="next"]')["href"] == "?kind=seminar&page=2"
    assert card_titles(soup(client.get("/events/?kind=seminar&page=2")))[0] == "Event 20"
    assert client.get("/events/?page=3").status_code == 404


def test_subscriptions_offer_download_and_webcal_beside_it(client, add_event, collaboratory):
    add_event("A session", series=collaboratory)
    page = soup(client.get("/events/?series=lhs-collaboratory"))
    links = [a["href"] for a in page.select(".subscribe a")]
    assert links == [
        "/events/calendar/",
        "webcal://testserver/events/calendar/",
        "/events/series/lhs-collaboratory/calendar/",
        "webcal://testserver/events/series/lhs-collaboratory/calendar/",
    ]


def test_upcoming_and_announced_since_for_other_apps(add_event):
    soon = add_event("Soon", days=2)
    add_event("Over", days=-2)
    assert list(EventPage.objects.upcoming()) == [soon]
    moment = soon.first_published_at - datetime.timedelta(seconds=1)
    assert set(EventPage.objects.announced_since(moment).values_list("title", flat=True)) == {
        "Soon",
        "Over",
    }
    assert not EventPage.objects.announced_since(datetime.datetime.now(datetime.UTC)).exists()


URLS = [
    "/events/",
    "/events/?kind=seminar",
    "/events/?series=lhs-collaboratory&audience=alumni",
    "/events/feed/rss/",
    "/events/calendar/",
    "/events/series/lhs-collaboratory/",
]


def queries_of(client, url):
    assert client.get(url).status_code == 200, url
    for each in caches.all():
        each.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200, url
    return len(queries)


def test_the_same_queries_for_5_events_and_60(client, add_event, collaboratory, alumni):
    kinds = [EventKindFactory(name="Seminar", slug="seminar"), EventKindFactory(name="Webinar")]
    others = [collaboratory, EventSeriesFactory(name="Hiss Lectureship")]
    audiences = [alumni, EventAudienceFactory(name="Students")]
    events = []

    def grow(total):
        while len(events) < total:
            n = len(events)
            events.append(
                add_event(
                    f"Event {n}",
                    days=(n % 40) - 2,  # past and upcoming events from the first five
                    kind=kinds[n % 2],
                    series=others[n % 2],
                    audiences=[audiences[n % 2]],
                )
            )

    grow(5)
    few = {url: queries_of(client, url) for url in URLS}
    grow(60)  # three pages of the calendar, and more than a page behind every filter
    many = {url: queries_of(client, url) for url in URLS}
    print("queries with 5 and with 60 events:", few)
    assert many == few


def test_the_sitemap_lists_the_calendar_its_events_and_series(client, add_event, collaboratory):
    event = add_event("In the sitemap", series=collaboratory)
    body = client.get("/sitemap.xml").content.decode()
    assert event.get_full_url() in body
    assert "/events/series/lhs-collaboratory/</loc>" in body


def test_the_filters_are_read_once_per_change_and_a_new_kind_shows_at_once(
    client, add_event, webinar, event_index
):
    add_event("A seminar")

    def queries(url):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client.get("/events/")  # every shared fragment is built
    # Other addresses, so that each is a page-cache miss too: only the fragments are shared.
    warm = queries("/events/?kind=seminar")
    cache.delete(fragment_key("event-vocabularies", (event_index.pk,)))
    assert queries("/events/?kind=seminar&page=1") == warm + 3  # kinds, series, audiences
    assert client.get("/events/?kind=webinar").status_code == 404

    # Publishing, as an editor does, moves the generation on.
    add_event("A webinar", kind=webinar).save_revision().publish()
    page = soup(client.get("/events/?series="))
    assert "Webinar" in page.select_one(".event-filters").get_text()
    assert card_titles(soup(client.get("/events/?kind=webinar"))) == ["A webinar"]
