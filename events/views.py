"""What the calendar's pages and files show: the listing, an event, a series, and the
iCalendar files of each (served by the routes of EventIndexPage and EventPage)."""

import datetime
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from dlhs.cache import cached_fragment
from dlhs.links import link_address
from dlhs.pagination import paginate
from events import calendar, schedule
from events.listing import (
    EventFilters,
    vocabulary,
    vocabulary_choices,
    with_urls,
    year_choices,
)
from events.models import EventAudience, EventKind, EventPage, EventSeries

# Calendar files carry a year of past events: enough for "what did I attend", and bounded.
CALENDAR_FILE_HISTORY = datetime.timedelta(days=366)
UPCOMING_SESSIONS = 12
VOCABULARIES = {"kind": EventKind, "series": EventSeries, "audience": EventAudience}


def subscription(request, url, title):
    """A calendar file's download address and its webcal:// twin for subscribing."""
    absolute = request.build_absolute_uri(url)
    return {
        "title": title,
        "url": url,
        "webcal": "webcal://" + absolute.split("://", 1)[1],
    }


def calendar_context(index, request):
    filters = EventFilters.from_query(request.GET)
    archive = index.events()
    base = index.get_url(request)
    query = filters.as_query()
    # Which kinds, series and audiences the calendar's events have does not depend on the
    # visitor or the date: read once per published change, like the news facets.
    pairs = cached_fragment(
        "event-vocabularies",
        lambda: {name: vocabulary(model, archive) for name, model in VOCABULARIES.items()},
        index.pk,
    )
    kinds = with_urls(
        vocabulary_choices(pairs["kind"], filters.kind, "No such kind of event"),
        "kind",
        query,
        base,
    )
    series = with_urls(
        vocabulary_choices(pairs["series"], filters.series, "No such series"),
        "series",
        query,
        base,
    )
    audiences = with_urls(
        vocabulary_choices(pairs["audience"], filters.audience, "No such audience"),
        "audience",
        query,
        base,
    )
    years = with_urls(year_choices(archive, filters.year), "year", query, base)
    page_obj = paginate(request, filters.apply(archive), index.events_per_page)
    if page_obj.number > 1:
        query["page"] = page_obj.number
    subscriptions = [subscription(request, base + index.reverse_subpage("calendar"), index.title)]
    for choice in kinds:
        if choice.selected:
            route = index.reverse_subpage("kind_calendar", kwargs={"slug": choice.value})
            subscriptions.append(subscription(request, base + route, f"{choice.label} events"))
    for choice in series:
        if choice.selected:
            route = index.reverse_subpage("series_calendar", kwargs={"slug": choice.value})
            subscriptions.append(subscription(request, base + route, choice.label))
    selected_year = next((choice for choice in years if choice.selected), None)
    return {
        "filters": filters,
        "kinds": kinds,
        "series_choices": series,
        "audiences": audiences,
        "years": years,
        "selected_year": selected_year,
        "selected_choices": [
            choice
            for choices in (kinds, series, audiences, years)
            for choice in choices
            if choice.selected
        ],
        "page_obj": page_obj,
        "events": page_obj.object_list,
        "subscriptions": subscriptions,
        "feeds": feeds(index, request),
        "canonical_url": index.get_full_url(request) + (f"?{urlencode(query)}" if query else ""),
    }


def feeds(index, request):
    base = index.get_url(request)
    return [
        {
            "name": name,
            "type": content_type,
            "url": base + index.reverse_subpage(route),
            "title": f"Newly announced events ({name})",
        }
        for name, content_type, route in [
            ("RSS", "application/rss+xml", "rss_feed"),
            ("Atom", "application/atom+xml", "atom_feed"),
        ]
    ]


def event_context(event, request):
    speakers = list(event.speakers.select_related("person"))
    for speaker in speakers:
        person = speaker.person if speaker.person_id else None
        speaker.profile_url = link_address(page=person, request=request) if person else ""
    rescheduled_to = None
    if event.rescheduled_to_id:
        rescheduled_to = EventPage.objects.live().public().filter(pk=event.rescheduled_to_id)
        rescheduled_to = rescheduled_to.first()
    index = event.calendar_page()
    series_url = ""
    if event.series_id and index is not None:
        series_url = index.get_url(request) + index.reverse_subpage(
            "series", kwargs={"slug": event.series.slug}
        )
    return {
        "speakers": speakers,
        "documents": list(event.documents.select_related("document")),
        "rescheduled_to": rescheduled_to,
        "calendar_page": index,
        "series_url": series_url,
        "subscription": subscription(
            request, event.get_url(request) + event.reverse_subpage("calendar"), event.title
        ),
    }


def calendar_window(events):
    return events.filter(ends_at__gte=timezone.now() - CALENDAR_FILE_HISTORY).order_by(
        "starts_at", "pk"
    )


def series_with_url(index, request, series):
    route = index.reverse_subpage("series", kwargs={"slug": series.slug})
    return series, request.build_absolute_uri(index.get_url(request) + route)


def whole_calendar(index, request):
    events = calendar_window(index.events())
    recurring = EventSeries.objects.exclude(frequency="").prefetch_related("schedule_changes")
    body = calendar.events_calendar(
        index.title,
        events,
        request,
        series=[series_with_url(index, request, series) for series in recurring],
    )
    return calendar.calendar_response(body, index.slug)


def kind_calendar(index, request, slug):
    kind = get_object_or_404(EventKind, slug=slug)
    events = calendar_window(index.events().filter(kind=kind))
    body = calendar.events_calendar(f"{kind.name} – {index.title}", events, request)
    return calendar.calendar_response(body, kind.slug)


def find_series(slug):
    series = EventSeries.objects.prefetch_related("schedule_changes").filter(slug=slug).first()
    if series is None:
        raise Http404("No such series")
    return series


def series_calendar(index, request, slug):
    series = find_series(slug)
    events = calendar_window(index.events().filter(series=series))
    body = calendar.events_calendar(
        series.name, events, request, series=[series_with_url(index, request, series)]
    )
    return calendar.calendar_response(body, series.slug)


def series_page(index, request, slug):
    series = find_series(slug)
    events = index.events().filter(series=series)
    base = index.get_url(request)
    context = {
        "page": index,
        "self": index,
        "series": series,
        "upcoming_events": list(events.upcoming()),
        "past_by_year": schedule.by_academic_year(events.past()),
        "sessions": series.occurrences(after=timezone.now(), limit=UPCOMING_SESSIONS),
        "schedule_description": series.describe_schedule(),
        "subscription": subscription(
            request,
            base + index.reverse_subpage("series_calendar", kwargs={"slug": series.slug}),
            series.name,
        ),
        "canonical_url": request.build_absolute_uri(
            base + index.reverse_subpage("series", kwargs={"slug": series.slug})
        ),
    }
    return TemplateResponse(request, "events/event_series.html", context)
