"""The block library every body StreamField on the site builds on.

``BaseStreamBlock`` holds the blocks any app may use; an app adds blocks of its own by
subclassing it (news adds the featured-news teaser in ``news.blocks``). Keep the set stable:
adding or renaming a block changes every page model's migration, so new needs are met with
options on existing blocks where that reads naturally. Every block's ``Meta`` gives a
``description`` and a preview value, which editors see in the block chooser.
"""

from wagtail import blocks

from dlhs.blocks.figures import ComparisonTableBlock, CycleDiagramBlock, cycle_layout
from dlhs.blocks.links import LinkBlock, LinkValue
from dlhs.blocks.media import ImageBlock, LinkCardBlock, LinkCardsBlock, VideoBlock
from dlhs.blocks.text import (
    RICH_TEXT_FEATURES,
    CallToActionBlock,
    GoalListBlock,
    HeadingBlock,
    QuoteBlock,
    RichTextBlock,
)


class BaseStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = RichTextBlock()
    image = ImageBlock()
    comparison_table = ComparisonTableBlock()
    cycle_diagram = CycleDiagramBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    link_cards = LinkCardsBlock()
    video = VideoBlock()
    goals = GoalListBlock()


__all__ = [
    "RICH_TEXT_FEATURES",
    "BaseStreamBlock",
    "CallToActionBlock",
    "ComparisonTableBlock",
    "CycleDiagramBlock",
    "GoalListBlock",
    "HeadingBlock",
    "ImageBlock",
    "LinkBlock",
    "LinkCardBlock",
    "LinkCardsBlock",
    "LinkValue",
    "QuoteBlock",
    "RichTextBlock",
    "VideoBlock",
    "cycle_layout",
]
