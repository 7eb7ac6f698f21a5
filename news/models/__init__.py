"""The news app's models: stories (stories.py), the feeds they are imported from
(sources.py) and the alumni updates that became stories (alumni.py)."""

from news.models.alumni import AlumniStory
from news.models.sources import ImportedFeedItem, StorySource, StorySourceRun
from news.models.stories import (
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    NewsPageManager,
    NewsPagePerson,
    NewsPageQuerySet,
    NewsPageTag,
)

__all__ = [
    "AlumniStory",
    "ImportedFeedItem",
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageManager",
    "NewsPagePerson",
    "NewsPageQuerySet",
    "NewsPageTag",
    "StorySource",
    "StorySourceRun",
]
