"""pages' migration 0007: every LecturePage becomes an EventPage in place, same address."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from wagtail.models import Page

from tests.events.helpers import calendar_file

BEFORE = [("pages", "0006_lectureship_names_its_event_series")]


def migrate(targets=None):
    """Migrate to ``targets`` (default: the latest of every app); the historical apps there.

    Apps not named in ``targets`` stay at their latest migration, and the historical apps
    say so (a column added to people since must be in the models the test writes with)."""
    executor = MigrationExecutor(connection)
    named = {app for app, _ in targets or ()}
    leaves = executor.loader.graph.leaf_nodes()
    targets = [*(targets or ()), *(leaf for leaf in leaves if leaf[0] not in named)]
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def add_child(apps, parent, model_name, app_label="pages", **fields):
    """A page of the historical ``model_name`` under ``parent``, as treebeard would place it."""
    model = apps.get_model(app_label, model_name)
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    ParentPage = apps.get_model("wagtailcore", "Page")
    parent = ParentPage.objects.get(pk=parent.pk)
    number = parent.numchild + 1
    content_type, _ = ContentType.objects.get_or_create(
        app_label=app_label, model=model_name.lower()
    )
    page = model.objects.create(
        content_type=content_type,
        locale=Locale.objects.get(pk=parent.locale_id),
        path=parent.path + f"{number:04d}",
        depth=parent.depth + 1,
        url_path=f"{parent.url_path}{fields['slug']}/",
        live=True,
        first_published_at=timezone.now(),
        last_published_at=timezone.now(),
        **fields,
    )
    ParentPage.objects.filter(pk=parent.pk).update(numchild=number)
    return page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_lecture_becomes_an_event_at_the_same_address(client):
    home = Page.objects.get(depth=2)
    old_apps = migrate(BEFORE)
    Person = old_apps.get_model("people", "PersonPage")
    Document = old_apps.get_model("wagtaildocs", "Document")
    lectureship = add_child(
        old_apps,
        home,
        "LectureshipPage",
        title="Roland (Red) Hiss Lectureship",
        slug="hiss-lectureship",
        draft_title="Roland (Red) Hiss Lectureship",
    )
    slides = Document.objects.create(title="Slides of the talk", file="documents/slides.pdf")
    speaker = add_child(
        old_apps,
        home,
        "PersonPage",
        app_label="people",
        title="Ada Visitor",
        slug="ada-visitor",
        draft_title="Ada Visitor",
    )
    assert Person.objects.filter(pk=speaker.pk).exists()
    lecture = add_child(
        old_apps,
        lectureship,
        "LecturePage",
        title="Learning at scale",
        draft_title="Learning at scale",
        slug="learning-at-scale",
        speaker_name="Ada Visitor",
        speaker_title="Professor",
        speaker_affiliation="Elsewhere U",
        speaker_bio="<p>Ada studies learning.</p>",
        speaker_person_id=speaker.pk,
        date=datetime.date(2031, 11, 20),
        start_time=datetime.time(16, 0),
        end_time=datetime.time(17, 30),
        time_zone="Europe/London",
        venue="Taubman Health Sciences Library",
        venue_address="1135 Catherine St",
        online_url="https://example.edu/stream",
        abstract="<p>How systems learn.</p>",
        registration_url="https://example.edu/register",
        recording_url="https://www.youtube.com/watch?v=rec0rding",
        slides_id=slides.pk,
    )

    migrate()

    from events.models import EventPage
    from pages.models import LectureshipPage

    event = EventPage.objects.get(pk=lecture.pk)
    assert event.url_path == lecture.url_path and event.path == lecture.path
    assert Page.objects.get(pk=lecture.pk).specific_class is EventPage
    assert (event.title, event.series.name, event.kind.name) == (
        "Learning at scale",
        "Roland (Red) Hiss Lectureship",
        "Lecture",
    )
    assert LectureshipPage.objects.get().series == event.series
    assert event.local_start.isoformat() == "2031-11-20T16:00:00+00:00"
    assert event.local_end.isoformat() == "2031-11-20T17:30:00+00:00"
    assert event.time_zone == "Europe/London"
    assert (event.attendance, event.place, event.address) == (
        "hybrid",
        "Taubman Health Sciences Library",
        "1135 Catherine St",
    )
    assert event.join_url == "https://example.edu/stream"
    assert event.registration_url == "https://example.edu/register"
    assert event.recording_url == "https://www.youtube.com/watch?v=rec0rding"
    assert event.summary == "Ada Visitor: How systems learn."
    assert [block.block_type for block in event.body] == [
        "heading",
        "paragraph",
        "heading",
        "paragraph",
    ]
    assert "How systems learn." in event.body[1].value.source
    (speaker_row,) = event.speakers.all()
    assert (speaker_row.name, speaker_row.affiliation, speaker_row.person_id) == (
        "Ada Visitor",
        "Professor, Elsewhere U",
        speaker.pk,
    )
    assert [(d.document_id, d.label) for d in event.documents.all()] == [(slides.pk, "Slides")]
    # The editor opens the page as an event, with its data.
    draft = event.get_latest_revision_as_object()
    assert isinstance(draft, EventPage) and draft.kind_id == event.kind_id
    assert [s.name for s in draft.speakers.all()] == ["Ada Visitor"]

    # The old address and its calendar file answer, with the UID subscribers already have.
    response = client.get("/hiss-lectureship/learning-at-scale/")
    assert response.status_code == 200
    assert b"Learning at scale" in response.content
    calendar, _ = calendar_file(client.get("/hiss-lectureship/learning-at-scale/calendar/"))
    (component,) = calendar.walk("VEVENT")
    assert str(component["UID"]) == f"lecture-{lecture.pk}@testserver"
    assert component["DTSTART"].params["TZID"] == "Europe/London"
    series, _ = calendar_file(client.get("/hiss-lectureship/calendar/"))
    assert [str(c["UID"]) for c in series.walk("VEVENT")] == [f"lecture-{lecture.pk}@testserver"]
