"""Blocks that show stories: the featured-news teaser, and the body of a story."""

from wagtail import blocks

from dlhs.blocks import BaseStreamBlock
from dlhs.cache import cached_fragment


class NewsTeaserBlock(blocks.StructBlock):
    """The featured stories (or the latest, when none is featured) with a link to all news."""

    heading = blocks.CharBlock(default="Featured News & Stories", max_length=255)
    count = blocks.IntegerBlock(default=6, min_value=1, max_value=12)
    tag = blocks.CharBlock(
        required=False,
        help_text="Only stories with this tag (its slug, e.g. alumni). Leave empty for all.",
    )

    class Meta:
        icon = "doc-full"
        label = "News teaser"
        template = "blocks/news_teaser_block.html"
        description = "The featured stories (else the latest), with a link to all news."
        preview_value = {"heading": "Featured News & Stories", "count": 3, "tag": ""}

    def render(self, value, context=None):
        """The same HTML on every page that shows these stories: shared until a change."""
        request = (context or {}).get("request")
        return cached_fragment(
            "news-teaser",
            lambda: super(NewsTeaserBlock, self).render(value, context=context),
            value["heading"],
            value["count"],
            value.get("tag") or "",
            request.get_host() if request else "",
        )

    def get_context(self, value, parent_context=None):
        # Imported here: news.models builds its story body from this module.
        from news.models import NewsIndexPage, NewsPage

        context = super().get_context(value, parent_context=parent_context)
        context["stories"] = NewsPage.objects.featured(
            count=value["count"], tag=value.get("tag") or None
        )
        context["news_index"] = NewsIndexPage.objects.live().public().first()
        return context


class StoryStreamBlock(BaseStreamBlock):
    """The body of a story: the shared blocks and the news teaser."""

    news_teaser = NewsTeaserBlock()
