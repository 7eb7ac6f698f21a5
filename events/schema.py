"""schema.org data about events, for the JSON-LD in an event's <head>."""

import datetime

from django.utils.html import strip_tags

from dlhs import seo

ATTENDANCE_MODE = {
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "hybrid": "https://schema.org/MixedEventAttendanceMode",
}
EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
    "moved_online": "https://schema.org/EventMovedOnline",
    "rescheduled": "https://schema.org/EventRescheduled",
}


def iso(moment, all_day):
    """A date for an all-day event, else the time with its offset."""
    return moment.date().isoformat() if all_day else moment.isoformat()


def event(page, request):
    url = page.get_full_url(request)
    attendance = "online" if page.status == page.MOVED_ONLINE else page.attendance
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": page.title,
        "url": url,
        "description": page.summary,
        "startDate": iso(page.local_start, page.all_day),
        # An all-day event's end is the next midnight; schema.org wants its last day.
        "endDate": iso(page.local_end - datetime.timedelta(days=1), True)
        if page.all_day
        else page.local_end.isoformat(),
        "eventStatus": EVENT_STATUS[page.status],
        "eventAttendanceMode": ATTENDANCE_MODE[attendance],
        "organizer": seo.department(request),
    }
    locations = []
    if page.is_in_person:
        place = {"@type": "Place", "name": ", ".join(p for p in (page.room, page.place) if p)}
        if page.address:
            place["address"] = " ".join(page.address.split())
        place["name"] = place["name"] or place.get("address", "")
        locations.append(place)
    if page.is_online:
        locations.append({"@type": "VirtualLocation", "url": page.join_url or url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    performers = []
    for speaker in page.speakers.all():
        performer = {"@type": "Person", "name": speaker.display_name}
        if speaker.affiliation:
            performer["affiliation"] = {"@type": "Organization", "name": speaker.affiliation}
        person = speaker.person if speaker.person_id else None
        if person is not None and person.live:
            performer["url"] = person.get_full_url(request)
        performers.append(performer)
    if performers:
        data["performer"] = performers
    image = seo.image_url(request, page.image)
    if image:
        data["image"] = [image]
    if page.series_id:
        data["superEvent"] = {"@type": "EventSeries", "name": page.series.name}
        index = page.calendar_page()
        if index is not None:
            route = index.reverse_subpage("series", kwargs={"slug": page.series.slug})
            url = request.build_absolute_uri(index.get_url(request) + route)
            data["superEvent"]["url"] = url
    if page.registration_url:
        data["offers"] = {
            "@type": "Offer",
            "url": page.registration_url,
            "availability": "https://schema.org/InStock",
        }
    elif page.no_registration_needed:
        data["isAccessibleForFree"] = True
    if page.show_recording:
        data["recordedIn"] = recording(page, request)
    return data


def recording(page, request):
    video = {
        "@type": "VideoObject",
        "name": f"Recording: {page.title}",
        "description": page.summary,
        "uploadDate": page.local_start.isoformat(),
        "transcript": " ".join(strip_tags(page.transcript).split()),
    }
    if page.recording_file_id:
        video["contentUrl"] = request.build_absolute_uri(page.recording_file.url)
    else:
        video["embedUrl"] = page.recording_url
    thumbnail = seo.image_url(request, page.image)
    if thumbnail:
        video["thumbnailUrl"] = thumbnail
    return video
