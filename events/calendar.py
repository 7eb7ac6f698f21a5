"""iCalendar (RFC 5545) files of the calendar: one event, a kind, a series or everything.

Each event keeps its UID for life (its page's translation key), so calendar programs update
their copy; SEQUENCE grows with each publication, and a cancelled event stays in the file
with STATUS:CANCELLED so subscribers see it go. A series with a recurring schedule is one
VEVENT with RRULE and EXDATE, plus one VEVENT per moved session (RECURRENCE-ID).
"""

import datetime

from django.http import HttpResponse
from django.utils import timezone
from icalendar import Calendar, Event, vRecur, vText

from events.schedule import session_length

PRODUCT_ID = "-//University of Michigan//Department of Learning Health Sciences//Events//EN"
UID_DOMAIN = "events.dlhs"
ICAL_STATUS = {
    "scheduled": "CONFIRMED",
    "moved_online": "CONFIRMED",
    "postponed": "TENTATIVE",
    "cancelled": "CANCELLED",
    # The old date of a rescheduled event is off; the new date is an event of its own.
    "rescheduled": "CANCELLED",
}
WEEKDAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def new_calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    return calendar


def events_calendar(name, events, request, series=()):
    """The bytes of a calendar of ``events``, and of the recurring schedules of ``series``
    (pairs of a series and the address of its page)."""
    calendar = new_calendar(name)
    for event in events:
        calendar.add_component(event_component(event, request))
    for one, url in series:
        for component in series_components(one, url):
            calendar.add_component(component)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def event_uid(event, request=None):
    if event.legacy_calendar_uid:
        # The form of the lectureship's first calendar files: the host was the site's.
        host = request.get_host().split(":")[0] if request else "dlhs"
        return f"{event.legacy_calendar_uid}@{host}"
    return f"event-{event.translation_key}@{UID_DOMAIN}"


def event_component(event, request):
    component = Event()
    component.add("uid", event_uid(event, request))
    stamp = event.last_published_at or timezone.now()
    component.add("dtstamp", stamp.astimezone(datetime.UTC))
    component.add("sequence", event.sequence)
    if event.all_day:
        component.add("dtstart", event.local_start.date())
        component.add("dtend", event.local_end.date())
    else:
        component.add("dtstart", event.local_start)
        component.add("dtend", event.local_end)
    component.add("summary", event.title)
    component.add("status", ICAL_STATUS[event.status])
    url = event.get_full_url(request=request)
    description = event.summary
    if event.status_note:
        description = f"{event.get_status_display()}: {event.status_note}\n\n{description}"
    if url:
        component.add("url", url)
        description = f"{description}\n\n{url}"
    component.add("description", description.strip())
    if event.location_text:
        component["location"] = vText(event.location_text)
    elif event.is_online:
        component["location"] = vText("Online")
    if event.kind_id:
        component.add("categories", [event.kind.name])
    return component


def series_uid(series):
    return f"series-{series.pk}@{UID_DOMAIN}"


def series_rule(series):
    rule = {"freq": series.frequency.upper(), "interval": series.interval}
    day = WEEKDAY_CODES[series.weekday]
    rule["byday"] = f"{series.week_of_month}{day}" if series.frequency == "monthly" else day
    if series.last_date:
        until = datetime.datetime.combine(series.last_date, datetime.time.max, tzinfo=series.tz)
        rule["until"] = until.astimezone(datetime.UTC).replace(microsecond=0)
    return vRecur(rule)


def series_components(series, url=""):
    """The VEVENTs of a recurring series: the rule, and one for each moved session."""
    if not series.is_recurring:
        return []
    occurrences = series.occurrences()
    if not occurrences:
        return []
    stamp = timezone.now().astimezone(datetime.UTC)
    first = min(occurrences, key=lambda occurrence: occurrence.original_start)
    main = Event()
    main.add("uid", series_uid(series))
    main.add("dtstamp", stamp)
    main.add("sequence", series.sequence)
    main.add("summary", series.name)
    main.add("dtstart", first.original_start)
    main.add("dtend", first.original_start + session_length(series))
    main.add("rrule", series_rule(series))
    moved = [o for o in occurrences if o.changed]
    cancelled = [o.original_start for o in occurrences if o.cancelled]
    if cancelled:
        main.add("exdate", cancelled)
    if series.description:
        main.add("description", series.description)
    if series.place:
        main["location"] = vText(series.place)
    elif series.join_url:
        main["location"] = vText("Online")
    if url:
        main.add("url", url)
    components = [main]
    for occurrence in moved:
        change = Event()
        change.add("uid", series_uid(series))
        change.add("dtstamp", stamp)
        change.add("sequence", series.sequence)
        change.add("recurrence-id", occurrence.original_start)
        change.add("summary", series.name)
        change.add("dtstart", occurrence.starts_at)
        change.add("dtend", occurrence.ends_at)
        if occurrence.note:
            change.add("description", occurrence.note)
        if url:
            change.add("url", url)
        components.append(change)
    return components


def calendar_response(body, name):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.ics"'
    return response
