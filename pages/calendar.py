"""iCalendar (RFC 5545) files for lectures, one event or the whole series."""

import datetime

from django.utils import timezone
from django.utils.html import strip_tags
from icalendar import Calendar, Event, vText

PRODUCT_ID = "-//University of Michigan//Department of Learning Health Sciences//EN"


def single_event_calendar(lecture, request):
    calendar = _new_calendar(lecture.title)
    calendar.add_component(_event(lecture, request))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def series_calendar(series_page, lectures, request):
    calendar = _new_calendar(series_page.title)
    for lecture in lectures:
        calendar.add_component(_event(lecture, request))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _new_calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(lecture, request):
    site_host = request.get_host().split(":")[0] if request else "dlhs"
    url = lecture.get_full_url(request=request)
    event = Event()
    # A UID that survives edits to the title or date, so calendars update instead of duplicating.
    event.add("uid", f"lecture-{lecture.pk}@{site_host}")
    event.add("dtstamp", (lecture.last_published_at or timezone.now()).astimezone(datetime.UTC))
    event.add("dtstart", lecture.starts_at)
    event.add("dtend", lecture.ends_at)
    event.add("summary", f"{lecture.title} ({lecture.speaker_name})")
    description = strip_tags(lecture.abstract or "").strip()
    if url:
        description = f"{description}\n\n{url}".strip()
        event.add("url", url)
    if description:
        event.add("description", description)
    location = ", ".join(
        part for part in (lecture.venue, lecture.venue_address.replace("\n", ", ")) if part
    )
    if location:
        event["location"] = vText(location)
    elif lecture.online_url:
        event["location"] = vText(lecture.online_url)
    return event
