"""Every LecturePage becomes an EventPage in the Hiss Lectureship's series, in place.

The page keeps its id, path and address (and so its calendar file at …/calendar/, whose UID
``lecture-<id>@<host>`` is kept in ``legacy_calendar_uid``): the page's content type
changes, an events row takes the lecture's data, the lecture's row goes, and a fresh
revision lets the editor open the page as an event.
"""

import datetime
import uuid
import zoneinfo

from django.db import migrations
from django.utils import timezone
from django.utils.html import strip_tags
from modelcluster.models import get_serializable_data_for_fields

SERIES_NAME = "Roland (Red) Hiss Lectureship"
SERIES_SLUG = "hiss-lectureship"
LECTURE_LENGTH = datetime.timedelta(minutes=90)


def vocabulary(model, name, slug, **defaults):
    found = model.objects.filter(slug=slug).first() or model.objects.filter(name=name).first()
    return found or model.objects.create(name=name, slug=slug, **defaults)


def bounds(lecture):
    zone = zoneinfo.ZoneInfo(lecture.time_zone)
    start = datetime.datetime.combine(lecture.date, lecture.start_time, tzinfo=zone)
    if lecture.end_time:
        return start, datetime.datetime.combine(lecture.date, lecture.end_time, tzinfo=zone)
    return start, start + LECTURE_LENGTH


def summary_of(lecture):
    if lecture.search_description:
        return lecture.search_description[:600]
    abstract = " ".join(strip_tags(lecture.abstract or "").split())
    text = abstract or lecture.title
    text = f"{lecture.speaker_name}: {text}"
    return text if len(text) <= 600 else text[:599] + "…"


def block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def body_of(lecture):
    body = []
    if lecture.abstract:
        body += [
            block("heading", {"heading_text": "Abstract", "level": "h2"}),
            block("paragraph", lecture.abstract),
        ]
    if lecture.speaker_bio:
        body += [
            block("heading", {"heading_text": "About the speaker", "level": "h2"}),
            block("paragraph", lecture.speaker_bio),
        ]
    return body


def attendance_of(lecture):
    in_person = bool(lecture.venue or lecture.venue_address)
    if in_person and lecture.online_url:
        return "hybrid"
    return "online" if lecture.online_url and not in_person else "in_person"


def lectures_become_events(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Revision = apps.get_model("wagtailcore", "Revision")
    LecturePage = apps.get_model("pages", "LecturePage")
    LectureshipPage = apps.get_model("pages", "LectureshipPage")
    EventPage = apps.get_model("events", "EventPage")
    EventKind = apps.get_model("events", "EventKind")
    EventSeries = apps.get_model("events", "EventSeries")
    EventSpeaker = apps.get_model("events", "EventSpeaker")
    EventDocument = apps.get_model("events", "EventDocument")

    lectures = list(LecturePage.objects.order_by("path"))
    lectureships = LectureshipPage.objects.filter(series__isnull=True)
    if not lectures and not lectureships.exists():
        return
    kind = vocabulary(EventKind, "Lecture", "lecture")
    series = vocabulary(EventSeries, SERIES_NAME, SERIES_SLUG)
    lectureships.update(series=series)
    if not lectures:
        return
    event_type, _ = ContentType.objects.get_or_create(app_label="events", model="eventpage")
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    connection = schema_editor.connection
    for lecture in lectures:
        starts_at, ends_at = bounds(lecture)
        speaker_affiliation = ", ".join(
            part for part in (lecture.speaker_title, lecture.speaker_affiliation) if part
        )
        event = EventPage(
            page_ptr_id=lecture.pk,
            kind_id=kind.pk,
            series_id=series.pk,
            start_date=lecture.date,
            start_time=lecture.start_time,
            end_time=lecture.end_time,
            time_zone=lecture.time_zone,
            starts_at=starts_at,
            ends_at=ends_at,
            attendance=attendance_of(lecture),
            place=lecture.venue,
            address=lecture.venue_address,
            join_url=lecture.online_url,
            registration_url=lecture.registration_url,
            summary=summary_of(lecture),
            body=body_of(lecture),
            image_id=lecture.speaker_photo_id,
            recording_url=lecture.recording_url,
            legacy_calendar_uid=f"lecture-{lecture.pk}",
        )
        # raw: write the events row only; the page row (wagtailcore_page) stays as it is.
        event.save_base(raw=True)
        EventSpeaker.objects.create(
            page_id=lecture.pk,
            sort_order=0,
            person_id=lecture.speaker_person_id,
            name=lecture.speaker_name,
            affiliation=speaker_affiliation,
        )
        if lecture.slides_id:
            EventDocument.objects.create(
                page_id=lecture.pk, sort_order=0, document_id=lecture.slides_id, label="Slides"
            )
        with connection.cursor() as cursor:
            # Not .delete(): on a model with parents it would delete the page row too.
            cursor.execute(
                f"DELETE FROM {connection.ops.quote_name(LecturePage._meta.db_table)} "
                f"WHERE {connection.ops.quote_name('page_ptr_id')} = %s",
                [lecture.pk],
            )
        Page.objects.filter(pk=lecture.pk).update(content_type=event_type)

        converted = EventPage.objects.get(pk=lecture.pk)
        content = get_serializable_data_for_fields(converted)
        content["content_type"] = event_type.pk
        content["speakers"] = [
            get_serializable_data_for_fields(speaker)
            for speaker in EventSpeaker.objects.filter(page_id=lecture.pk)
        ]
        content["documents"] = [
            get_serializable_data_for_fields(document)
            for document in EventDocument.objects.filter(page_id=lecture.pk)
        ]
        content["audiences"] = []
        revision = Revision.objects.create(
            content_type=event_type,
            base_content_type=page_type,
            object_id=str(lecture.pk),
            created_at=timezone.now(),
            content=content,
            object_str=lecture.title,
        )
        changes = {"latest_revision": revision, "draft_title": lecture.title}
        if lecture.live:
            changes["live_revision"] = revision
        changes["has_unpublished_changes"] = not lecture.live
        Page.objects.filter(pk=lecture.pk).update(**changes)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("events", "0002_event_keeps_legacy_calendar_uid"),
        ("pages", "0006_lectureship_names_its_event_series"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(lectures_become_events, migrations.RunPython.noop)]
