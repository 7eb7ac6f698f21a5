"""schema.org data about lectures, for the JSON-LD in a lecture's <head>."""

from django.utils.html import strip_tags

from dlhs import seo

ONLINE = "https://schema.org/OnlineEventAttendanceMode"
OFFLINE = "https://schema.org/OfflineEventAttendanceMode"
MIXED = "https://schema.org/MixedEventAttendanceMode"


def lecture_event(lecture, request):
    url = lecture.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": lecture.title,
        "url": url,
        "startDate": lecture.starts_at.isoformat(),
        "endDate": lecture.ends_at.isoformat(),
        "eventStatus": "https://schema.org/EventScheduled",
        "organizer": seo.department(request),
    }
    series = lecture.get_parent()
    if series is not None:
        data["superEvent"] = {
            "@type": "EventSeries",
            "name": series.title,
            "url": series.get_full_url(request),
        }
    abstract = " ".join(strip_tags(lecture.abstract or "").split())
    if abstract:
        data["description"] = abstract
    locations = []
    if lecture.venue or lecture.venue_address:
        place = {"@type": "Place", "name": lecture.venue or lecture.venue_address.split("\n")[0]}
        if lecture.venue_address:
            place["address"] = " ".join(lecture.venue_address.split())
        locations.append(place)
    if lecture.online_url:
        locations.append({"@type": "VirtualLocation", "url": lecture.online_url})
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
        if len(locations) == 2:
            data["eventAttendanceMode"] = MIXED
        else:
            data["eventAttendanceMode"] = ONLINE if lecture.online_url else OFFLINE
    performer = {"@type": "Person", "name": lecture.speaker_name}
    if lecture.speaker_title:
        performer["jobTitle"] = lecture.speaker_title
    if lecture.speaker_affiliation:
        performer["affiliation"] = {"@type": "Organization", "name": lecture.speaker_affiliation}
    person = lecture.speaker_person
    if person is not None and person.live:
        performer["url"] = person.get_full_url(request)
    data["performer"] = performer
    image = seo.image_url(request, lecture.speaker_photo)
    if image:
        data["image"] = [image]
    if lecture.registration_url:
        data["offers"] = {
            "@type": "Offer",
            "url": lecture.registration_url,
            "availability": "https://schema.org/InStock",
        }
    return data
