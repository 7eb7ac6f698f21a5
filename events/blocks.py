"""Blocks of the calendar: the body of an event, and “Upcoming events” for any page body."""

from django.utils.http import urlencode
from wagtail import blocks

from dlhs.blocks import BaseStreamBlock


class UpcomingEventsBlock(blocks.StructBlock):
    """The next few events, maybe of one series, kind or audience, with a link to the calendar."""

    heading = blocks.CharBlock(default="Upcoming events", max_length=255)
    count = blocks.IntegerBlock(default=3, min_value=1, max_value=12)
    series = blocks.CharBlock(
        required=False, help_text="Only this series (its slug, e.g. hiss-lectureship)."
    )
    kind = blocks.CharBlock(required=False, help_text="Only this kind (its slug, e.g. webinar).")
    audience = blocks.CharBlock(
        required=False, help_text="Only events for this audience (its slug, e.g. alumni)."
    )

    class Meta:
        icon = "date"
        label = "Upcoming events"
        template = "blocks/upcoming_events_block.html"
        description = "The next events of the calendar, with a link to all events."
        preview_value = {"heading": "Upcoming events", "count": 3}

    def get_context(self, value, parent_context=None):
        # Imported here: events.models builds its event body from this module.
        from events.models import EventIndexPage, EventPage

        context = super().get_context(value, parent_context=parent_context)
        events = EventPage.objects.upcoming()
        filters = {}
        for name in ("series", "kind", "audience"):
            if value.get(name):
                filters[name] = value[name].strip().lower()
        if "series" in filters:
            events = events.filter(series__slug=filters["series"])
        if "kind" in filters:
            events = events.filter(kind__slug=filters["kind"])
        if "audience" in filters:
            events = events.filter(audiences__slug=filters["audience"]).distinct()
        context["events"] = list(events[: value["count"]])
        context["calendar"] = EventIndexPage.objects.live().public().first()
        context["calendar_query"] = urlencode(filters)
        return context


class EventStreamBlock(BaseStreamBlock):
    """The body of an event: the shared blocks."""
