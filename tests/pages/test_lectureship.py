"""The Roland (Red) Hiss Lectureship: its lists, its lectures and their calendar files."""

import datetime
import zoneinfo

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar
from wagtail.documents.models import Document

from tests.factories import (
    AboutPageFactory,
    LecturePageFactory,
    LectureshipPageFactory,
    PeopleIndexPageFactory,
    PersonPageFactory,
    SiteImageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lectureship(home):
    return LectureshipPageFactory(parent=AboutPageFactory(parent=home))


def lecture(lectureship, date, **fields):
    fields.setdefault("title", f"Lecture on {date.isoformat()}")
    fields.setdefault("slug", f"lecture-{date.isoformat()}-{fields['title'][-3:]}".lower())
    return LecturePageFactory(parent=lectureship, date=date, **fields)


def html_of(client, page, path=""):
    response = client.get(page.url + path)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


# --- upcoming and past --------------------------------------------------------------


def test_upcoming_and_past_lectures_grouped_by_year(client, lectureship):
    today = timezone.localdate()
    this_year = today.year
    soon = lecture(lectureship, today + datetime.timedelta(days=10), title="Soon")
    later = lecture(lectureship, today + datetime.timedelta(days=100), title="Later")
    same_day = lecture(lectureship, today, title="Today")
    late_last_year = lecture(lectureship, datetime.date(this_year - 1, 11, 1), title="November")
    early_last_year = lecture(lectureship, datetime.date(this_year - 1, 3, 1), title="March")
    long_ago = lecture(lectureship, datetime.date(this_year - 3, 5, 5), title="Long ago")
    lecture(lectureship, today + datetime.timedelta(days=5), title="Draft", live=False)

    assert list(lectureship.upcoming_lectures()) == [same_day, soon, later]
    assert lectureship.past_lectures_by_year() == [
        (this_year - 1, [late_last_year, early_last_year]),
        (this_year - 3, [long_ago]),
    ]

    page = html_of(client, lectureship)
    upcoming = page.find(id="upcoming-lectures").parent
    assert [h3.get_text(strip=True) for h3 in upcoming.find_all("h3")] == [
        "Today",
        "Soon",
        "Later",
    ]
    past = page.find(id="past-lectures").parent
    assert [h3.get_text() for h3 in past.find_all("h3")] == [
        str(this_year - 1),
        str(this_year - 3),
    ]
    assert [h4.get_text(strip=True) for h4 in past.find_all("h4")] == [
        "November",
        "March",
        "Long ago",
    ]
    assert "Draft" not in page.get_text()
    subscribe = page.find("a", string="Subscribe / add the series to your calendar")
    assert subscribe["href"] == lectureship.url + "calendar/"


def test_lectureship_without_lectures_says_what_comes_next(client, lectureship):
    page = html_of(client, lectureship)
    assert "has not been announced yet" in page.find(class_="empty-state").get_text()
    assert page.find(id="past-lectures") is None


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
                speaker_photo=SiteImageFactory(),
            )

    def queries():
        client.get(lectureship.url)  # first render makes the photos' renditions
        with CaptureQueriesContext(connection) as captured:
            response = client.get(lectureship.url)
        assert response.status_code == 200
        return len(captured)

    add_lectures(0, 2)
    with_two = queries()
    add_lectures(2, 18)
    with_twenty = queries()
    assert with_twenty == with_two
    assert with_two < 25


# --- one lecture --------------------------------------------------------------------


def test_lecture_time_is_shown_in_its_own_zone(client, lectureship):
    talk = lecture(
        lectureship,
        datetime.date(2031, 7, 10),
        title="Summer in London",
        start_time=datetime.time(18, 0),
        end_time=datetime.time(19, 30),
        time_zone="Europe/London",
    )
    page = html_of(client, talk)
    details = page.find(class_="lecture-details")
    text = " ".join(details.get_text().split())
    assert "Thursday, July 10, 2031" in text
    assert "6:00 PM – 7:30 PM BST (London time)" in text
    times = [tag["datetime"] for tag in details.find_all("time")]
    assert times == [
        "2031-07-10T18:00:00+01:00",
        "2031-07-10T18:00:00+01:00",
        "2031-07-10T19:30:00+01:00",
    ]


def test_upcoming_lecture_offers_registration_online_link_and_calendar(client, lectureship):
    talk = lecture(
        lectureship,
        timezone.localdate() + datetime.timedelta(days=20),
        registration_url="https://example.edu/register",
        online_url="https://example.edu/stream",
    )
    page = html_of(client, talk)
    assert "Upcoming lecture" in page.find(class_="eyebrow").get_text()
    assert page.find("a", string="Register")["href"] == "https://example.edu/register"
    assert page.find("a", string="Join online")["href"] == "https://example.edu/stream"
    assert page.find("a", string="Add to calendar")["href"] == talk.url + "calendar/"


def test_past_lecture_shows_recording_and_slides_not_registration(client, lectureship):
    slides = Document.objects.create(title="Lecture slides", file="documents/slides.pdf")
    talk = lecture(
        lectureship,
        timezone.localdate() - datetime.timedelta(days=20),
        registration_url="https://example.edu/register",
        recording_url="https://www.youtube.com/watch?v=rec0rding",
        slides=slides,
    )
    page = html_of(client, talk)
    assert "Past lecture" in page.find(class_="eyebrow").get_text()
    assert page.find("a", string="Register") is None
    assert page.find("iframe")["src"].endswith("/embed/rec0rding")
    assert page.find("a", string="Lecture slides")["href"] == slides.url


def test_recording_that_cannot_be_embedded_is_a_plain_link(client, lectureship):
    talk = lecture(
        lectureship,
        timezone.localdate() - datetime.timedelta(days=20),
        title="Kaltura talk",
        recording_url="https://mediaspace.example.edu/media/1",
    )
    page = html_of(client, talk)
    assert page.find("iframe") is None
    anchor = page.find("a", string="Watch the recording of “Kaltura talk”")
    assert anchor["href"] == "https://mediaspace.example.edu/media/1"


def test_speaker_links_to_their_profile_when_it_is_live(client, home, lectureship):
    people = PeopleIndexPageFactory(parent=home)
    person = PersonPageFactory(parent=people, title="Ada Visitor")
    talk = lecture(lectureship, timezone.localdate(), speaker_person=person)
    page = html_of(client, talk)
    assert page.find(class_="speaker__name").a["href"] == person.url

    person.unpublish()
    page = html_of(client, talk)
    assert page.find(class_="speaker__name").a is None
    assert page.find(class_="speaker__name").get_text() == "Ada Visitor"


def test_a_lecture_must_end_after_it_starts(lectureship):
    from django.core.exceptions import ValidationError

    talk = lecture(lectureship, timezone.localdate())
    talk.end_time = talk.start_time
    with pytest.raises(ValidationError) as error:
        talk.full_clean()
    assert "end_time" in error.value.message_dict


# --- calendar files -----------------------------------------------------------------


def calendar_of(response, filename):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    return Calendar.from_ical(response.content)


def test_one_lecture_as_an_icalendar_file(client, lectureship):
    talk = lecture(
        lectureship,
        datetime.date(2031, 11, 20),
        title="Learning at scale",
        slug="learning-at-scale",
        speaker_name="Ada Visitor",
        start_time=datetime.time(16, 0),
        end_time=datetime.time(17, 30),
        time_zone="America/Detroit",
        venue="Taubman Health Sciences Library",
        abstract="<p>How <b>systems</b> learn.</p>",
    )
    calendar = calendar_of(client.get(talk.url + "calendar/"), "learning-at-scale.ics")
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"lecture-{talk.pk}@testserver"
    assert str(event["SUMMARY"]) == "Learning at scale (Ada Visitor)"
    assert str(event["LOCATION"]) == "Taubman Health Sciences Library"
    assert "How systems learn." in str(event["DESCRIPTION"])
    start, end = event["DTSTART"], event["DTEND"]
    assert start.params["TZID"] == end.params["TZID"] == "America/Detroit"
    # Wall-clock time in the lecture's zone, and the right instant.
    assert (start.dt.hour, start.dt.minute) == (16, 0)
    assert (end.dt.hour, end.dt.minute) == (17, 30)
    detroit = zoneinfo.ZoneInfo("America/Detroit")
    assert start.dt == datetime.datetime(2031, 11, 20, 16, 0, tzinfo=detroit)
    assert event["DTSTAMP"].dt.utcoffset() == datetime.timedelta(0)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["America/Detroit"]
    # The raw text carries the zone with the start, as RFC 5545 clients read it.
    assert (
        b"DTSTART;TZID=America/Detroit:20311120T160000"
        in client.get(talk.url + "calendar/").content
    )


def test_lecture_without_an_end_lasts_ninety_minutes(client, lectureship):
    talk = lecture(lectureship, datetime.date(2031, 1, 9), end_time=None, slug="open-ended")
    (event,) = calendar_of(client.get(talk.url + "calendar/"), "open-ended.ics").walk("VEVENT")
    assert event["DTEND"].dt - event["DTSTART"].dt == datetime.timedelta(minutes=90)


def test_the_whole_series_as_one_icalendar_file(client, lectureship):
    detroit = lecture(lectureship, datetime.date(2031, 3, 5), title="In Ann Arbor")
    london = lecture(
        lectureship,
        datetime.date(2030, 6, 1),
        title="In London",
        time_zone="Europe/London",
        start_time=datetime.time(9, 30),
        end_time=datetime.time(11, 0),
    )
    lecture(lectureship, datetime.date(2031, 4, 1), title="Unpublished", live=False)

    response = client.get(lectureship.url + "calendar/")
    calendar = calendar_of(response, f"{lectureship.slug}.ics")
    assert str(calendar["X-WR-CALNAME"]) == lectureship.title
    events = {str(event["SUMMARY"]).split(" (")[0]: event for event in calendar.walk("VEVENT")}
    assert set(events) == {"In Ann Arbor", "In London"}
    assert {str(event["UID"]) for event in events.values()} == {
        f"lecture-{detroit.pk}@testserver",
        f"lecture-{london.pk}@testserver",
    }
    assert events["In London"]["DTSTART"].params["TZID"] == "Europe/London"
    assert (events["In London"]["DTSTART"].dt.hour, events["In London"]["DTSTART"].dt.minute) == (
        9,
        30,
    )
    assert events["In Ann Arbor"]["DTSTART"].params["TZID"] == "America/Detroit"
    zones = {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    assert zones == {"America/Detroit", "Europe/London"}
