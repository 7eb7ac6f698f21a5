"""RSS 2.0 and Atom feeds of newly announced events, newest announcement first.

Served by EventIndexPage at feed/rss/ and feed/atom/. An item's date is when the event was
first published (announced), not when it takes place; its text says when and where.
"""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import format_html

from dlhs.models import SiteSettings
from events.models import EventPage


class AnnouncedEventsRssFeed(Feed):
    """Made for one request: ``AnnouncedEventsRssFeed(event_index)(request)``."""

    feed_type = Rss201rev2Feed

    def __init__(self, event_index):
        self.event_index = event_index
        self.request = None

    def get_object(self, request):
        self.request = request
        return {
            "events": self.event_index.events().order_by("-first_published_at", "-pk")[
                : self.event_index.feed_length
            ],
            "site_name": SiteSettings.for_request(request).department_name,
        }

    def title(self, feed):
        return f"{self.event_index.title} – newly announced – {feed['site_name']}"

    def link(self, feed):
        return self.event_index.get_url(self.request)

    def feed_url(self, feed):
        return self.request.path

    def description(self, feed):
        return self.event_index.intro or f"Events of the {feed['site_name']}."

    def author_name(self, feed):
        return feed["site_name"]

    def items(self, feed):
        return feed["events"]

    def item_title(self, event):
        if event.status != EventPage.SCHEDULED:
            return f"{event.get_status_display()}: {event.title}"
        return event.title

    def item_description(self, event):
        local = event.local_start
        when = (
            local.strftime("%A, %B %-d, %Y")
            if event.all_day
            else local.strftime("%A, %B %-d, %Y, %-I:%M %p %Z")
        )
        where = event.location_text or event.get_attendance_display()
        return format_html("<p>{} · {}</p><p>{}</p>", when, where, event.summary)

    def item_link(self, event):
        return event.get_url(self.request)

    def item_guid(self, event):
        return f"urn:uuid:{event.translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, event):
        return event.first_published_at

    def item_updateddate(self, event):
        return event.last_published_at or event.first_published_at

    def item_categories(self, event):
        names = [event.kind.name]
        if event.series_id:
            names.append(event.series.name)
        return names + [audience.name for audience in event.audiences.all()]


class AnnouncedEventsAtomFeed(AnnouncedEventsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, feed):
        return self.description(feed)
