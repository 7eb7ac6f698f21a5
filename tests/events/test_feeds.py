"""The feeds of newly announced events, read with feedparser."""

import datetime

import feedparser
import pytest
from django.utils import timezone

from events.models import EventPage

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("route", ["rss", "atom"])
def test_newly_announced_events_newest_announcement_first(client, add_event, route):
    older = add_event("Announced first", days=30)
    EventPage.objects.filter(pk=older.pk).update(
        first_published_at=timezone.now() - datetime.timedelta(days=3)
    )
    add_event("Announced last", days=60, status=EventPage.CANCELLED)
    response = client.get(f"/events/feed/{route}/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    assert [entry.title for entry in feed.entries] == [
        "Cancelled: Announced last",
        "Announced first",
    ]
    assert feed.entries[1].link == f"http://testserver{older.url}"
    assert feed.entries[1].id == f"urn:uuid:{older.translation_key}"
    assert "Taubman" in feed.entries[1].summary
