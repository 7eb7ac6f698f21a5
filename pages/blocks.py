"""The block library every body StreamField on the site uses.

Keep the set of blocks stable: adding or renaming a block changes every page model's
migration, so new needs are met with options on existing blocks where that reads naturally.
"""

import hashlib
import math
import textwrap

from django.apps import apps
from django.forms.utils import ErrorList
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import (
    TypedTableBlock,
    TypedTableBlockValidationError,
)
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]


class LinkValue(blocks.StructValue):
    @property
    def url(self):
        page = self.get("page")
        if page:
            return page.url
        document = self.get("document")
        if document:
            return document.url
        return self.get("link_url") or ""

    @property
    def text(self):
        if self.get("label"):
            return self["label"]
        page = self.get("page")
        if page:
            return page.title
        document = self.get("document")
        if document:
            return document.title
        return self.get("link_url") or ""


class LinkBlock(blocks.StructBlock):
    """A link to a page of this site, a document, or another site: exactly one of them."""

    label = blocks.CharBlock(required=False, help_text="Leave empty to use the page's title.")
    page = blocks.PageChooserBlock(required=False)
    document = DocumentChooserBlock(required=False)
    link_url = blocks.URLBlock(required=False, label="Web address")

    class Meta:
        icon = "link"
        label = "Link"
        value_class = LinkValue

    def __init__(self, *args, required=True, **kwargs):
        self._link_required = required
        super().__init__(*args, **kwargs)

    @property
    def required(self):
        return self._link_required

    def clean(self, value):
        value = super().clean(value)
        chosen = [name for name in ("page", "document", "link_url") if value.get(name)]
        if len(chosen) > 1:
            raise StructBlockValidationError(
                block_errors={
                    name: ErrorList(["Choose only one of page, document or web address."])
                    for name in chosen
                }
            )
        if self._link_required and not chosen:
            raise StructBlockValidationError(
                block_errors={"page": ErrorList(["Choose a page, a document or a web address."])}
            )
        if not chosen and value.get("label"):
            raise StructBlockValidationError(
                block_errors={"label": ErrorList(["A link text needs somewhere to link to."])}
            )
        return value


class HeadingBlock(blocks.StructBlock):
    heading_text = blocks.CharBlock(label="Heading", max_length=255)
    level = blocks.ChoiceBlock(
        choices=[("h2", "Section heading (h2)"), ("h3", "Sub-heading (h3)"), ("h4", "Minor (h4)")],
        default="h2",
        help_text="Use levels in order: a sub-heading belongs under a section heading.",
    )

    class Meta:
        icon = "title"
        label = "Heading"
        template = "blocks/heading_block.html"


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = "Text"
        template = "blocks/rich_text_block.html"


class ImageBlock(blocks.StructBlock):
    """A picture with the alt text this place needs; the caption and credit are optional."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=255,
        help_text="Describe what the picture shows for people who cannot see it.",
    )
    caption = blocks.CharBlock(required=False, max_length=255)
    credit = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "image"
        label = "Image"
        template = "blocks/image_block.html"


class ComparisonTableBlock(blocks.StructBlock):
    """A table with a header row: columns and rows are added in the editor."""

    intro = blocks.CharBlock(required=False, help_text="An optional sentence above the table.")
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock(label="Text")),
            (
                "rich_text",
                blocks.RichTextBlock(features=["bold", "italic", "link"], label="Text with links"),
            ),
        ],
        help_text="The column headings form the header row; give the table a caption.",
    )

    class Meta:
        icon = "table"
        label = "Comparison table"
        template = "blocks/comparison_table_block.html"

    def clean(self, value):
        value = super().clean(value)
        table = value["table"]
        problems = []
        if not (table.caption or "").strip():
            problems.append("Give the table a caption: it says what the table compares.")
        if not table.columns:
            problems.append("Add at least one column.")
        elif any(not (column.get("heading") or "").strip() for column in table.columns):
            problems.append("Give every column a heading: together they form the header row.")
        if problems:
            raise StructBlockValidationError(
                block_errors={"table": TypedTableBlockValidationError(non_block_errors=problems)}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        table = value["table"]
        context["table_id"] = "table-" + short_digest(
            table.caption or "", *(column.get("heading") or "" for column in table.columns)
        )
        return context


class CycleStageBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=60)
    text = blocks.TextBlock(required=False, max_length=400)


class CycleDiagramBlock(blocks.StructBlock):
    """A cycle of 3–6 stages around a central theme, drawn as an SVG with a text alternative."""

    centre = blocks.CharBlock(label="Title at the centre", max_length=90)
    stages = blocks.ListBlock(CycleStageBlock(), min_num=3, max_num=6)
    description = blocks.TextBlock(
        required=False,
        help_text="What the diagram shows, in words: read out to people who cannot see it.",
    )

    class Meta:
        icon = "rotate"
        label = "Cycle diagram"
        template = "blocks/cycle_diagram_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        names = [stage["name"] for stage in value["stages"]]
        context["diagram_id"] = "cycle-" + short_digest(value["centre"], *names)
        context["diagram"] = cycle_layout(value["centre"], names)
        return context


def short_digest(*parts):
    """A stable id fragment, so a block's ids are the same on every render of a page."""
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:10]


BADGE_RADIUS = 12


def cycle_layout(centre_text, names, node_radius=56, arrow_room=56, min_orbit=150.0):
    """Where to draw a cycle diagram: stages clockwise from the top, arcs between them.

    The orbit grows with the number of stages so that every arc between two stages stays long
    enough to carry its arrowhead; the view box is cropped to what is drawn.
    """
    count = len(names)
    # Adjacent stage centres are a chord apart; leave room for two circles and an arrow.
    orbit = max(min_orbit, (2 * node_radius + arrow_room) / (2 * math.sin(math.pi / max(count, 2))))
    centre = orbit + node_radius + 8
    nodes = []
    for index, name in enumerate(names):
        angle = -math.pi / 2 + 2 * math.pi * index / count
        x = round(centre + orbit * math.cos(angle), 1)
        y = round(centre + orbit * math.sin(angle), 1)
        nodes.append(
            {
                "name": name,
                "number": index + 1,
                "x": x,
                "y": y,
                "r": node_radius,
                "angle": angle,
                # The stage's number sits at the top inside its circle, its name below it.
                "badge_x": x,
                "badge_y": round(y - node_radius + BADGE_RADIUS + 4, 1),
                "lines": text_lines(name, 11, y + BADGE_RADIUS - 5, line_height=16),
            }
        )
    # Each arc runs along the orbit from just outside one stage to just outside the next.
    gap = 2 * math.asin(min(1.0, (node_radius + 6) / (2 * orbit)))
    xs = [value for node in nodes for value in (node["x"] - node_radius, node["x"] + node_radius)]
    ys = [value for node in nodes for value in (node["y"] - node_radius, node["y"] + node_radius)]
    for node in nodes:
        start = node["angle"] + gap
        end = node["angle"] + 2 * math.pi / count - gap
        node["arc"] = (
            f"M {centre + orbit * math.cos(start):.1f} {centre + orbit * math.sin(start):.1f} "
            f"A {orbit:.1f} {orbit:.1f} 0 0 1 "
            f"{centre + orbit * math.cos(end):.1f} {centre + orbit * math.sin(end):.1f}"
        )
        for step in range(9):
            angle = start + (end - start) * step / 8
            xs.append(centre + orbit * math.cos(angle))
            ys.append(centre + orbit * math.sin(angle))
    margin = 8
    left, top = min(xs) - margin, min(ys) - margin
    width, height = max(xs) + margin - left, max(ys) + margin - top
    return {
        "nodes": nodes,
        "centre": round(centre, 1),
        "hub_radius": round(orbit - node_radius - 14, 1),
        "hub_lines": text_lines(centre_text, 15, centre),
        "view_box": f"{left:.1f} {top:.1f} {width:.1f} {height:.1f}",
        "badge_radius": BADGE_RADIUS,
        "width": round(width),
        "height": round(height),
    }


def text_lines(text, width, middle, line_height=17):
    """Wrap ``text`` and give each line the y at which it sits, centred on ``middle``."""
    lines = textwrap.wrap(text, width) or [""]
    first = middle - line_height * (len(lines) - 1) / 2
    return [
        {"text": line, "y": round(first + line_height * index, 1)}
        for index, line in enumerate(lines)
    ]


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=255)
    role = blocks.CharBlock(required=False, max_length=255, help_text="e.g. PhD student, HILS")

    class Meta:
        icon = "openquote"
        label = "Quote"
        template = "blocks/quote_block.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=255)
    text = blocks.TextBlock(required=False)
    link = LinkBlock()

    class Meta:
        icon = "pick"
        label = "Call to action"
        template = "blocks/call_to_action_block.html"


class LinkCardBlock(blocks.StructBlock):
    title = blocks.CharBlock(required=False, help_text="Leave empty to use the page's title.")
    text = blocks.TextBlock(required=False)
    image = ImageChooserBlock(required=False)
    image_alt_text = blocks.CharBlock(
        required=False, help_text="Needed when the card has an image that says something."
    )
    link = LinkBlock()

    def clean(self, value):
        value = super().clean(value)
        if value.get("image") and not value.get("image_alt_text"):
            raise StructBlockValidationError(
                block_errors={
                    "image_alt_text": ErrorList(["Describe the image for screen readers."])
                }
            )
        return value


class LinkCardsBlock(blocks.StructBlock):
    """A row of cards, each leading to a page: the way into a section of the site."""

    heading = blocks.CharBlock(required=False, max_length=255)
    cards = blocks.ListBlock(LinkCardBlock(), min_num=1)

    class Meta:
        icon = "grip"
        label = "Link cards"
        template = "blocks/link_cards_block.html"


class VideoBlock(blocks.StructBlock):
    """A recorded talk or webinar: embedded from YouTube, Vimeo or another oEmbed site."""

    title = blocks.CharBlock(max_length=255)
    video = EmbedBlock(
        required=False, help_text="The video's address on YouTube, Vimeo or Kaltura."
    )
    description = blocks.TextBlock(required=False)
    link = LinkBlock(required=False, help_text="Where to watch when the video cannot be embedded.")

    class Meta:
        icon = "media"
        label = "Video"
        template = "blocks/video_block.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("video") and not value["link"].url:
            raise StructBlockValidationError(
                block_errors={"video": ErrorList(["Give the video's address or a link to it."])}
            )
        return value


class GoalBlock(blocks.StructBlock):
    title = blocks.TextBlock()
    description = blocks.TextBlock(required=False)


class GoalListBlock(blocks.StructBlock):
    """A numbered list of goals, with an optional note after them."""

    heading = blocks.CharBlock(required=False, max_length=255)
    goals = blocks.ListBlock(GoalBlock(), min_num=1)
    note = blocks.TextBlock(required=False, help_text="A closing sentence after the list.")

    class Meta:
        icon = "list-ol"
        label = "Numbered goals"
        template = "blocks/goal_list_block.html"


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

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # The news app may not be installed in every project that reuses this library.
        if apps.is_installed("news"):
            NewsPage = apps.get_model("news", "NewsPage")
            NewsIndexPage = apps.get_model("news", "NewsIndexPage")
            context["stories"] = NewsPage.objects.featured(
                count=value["count"], tag=value.get("tag") or None
            )
            context["news_index"] = NewsIndexPage.objects.live().public().first()
        else:
            context["stories"] = []
            context["news_index"] = None
        return context


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
    news_teaser = NewsTeaserBlock()
