"""The Roland (Red) Hiss Lectureship: its lectures are events of its series, listed upcoming
and past by academic year, in the calendar too, with the series' calendar file."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from events import schedule
from events.models import EventPage
from pages.models import LectureshipPage
from tests.events.helpers import calendar_file
from tests.factories import (
    AboutPageFactory,
    EventIndexPageFactory,
    LectureFactory,
    LectureshipPageFactory,
    SiteImageFactory,
)
from tests.query_counts import render_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def lectureship(home):
    return LectureshipPageFactory(parent=AboutPageFactory(parent=home))


def lecture(lectureship, date, **fields):
    fields.setdefault("title", f"Lecture on {date.isoformat()}")
    fields.setdefault("slug", f"lecture-{date.isoformat()}-{fields['title'][-3:]}".lower())
    return LectureFactory(parent=lectureship, start_date=date, **fields)


def html_of(client, page, path=""):
    response = client.get(page.url + path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_lectures_are_events_published_under_the_lectureship(lectureship):
    assert EventPage.can_create_at(lectureship)
    assert LectureshipPage in EventPage.allowed_parent_page_models()


def test_upcoming_and_past_lectures_grouped_by_academic_year(client, lectureship):
    today = timezone.localdate()
    # Academic years run July to June: November and the next March share one.
    year = schedule.academic_year_of(today) - 2
    soon = lecture(lectureship, today + datetime.timedelta(days=10), title="Soon")
    later = lecture(lectureship, today + datetime.timedelta(days=100), title="Later")
    november = lecture(lectureship, datetime.date(year, 11, 1), title="November")
    march = lecture(lectureship, datetime.date(year + 1, 3, 1), title="March")
    june = lecture(lectureship, datetime.date(year - 1, 6, 30), title="June")
    lecture(lectureship, today + datetime.timedelta(days=5), title="Draft", live=False)

    assert list(lectureship.upcoming_lectures()) == [soon, later]
    assert lectureship.past_lectures_by_year() == [
        (schedule.academic_year_label(year), [march, november]),
        (schedule.academic_year_label(year - 2), [june]),
    ]

    page = html_of(client, lectureship)
    upcoming = page.find(id="upcoming-lectures").parent
    assert [h3.get_text(strip=True) for h3 in upcoming.find_all("h3")] == ["Soon", "Later"]
    past = page.find(id="past-lectures").parent
    assert [h3.get_text() for h3 in past.find_all("h3")] == [
        f"Academic year {schedule.academic_year_label(year)}",
        f"Academic year {schedule.academic_year_label(year - 2)}",
    ]
    assert [h4.get_text(strip=True) for h4 in past.find_all("h4")] == ["March", "November", "June"]
    assert "Draft" not in page.get_text()
    subscribe = page.find("a", string="Subscribe / add the series to your calendar")
    assert subscribe["href"] == lectureship.url + "calendar/"


def test_lectureship_without_lectures_says_what_comes_next(client, lectureship):
    page = html_of(client, lectureship)
    assert "has not been announced yet" in page.find(class_="empty-state").get_text()
    assert page.find(id="past-lectures") is None


def test_lectureship_lists_events_of_its_series_wherever_published(client, home, lectureship):
    calendar = EventIndexPageFactory(parent=home)
    lecture(lectureship, timezone.localdate() + datetime.timedelta(days=3), title="Here")
    LectureFactory(parent=calendar, title="In the calendar", slug="in-the-calendar")
    LectureFactory(parent=calendar, title="Other series", slug="other", series=None)

    titles = [event.title for event in lectureship.upcoming_lectures()]
    assert sorted(titles) == ["Here", "In the calendar"]
    # And the calendar lists the lectureship's lectures with its own events.
    listed = html_of(client, calendar).select(".event-card__title")
    assert {title.get_text(strip=True) for title in listed} == {
        "Here",
        "In the calendar",
        "Other series",
    }


def test_lectureship_queries_do_not_grow_with_lectures(client, lectureship):
    today = timezone.localdate()

    def add_lectures(start, count):
        # Odd numbers are upcoming, even ones past: both lists are filled from the start.
        for number in range(start, start + count):
            offset = datetime.timedelta(days=40 * (number + 1))
            lecture(
                lectureship,
                today + offset if number % 2 else today - offset,
                title=f"Lecture {number:03d}",
                image=SiteImageFactory(),
            )

    def queries():
        _, sql = render_queries(client, lectureship.url)
        # The upcoming and the past lectures come from one read of the series.
        assert sum('FROM "events_eventpage" ' in query for query in sql) == 1
        return len(sql)

    add_lectures(0, 2)
    with_two = queries()
    add_lectures(2, 18)
    with_twenty = queries()
    assert with_twenty == with_two
    assert 0 < with_two < 25


def test_a_lecture_page_links_its_series_in_the_calendar(client, home, lectureship):
    calendar = EventIndexPageFactory(parent=home)
    talk = lecture(lectureship, timezone.localdate() + datetime.timedelta(days=9), title="Talk")
    page = html_of(client, talk)
    series_link = page.find(class_="eyebrow").find("a")
    assert series_link["href"] == calendar.url + "series/hiss-lectureship/"
    assert page.find("a", string="All events")["href"] == calendar.url


def test_a_lecture_without_a_calendar_page_still_renders(client, lectureship):
    talk = lecture(lectureship, timezone.localdate() + datetime.timedelta(days=9), title="Talk")
    page = html_of(client, talk)
    assert page.find("h1").get_text() == "Talk"
    assert page.find("a", string="All events") is None


def test_the_whole_series_as_one_icalendar_file(client, lectureship):
    kept = lecture(lectureship, datetime.date(2031, 3, 5), title="Converted")
    kept.legacy_calendar_uid = f"lecture-{kept.pk}"
    kept.save_revision().publish()
    lecture(
        lectureship,
        datetime.date(2030, 6, 1),
        title="In London",
        time_zone="Europe/London",
        start_time=datetime.time(9, 30),
        end_time=datetime.time(11, 0),
    )
    lecture(lectureship, datetime.date(2031, 4, 1), title="Unpublished", live=False)

    response = client.get(lectureship.url + "calendar/")
    assert response["Content-Disposition"] == f'attachment; filename="{lectureship.slug}.ics"'
    calendar, _ = calendar_file(response)
    assert str(calendar["X-WR-CALNAME"]) == lectureship.title
    events = {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {"Converted", "In London"}
    # A converted lecture keeps the UID of the old calendar files; a new one gets the events'.
    assert str(events["Converted"]["UID"]) == f"lecture-{kept.pk}@testserver"
    assert str(events["In London"]["UID"]).startswith("event-")
    assert events["In London"]["DTSTART"].params["TZID"] == "Europe/London"
    assert events["In London"]["DTSTART"].dt.hour == 9
    zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    assert zones == {"America/Detroit", "Europe/London"}
