"""schema.org Event JSON-LD of an event page, read back with json.loads."""

import datetime

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from events.models import EventPage, EventSpeaker
from tests.events.helpers import json_ld
from tests.factories import PeopleIndexPageFactory, PersonPageFactory, SiteImageFactory

pytestmark = pytest.mark.django_db


def test_a_hybrid_event_in_a_series_with_speakers(client, add_event, collaboratory, home):
    people = PeopleIndexPageFactory(parent=home)
    person = PersonPageFactory(parent=people, title="Charles Friedman")
    event = add_event(
        "Learning health systems at scale",
        attendance=EventPage.HYBRID,
        join_url="https://umich.zoom.us/j/1",
        room="Room 2901",
        series=collaboratory,
        time_zone="America/Detroit",
        image=SiteImageFactory(),
        registration_url="https://example.org/register",
    )
    EventSpeaker.objects.create(page=event, person=person, sort_order=0)
    EventSpeaker.objects.create(
        page=event, name="Ada Guest", affiliation="Elsewhere U", sort_order=1
    )
    data = json_ld(client.get(event.url), "Event")
    assert data["name"] == "Learning health systems at scale"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, virtual = data["location"]
    assert (
        place["@type"] == "Place" and place["name"] == "Room 2901, Taubman Health Sciences Library"
    )
    assert "Catherine St" in place["address"]
    assert virtual == {"@type": "VirtualLocation", "url": "https://umich.zoom.us/j/1"}
    start = datetime.datetime.fromisoformat(data["startDate"])
    assert start.utcoffset() in (datetime.timedelta(hours=-4), datetime.timedelta(hours=-5))
    assert datetime.datetime.fromisoformat(data["endDate"]) - start == datetime.timedelta(hours=1)
    assert data["organizer"]["@type"] in (
        "Organization",
        "CollegeOrUniversity",
        "EducationalOrganization",
    )
    assert [p["name"] for p in data["performer"]] == ["Charles Friedman", "Ada Guest"]
    assert data["performer"][0]["url"].endswith(person.url)
    assert data["performer"][1]["affiliation"]["name"] == "Elsewhere U"
    assert data["image"][0].startswith("http://testserver/")
    assert data["superEvent"] == {
        "@type": "EventSeries",
        "name": "LHS Collaboratory",
        "url": "http://testserver/events/series/lhs-collaboratory/",
    }
    assert data["offers"]["url"] == "https://example.org/register"


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (EventPage.CANCELLED, "https://schema.org/EventCancelled"),
        (EventPage.POSTPONED, "https://schema.org/EventPostponed"),
        (EventPage.MOVED_ONLINE, "https://schema.org/EventMovedOnline"),
    ],
)
def test_status(client, add_event, status, expected):
    event = add_event("Changed", status=status, join_url="https://umich.zoom.us/j/2")
    data = json_ld(client.get(event.url), "Event")
    assert data["eventStatus"] == expected
    if status == EventPage.MOVED_ONLINE:
        assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
        assert data["location"]["@type"] == "VirtualLocation"


def test_a_recording_is_a_video_object_with_its_transcript(client, add_event):
    video = Document.objects.create(title="v", file=ContentFile(b"x", name="essence.mp4"))
    captions = Document.objects.create(title="c", file=ContentFile(b"WEBVTT\n", name="e.vtt"))
    event = add_event(
        "Essence of Learning Health Systems",
        days=-10,
        attendance=EventPage.ONLINE,
        place="",
        address="",
        recording_file=video,
        captions=captions,
        transcript="<p>Hello and welcome.</p>",
    )
    recording = json_ld(client.get(event.url), "Event")["recordedIn"]
    assert recording["@type"] == "VideoObject"
    assert recording["transcript"] == "Hello and welcome."
    assert recording["contentUrl"].endswith(".mp4")
