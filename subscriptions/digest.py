"""What goes into a digest: sections, each the new items of some kinds of topic.

A section collects its items once for a whole batch of subscribers (one set of queries
however many subscribers the batch holds); each subscriber's digest is then picked from
those items in Python by topic and date. Adding a kind of content (events) is one more
``DigestSection`` subclass in ``DIGEST_SECTIONS``.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q

from events.models import EventPage
from news.models import NewsPage
from subscriptions.links import absolute_url
from subscriptions.models import SubscriptionTopic

Kind = SubscriptionTopic.Kind


@dataclass(frozen=True)
class DigestImage:
    url: str
    alt: str
    width: int
    height: int


@dataclass(frozen=True)
class DigestItem:
    """One story or event as a digest lists it: all links absolute."""

    title: str
    url: str
    summary: str
    date_label: str
    published_at: datetime
    topic_ids: frozenset
    image: DigestImage | None = None


@dataclass
class DigestPart:
    heading: str
    items: list = field(default_factory=list)


def page_item(page, topic_ids, summary, day, image=None):
    """A digest item for a live page: its absolute address and its first publication."""
    return DigestItem(
        title=page.title,
        url=absolute_url(page.get_url()),
        summary=summary,
        date_label=f"{day:%B} {day.day}, {day.year}",
        published_at=page.first_published_at,
        topic_ids=frozenset(topic_ids),
        image=image,
    )


class DigestSection:
    """Items of the topic kinds in ``topic_kinds``, first published in (since, until]."""

    heading = ""
    topic_kinds = frozenset()
    most_items = 20
    image_filter = "fill-160x107"

    def collect(self, topics, since, until):
        raise NotImplementedError

    def topics_of_mine(self, topics):
        return [topic for topic in topics if topic.kind in self.topic_kinds]

    def image(self, image):
        if image is None:
            return None
        rendition = image.get_rendition(self.image_filter)
        return DigestImage(
            url=absolute_url(rendition.url),
            alt=image.alt_text,
            width=rendition.width,
            height=rendition.height,
        )

    @staticmethod
    def by_reference(topics, kind):
        """{tag, category or series slug: ids of the topics of ``kind`` that follow it}."""
        found = {}
        for topic in topics:
            if topic.kind == kind:
                found.setdefault(topic.reference, set()).add(topic.pk)
        return found


class StorySection(DigestSection):
    """News stories, by tag, by category or all of them."""

    heading = "News and stories"
    topic_kinds = frozenset({Kind.ALL_NEWS, Kind.NEWS_TAG, Kind.NEWS_CATEGORY})

    def collect(self, topics, since, until):
        topics = self.topics_of_mine(topics)
        if not topics:
            return []
        everything = {topic.pk for topic in topics if topic.kind == Kind.ALL_NEWS}
        by_tag = self.by_reference(topics, Kind.NEWS_TAG)
        by_category = self.by_reference(topics, Kind.NEWS_CATEGORY)
        stories = (
            NewsPage.objects.live()
            .public()
            .filter(first_published_at__gt=since, first_published_at__lte=until)
        )
        if not everything:
            stories = stories.filter(
                Q(tags__slug__in=by_tag) | Q(category__slug__in=by_category)
            ).distinct()
        stories = (
            stories.select_related("category", "hero_image")
            .prefetch_related("tagged_items__tag", "hero_image__renditions")
            .order_by("-date", "-first_published_at", "-pk")
        )
        items = []
        for story in stories:
            topic_ids = set(everything)
            for tagged in story.tagged_items.all():
                topic_ids |= by_tag.get(tagged.tag.slug, set())
            if story.category:
                topic_ids |= by_category.get(story.category.slug, set())
            items.append(
                page_item(
                    story,
                    topic_ids,
                    summary=story.teaser,
                    day=story.date,
                    image=self.image(story.hero_image),
                )
            )
        return items


class EventSection(DigestSection):
    """Events newly announced, all of them or those of a series, soonest first; an event
    that is already over by the time the digest goes out is left out."""

    heading = "Events"
    topic_kinds = frozenset({Kind.EVENTS, Kind.EVENT_SERIES})

    def collect(self, topics, since, until):
        topics = self.topics_of_mine(topics)
        if not topics:
            return []
        everything = {topic.pk for topic in topics if topic.kind == Kind.EVENTS}
        by_series = self.by_reference(topics, Kind.EVENT_SERIES)
        events = (
            EventPage.objects.upcoming(now=until)
            .filter(first_published_at__gt=since, first_published_at__lte=until)
            .select_related("series")
        )
        if not everything:
            events = events.filter(series__slug__in=by_series)
        items = []
        for event in events:
            series_slug = event.series.slug if event.series else ""
            items.append(
                page_item(
                    event,
                    everything | by_series.get(series_slug, set()),
                    summary=event.summary,
                    day=event.local_start.date(),
                    image=self.image(event.image),
                )
            )
        return items


DIGEST_SECTIONS = [StorySection(), EventSection()]


class DigestBatch:
    """The new items of every section for a batch of subscribers, collected once."""

    def __init__(self, topics, since, until, sections=None):
        self.until = until
        self.parts = [
            (section, section.collect(topics, since, until))
            for section in (DIGEST_SECTIONS if sections is None else sections)
        ]

    def digest_for(self, topic_ids, since):
        """The parts of one subscriber's digest (empty when nothing is new for them)."""
        topic_ids = set(topic_ids)
        digest = []
        for section, items in self.parts:
            mine = [
                item for item in items if item.published_at > since and item.topic_ids & topic_ids
            ][: section.most_items]
            if mine:
                digest.append(DigestPart(section.heading, mine))
        return digest
