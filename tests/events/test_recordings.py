"""A recording is shown only with a transcript, and an uploaded video only with captions."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from events.accessibility import recording_problems
from tests.events.helpers import soup

pytestmark = pytest.mark.django_db
TRANSCRIPT = "<p>Welcome to the Essence of Learning Health Systems webinar.</p>"


def document(name, content=b"data"):
    return Document.objects.create(title=name, file=ContentFile(content, name=name))


def test_a_linked_recording_needs_a_transcript(add_event):
    event = add_event("Webinar", days=-3)
    event.recording_url = "https://www.youtube.com/watch?v=abc"
    [problem] = recording_problems(event)
    assert "transcript" in problem
    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    assert "transcript" in str(refused.value)
    event.transcript = TRANSCRIPT
    assert recording_problems(event) == []


def test_an_uploaded_video_needs_webvtt_captions(add_event):
    event = add_event("Webinar", days=-3)
    event.recording_file = document("talk.mp4")
    event.transcript = TRANSCRIPT
    assert any("WebVTT" in problem for problem in recording_problems(event))
    event.captions = document("talk.srt")
    assert recording_problems(event) == ["Captions must be a WebVTT file ending in .vtt."]
    event.captions = document("talk.vtt", b"WEBVTT\n")
    assert recording_problems(event) == []
    event.recording_file = document("talk.pdf")
    assert recording_problems(event) == ["An uploaded recording must be an MP4 or WebM video."]


def test_no_recording_no_problem(add_event):
    assert recording_problems(add_event("Seminar")) == []


def test_the_page_shows_the_video_with_its_caption_track_and_transcript(client, add_event):
    event = add_event(
        "Essence of Learning Health Systems",
        days=-3,
        recording_file=document("essence.mp4"),
        captions=document("essence.vtt", b"WEBVTT\n"),
        transcript=TRANSCRIPT,
    )
    page = soup(client.get(event.url))
    video = page.select_one("video")
    track = video.select_one("track")
    assert track["kind"] == "captions" and track["src"].endswith(".vtt")
    assert "Essence of Learning Health Systems webinar" in page.select_one(".transcript").text


def test_past_events_are_found_by_their_transcript_under_events(client, add_event):
    add_event(
        "Recorded talk",
        days=-3,
        recording_url="https://example.org/v",
        transcript="<p>We discussed the zeitgeber of clinical feedback loops.</p>",
    )
    add_event("Other talk", days=-3)
    page = soup(client.get("/search/", {"q": "zeitgeber", "type": "events"}))
    assert [a.get_text(strip=True) for a in page.select(".search-results h3 a")] == [
        "Recorded talk"
    ]
    kinds = [a.get_text(" ", strip=True) for a in page.select(".facet-bar a")]
    assert any(kind.startswith("Events") for kind in kinds)


def test_the_accessibility_step_runs_the_recording_check(add_event):
    from dlhs import accessibility

    event = add_event("Webinar", days=-3)
    event.recording_url = "https://www.youtube.com/watch?v=abc"
    assert any("transcript" in problem for problem in accessibility.problems(event))
    event.transcript = TRANSCRIPT
    assert not any("transcript" in problem for problem in accessibility.problems(event))
    # Other page types are not events: the check finds nothing to say of them.
    assert accessibility.problems(event.get_parent().specific) == []
