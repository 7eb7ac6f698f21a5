"""Reading the calendar as a visitor's browser or calendar program would."""

import json

import icalendar
import vobject
from bs4 import BeautifulSoup


def soup(response):
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def card_titles(page):
    return [title.get_text(strip=True) for title in page.select(".event-card__title")]


def json_ld(response, type_name):
    """The JSON-LD object of ``type_name`` in a page's <head>."""
    for script in soup(response).select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        if data.get("@type") == type_name:
            return data
    raise AssertionError(f"no {type_name} in the page's JSON-LD")


def calendar_file(response):
    """The VEVENTs of an .ics response, read by icalendar and, independently, by vobject."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content.decode()
    parsed = icalendar.Calendar.from_ical(body)
    also = vobject.readOne(body)
    events = parsed.walk("VEVENT")
    assert len(events) == len(getattr(also, "vevent_list", []))
    assert sorted(str(e["UID"]) for e in events) == sorted(
        e.uid.value for e in getattr(also, "vevent_list", [])
    )
    return parsed, also
