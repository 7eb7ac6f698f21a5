"""The "Upcoming events" block of page bodies: the next N events, filtered, or an empty state."""

import pytest
from bs4 import BeautifulSoup
from django.test import RequestFactory

from events.blocks import UpcomingEventsBlock
from pages.blocks import DepartmentStreamBlock

pytestmark = pytest.mark.django_db


def render(home, **value):
    block = UpcomingEventsBlock()
    html = block.render(
        block.to_python({"heading": "Upcoming events", "count": 2, **value}),
        context={"request": RequestFactory().get("/"), "page": home},
    )
    return BeautifulSoup(html, "html.parser")


def titles(html):
    return [title.get_text(strip=True) for title in html.select(".event-card__title")]


def test_the_next_events_in_order(home, add_event):
    add_event("Third", days=3)
    add_event("First", days=1)
    add_event("Second", days=2)
    add_event("Over", days=-1)
    html = render(home)
    assert titles(html) == ["First", "Second"]
    assert html.select_one(".upcoming-events__more a")["href"] == "/events/"


def test_of_one_audience_or_kind_with_a_filtered_link(home, add_event, alumni, webinar):
    add_event("For alumni", days=2, audiences=[alumni])
    add_event("A webinar", days=3, kind=webinar)
    html = render(home, audience="alumni")
    assert titles(html) == ["For alumni"]
    assert html.select_one(".upcoming-events__more a")["href"] == "/events/?audience=alumni"
    assert titles(render(home, kind="webinar")) == ["A webinar"]


def test_the_empty_state_links_to_the_calendar(home, event_index):
    html = render(home, series="lhs-collaboratory")
    assert titles(html) == []
    assert html.select_one(".empty-state a")["href"] == "/events/"


def test_department_pages_may_use_it():
    assert isinstance(DepartmentStreamBlock().child_blocks["upcoming_events"], UpcomingEventsBlock)
