"""The body of the department's pages: the shared blocks and those of the apps below."""

from dlhs.blocks import BaseStreamBlock
from events.blocks import UpcomingEventsBlock
from news.blocks import NewsTeaserBlock


class DepartmentStreamBlock(BaseStreamBlock):
    """What an editor may put in the body of a department page."""

    news_teaser = NewsTeaserBlock()
    upcoming_events = UpcomingEventsBlock()
