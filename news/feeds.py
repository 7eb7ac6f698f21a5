"""RSS 2.0 and Atom feeds of a news section: all its stories, or those of a tag or category.

Served by NewsIndexPage at feed/rss/ and feed/atom/, with the listing's ?tag= and ?category=.
Every item links to the story's page on this site, even for a story first published
elsewhere: the feed says where in the item's description.
"""

import datetime
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import format_html

from dlhs.models import SiteSettings
from news.listing import StoryFacets, StoryFilters

FEED_FILTERS = ("tag", "category")


class StoryRssFeed(Feed):
    """Made for one request: ``StoryRssFeed(news_index)(request)``."""

    feed_type = Rss201rev2Feed

    def __init__(self, news_index):
        self.news_index = news_index
        self.request = None

    def get_object(self, request):
        self.request = request
        filters = StoryFilters.from_query(request.GET, names=FEED_FILTERS)
        archive = self.news_index.stories()
        facets = StoryFacets.count(archive, filters)  # a 404 for an unknown tag or category
        query = filters.as_query(names=FEED_FILTERS)
        return {
            "query": f"?{urlencode(query)}" if query else "",
            "about": facets.describe(with_year=False),
            "stories": filters.apply(archive)
            .prefetch_related(None)
            .prefetch_related("tags")[: self.news_index.feed_length],
            "site_name": SiteSettings.for_request(request).department_name,
        }

    def title(self, feed):
        parts = [self.news_index.title, feed["about"], feed["site_name"]]
        return " – ".join(part for part in parts if part)

    def link(self, feed):
        return self.news_index.get_url(self.request) + feed["query"]

    def feed_url(self, feed):
        return self.request.path + feed["query"]

    def description(self, feed):
        return self.news_index.intro or f"News and stories from the {feed['site_name']}."

    def author_name(self, feed):
        return feed["site_name"]

    def items(self, feed):
        return feed["stories"]

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        text = format_html("<p>{}</p>", story.teaser)
        if story.source_url:
            text += format_html(
                '<p>First published at <a href="{}">{}</a>.</p>',
                story.source_url,
                story.source_label,
            )
        return text

    def item_link(self, story):
        return story.get_url(self.request)

    def item_guid(self, story):
        # Stays the same when a story's title, slug or the site's address changes.
        return f"urn:uuid:{story.translation_key}"

    item_guid_is_permalink = False

    def item_pubdate(self, story):
        return datetime.datetime.combine(story.date, datetime.time.min)

    def item_updateddate(self, story):
        return self.item_pubdate(story)

    def item_categories(self, story):
        names = [story.category.name] if story.category else []
        return names + sorted((tag.name for tag in story.tags.all()), key=str.casefold)


class StoryAtomFeed(StoryRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, feed):
        return self.description(feed)
